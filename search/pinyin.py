"""Pinyin for visitors who type it: ``qiche weixiu`` or ``qcwx`` for 汽车维修.

The index keeps the pinyin of each title (``pypinyin``, which reads
polyphonic characters by their words: 行业 is ``hang ye``) as tokens: every
syllable, every two syllables side by side (``qiche``, ``chewei``), and
every two initials side by side (``^qc``, ``^cw``). A query of Latin letters
is split into syllables where it can be (``qicheweixiu`` -> ``qi che wei
xiu``), else read as initials, and gives the same tokens: pinyin is then
searched as Chinese is, by pairs.

pypinyin's data (about 0.2 s to load) is read only when a title is indexed
or a query is read as pinyin.
"""
import functools
import re

_LATIN = re.compile(r'[a-z]+')
_CJK_RUNS = re.compile('[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+')
INITIAL = '^'


def index_tokens(title):
    """The pinyin tokens of ``title`` (none for a title without Chinese)."""
    runs = _CJK_RUNS.findall(title or '')
    if not runs:
        return []
    from pypinyin import lazy_pinyin
    tokens = []
    for run in runs:
        syllables = [s for s in lazy_pinyin(run, errors='ignore') if s.isalpha()]
        initials = [s[0] for s in syllables]
        tokens += syllables
        tokens += [a + b for a, b in zip(syllables, syllables[1:])]
        tokens += [INITIAL + a + b for a, b in zip(initials, initials[1:])]
    return tokens


def query_tokens(text):
    """The pinyin tokens a query of Latin letters stands for; [] when it
    is not one (digits, Chinese, a single letter)."""
    words = text.lower().split()
    if not words or not all(_LATIN.fullmatch(w) for w in words):
        return []
    syllables = []
    for word in words:
        split = split_syllables(word)
        if split is None:
            syllables = None
            break
        syllables += split
    if syllables is not None and len(syllables) > 1:
        return [a + b for a, b in zip(syllables, syllables[1:])]
    if syllables is not None:
        return syllables
    letters = ''.join(words)
    if len(letters) < 2:
        return []
    return [INITIAL + a + b for a, b in zip(letters, letters[1:])]


def split_syllables(word):
    """``word`` as pinyin syllables, fewest first (``xian`` stays one,
    ``qiche`` is ``qi che``), or None when it is not pinyin."""
    known = syllables()
    best = [None] * (len(word) + 1)
    best[0] = []
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            if best[start] is not None and word[start:end] in known:
                candidate = best[start] + [word[start:end]]
                if best[end] is None or len(candidate) < len(best[end]):
                    best[end] = candidate
    return best[-1]


@functools.cache
def syllables():
    """Every toneless pinyin syllable pypinyin knows (about 420)."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict
    toned = {p for readings in pinyin_dict.values() for p in readings.split(',')}
    return frozenset(s for s in map(to_normal, toned) if s.isalpha() and s.isascii())
