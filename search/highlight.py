"""Chinese-aware snippets and highlighting, as safe HTML.

Matches are found in the normalized text (so ``ＶＯＣ`` is marked for
``voc``) and marked in the original, one ``<mark>`` per run of matched
characters: a query ``汽车维`` marks all three characters, not two bigrams.
Snippets start and end at a sentence or clause boundary where one is near,
and never split a character or a Latin word.
"""
import html
import re

from .analysis import LETTER, is_cjk, normalize_with_offsets
from .analysis import TOKENS as _PIECES

SNIPPET_LENGTH = 120
_SLACK = 24      # how far to look for a boundary around the snippet's ends
_SENTENCE_END = '。！？；!?;\n'
_CLAUSE_END = '，、：,:'


def mark(text, terms):
    """All of ``text`` as HTML with the matches of ``terms`` marked."""
    spans = _spans(text, terms)
    return _render(text, 0, len(text), spans)


def snippet(text, terms, length=SNIPPET_LENGTH):
    """About ``length`` characters of ``text`` around its densest matches,
    as HTML with the matches marked and ``…`` where text was cut."""
    if not text:
        return ''
    spans = _spans(text, terms)
    if len(text) <= length:
        return _render(text, 0, len(text), spans)
    start = _best_start(spans, length)
    start = _snap_start(text, start)
    end = _snap_end(text, min(len(text), start + length))
    return (('…' if start > 0 else '') + _render(text, start, end, spans)
            + ('…' if end < len(text) else ''))


def _spans(text, terms):
    """Merged ``(start, end, terms)`` character spans of the matches in
    ``text``. A term is a token (one CJK character matches alone, as its
    prefix query does) or a ``(phrase,)`` tuple."""
    if not text or not terms:
        return []
    normalized, offsets = normalize_with_offsets(text)
    pattern = _pattern(tuple(sorted(set(terms), key=lambda t: len(t[0] if isinstance(t, tuple) else t),
                                    reverse=True)))
    found = []
    for m in pattern.finditer(normalized):
        start, end = m.start(1), m.end(1)
        if offsets is not None:
            start, end = offsets[start], offsets[end - 1] + 1
        found.append((start, end, m.group(1)))
    merged = []
    for start, end, term in sorted(found):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] | {term})
        else:
            merged.append((start, end, {term}))
    return merged


_PATTERNS = {}


def _pattern(terms):
    pattern = _PATTERNS.get(terms)
    if pattern is None:
        parts = []
        for term in terms:
            if isinstance(term, tuple):
                # A phrase: its words in order, anything but letters between.
                pieces = [re.escape(m.group()) for m in _PIECES.finditer(term[0])]
                parts.append(r'[\W_]*'.join(pieces))
                continue
            escaped = re.escape(term)
            # Words and numbers match whole, as the analyzer splits them
            # (``app`` in ``APP126``, not in ``apply``); CJK anywhere.
            if is_cjk(term):
                parts.append(escaped)
            elif term.isdigit():
                parts.append(rf'(?<!\d){escaped}(?!\d)')
            else:
                parts.append(rf'(?<!{LETTER}){escaped}(?!{LETTER})')
        # A lookahead finds overlapping matches (``安全`` and ``全生``).
        pattern = re.compile('(?=(' + '|'.join(parts) + '))')
        if len(_PATTERNS) > 256:
            _PATTERNS.clear()
        _PATTERNS[terms] = pattern
    return pattern


def _best_start(spans, length):
    """Where a window of ``length`` characters holds the most distinct terms
    (then the most matches), starting a little before its first match."""
    best, best_score = 0, (0, 0)
    spans = spans[:400]
    for i, (start, _, _) in enumerate(spans):
        terms, count = set(), 0
        for s, e, t in spans[i:]:
            if e > start + length:
                break
            terms |= t
            count += 1
        score = (len(terms), count)
        if score > best_score:
            best, best_score = start, score
    return max(0, best - length // 4)


def _snap_start(text, start):
    """Move ``start`` back to just after a sentence or clause end, if near;
    else forward out of a Latin word."""
    if start == 0:
        return 0
    for ends in (_SENTENCE_END, _CLAUSE_END):
        for i in range(start, max(0, start - _SLACK), -1):
            if text[i - 1] in ends:
                return i
    while start < len(text) and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
        start += 1
    return start


def _snap_end(text, end):
    """Move ``end`` forward to a sentence end, if near; else back out of a
    Latin word."""
    if end >= len(text):
        return len(text)
    for i in range(end, min(len(text), end + _SLACK)):
        if text[i] in _SENTENCE_END:
            return i + 1
    while end > 0 and end < len(text) and text[end].isascii() and text[end].isalnum():
        end -= 1
    return end


def _render(text, start, end, spans):
    out, pos = [], start
    for s, e, _ in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[pos:s]))
        out.append('<mark>' + html.escape(text[s:e]) + '</mark>')
        pos = e
    out.append(html.escape(text[pos:end]))
    return ''.join(out)
