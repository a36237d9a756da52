"""'Did you mean': a query with one mistyped Chinese character, corrected.

When a bigram of a Chinese query is in no item at all, each character of
it (after the query's first) in turn is replaced by one that makes both of its bigrams words the
index knows (``会废标准``: ``会?`` and ``?标`` -> ``费``). Most such typos come
from a pinyin input method, so a replacement that sounds like the typed
character (``废`` and ``费`` are both *fei*) is preferred; among equals, the
one whose bigrams most items hold together. The candidates come from
the bigrams that start with the character before (a prefix of the index's
terms, cheap); the first character is left as typed, since finding what may
stand before a character would mean reading every term. Nothing is
suggested unless every bigram of the corrected query is in the index.
"""
import functools

import numpy as np

from .analysis import is_cjk

FIELDS = ('title', 'body')       # where a bigram must be for a correction
MIN_LENGTH = 3          # characters: two are too few to tell a typo from another word
MAX_LENGTH = 12


def correction(view, parsed):
    """The corrected query text, or None."""
    if len(parsed.clauses) != 1 or parsed.clauses[0].quoted:
        return None
    text = parsed.clauses[0].text
    if not (MIN_LENGTH <= len(text) <= MAX_LENGTH) or not is_cjk(text):
        return None
    # A mistyped character makes bigrams no item holds: only the characters
    # of those are worth replacing (a query whose bigrams all exist, apart,
    # asks for several things, not for a correction).
    view.prefetch([text[j:j + 2] for j in range(len(text) - 1)], FIELDS)
    missing = [j for j in range(len(text) - 1) if not _exists(view, text[j:j + 2])]
    suspects = sorted({i for j in missing for i in (j, j + 1) if i > 0})
    if not suspects:
        return None
    # Replacements that sound like the typed character first; others only
    # when none of those is found (each candidate costs an intersection).
    for alike in (True, False):
        best, best_count = None, 0
        for i in suspects:
            sound = _sound(text[i])
            for candidate in _replacements(view, text, i):
                if (_sound(candidate) == sound) != alike:
                    continue
                fixed = text[:i] + candidate + text[i + 1:]
                count = _together(view, fixed)
                if count > best_count:
                    best, best_count = fixed, count
        if best is not None:
            return best
    return None


def _replacements(view, text, i):
    """Characters ``c`` for position ``i`` (after the first) such that the
    bigrams ``c`` forms with its neighbours are both in the index."""
    options = {t[1] for field in FIELDS for t in view.expand_prefix(field, text[i - 1])
               if len(t) == 2 and is_cjk(t[1])}
    if i + 1 < len(text):
        # Hundreds of candidates: their bigrams read at once (a round trip each on PostgreSQL).
        view.prefetch(sorted(c + text[i + 1] for c in options), FIELDS)
        options = {c for c in options if _exists(view, c + text[i + 1])}
    return sorted(options - {text[i]})


def _holders(view, bigram):
    """The items that hold ``bigram`` in their title or text."""
    title, body = view.postings('title', bigram)[0], view.postings('body', bigram)[0]
    return np.union1d(title, body) if len(title) else body


def _exists(view, bigram):
    return bool(len(view.postings('body', bigram)[0]) or len(view.postings('title', bigram)[0]))


def _together(view, text):
    """How many items hold every bigram of ``text``."""
    common = None
    for j in range(len(text) - 1):
        ids = _holders(view, text[j:j + 2])
        common = ids if common is None else np.intersect1d(common, ids, assume_unique=True)
        if not len(common):
            return 0
    return len(common) if common is not None else 0


@functools.lru_cache(maxsize=4096)
def _sound(character):
    """The toneless pinyin of a character ('' when it has none)."""
    from pypinyin import lazy_pinyin
    return (lazy_pinyin(character, errors='ignore') or [''])[0]
