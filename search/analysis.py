"""Text analysis for Chinese and mixed text: NFKC, case and script folding, CJK bigrams.

The index pickles the analyzer's class path, so this module and the names
``CJKTokenizer`` and ``analyzer`` must never move or be renamed (changing
them needs a ``SCHEMA_VERSION`` bump in ``camra.search.fields``).

Chinese has no spaces, so every run of CJK characters is indexed as
overlapping bigrams (``汽车维修`` -> ``汽车 车维 维修``), as Lucene's
CJKAnalyzer and Plone's splitter do: any substring of two characters or more
is then a bag of bigrams, and bigrams that span the words (``车维``) are what
makes the words side by side weigh more than the same words apart. The last
character of a run is also kept alone (``修``), so that a one-character
query finds every occurrence: as the first character of a bigram, or alone.
Latin letters and digits form words and numbers (``T/CAMRA 002-2016`` ->
``t camra 002 2016``). Traditional characters fold to simplified ones
(``camra.search.folding``), in the index and in queries alike.
"""
import re
import unicodedata

from whoosh.analysis import Token, Tokenizer

from .folding import fold

_CJK = ('\u3040-\u30ff'          # kana
        '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff'  # Han, extension A, compatibility
        '\uac00-\ud7af'          # hangul
        '\U00020000-\U0003134f')  # Han extensions B-G
# A token's characters: a CJK run, a run of letters, or a number; letters
# and digits split (``APP126个`` -> ``app 126 个``, ``GB18352`` -> ``gb 18352``).
LETTER = f'[^\\W\\d_{_CJK}]'
TOKENS = re.compile(f'(?P<cjk>[{_CJK}]+)|(?P<word>{LETTER}+|\\d+)')
_CJK_RUN = re.compile(f'[{_CJK}]+')
_WORD_MAX = 60  # longer "words" are hashes or garbage, not search terms


def normalize(text):
    """NFKC, case folding, then traditional to simplified: ``ＶＯＣ`` and
    ``voc`` become the same text, and so do ``會費`` and ``会费``.

    Snippets normalize every result's text, so the common cases are quick:
    ASCII is only lowered, and NFKC runs only on a text that still needs it
    once full-width forms are folded (``camra.search.folding``)."""
    if text.isascii():
        return text.lower()
    text = fold(text)
    if not unicodedata.is_normalized('NFKC', text):
        text = fold(unicodedata.normalize('NFKC', text))
    return text.casefold()


def normalize_with_offsets(text):
    """``(normalized, offsets)``: ``offsets[i]`` is the index in ``text`` of
    the character that produced ``normalized[i]``. ``offsets`` is None when
    the two strings align one to one.
    """
    normalized = normalize(text)
    if len(normalized) == len(text):
        return normalized, None
    pieces, offsets = [], []
    for i, ch in enumerate(text):
        norm = normalize(ch)
        pieces.append(norm)
        offsets.extend([i] * len(norm))
    return ''.join(pieces), offsets


def is_cjk(text):
    """True if ``text`` is made only of CJK characters."""
    return bool(text) and _CJK_RUN.fullmatch(text) is not None


def terms(text, mode='query'):
    """The token texts of ``text``, in order (for queries and tests)."""
    return [t.text for t in analyzer()(text, mode=mode)]


class CJKTokenizer(Tokenizer):
    """Words for Latin and digits, overlapping bigrams for CJK runs.

    In ``index`` mode a run of two or more CJK characters also yields its
    last character alone, after the bigrams. Queries do not: the bigrams of
    a query match wherever the text continues.
    """

    def __eq__(self, other):
        return self.__class__ is other.__class__

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True,
                 mode='', **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if chars:
            text, offsets = normalize_with_offsets(value)
        else:
            text, offsets = normalize(value), None
        pos = start_pos
        for piece, start, end, advance in self._pieces(text, mode == 'index'):
            if len(piece) > _WORD_MAX:
                continue
            token.text = piece
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = piece
            if positions:
                token.pos = pos
            pos += advance
            if chars:
                if offsets is not None:
                    start, end = offsets[start], offsets[end - 1] + 1
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token

    @staticmethod
    def _pieces(text, index_mode):
        """(text, start, end, advance) of every token of normalized ``text``."""
        for match in TOKENS.finditer(text):
            start, end = match.span()
            if match.lastgroup == 'word':
                yield match.group(), start, end, 1
                continue
            run = match.group()
            if len(run) == 1:
                yield run, start, end, 1
                continue
            for i in range(len(run) - 1):
                yield run[i:i + 2], start + i, start + i + 2, 1
            if index_mode:
                yield run[-1], end - 1, end, 1


def analyzer():
    """The analyzer of every text field (a tokenizer alone: it normalizes)."""
    return CJKTokenizer()
