"""'Did you mean': a query with one mistyped Chinese character, corrected.

When no item holds every bigram of a Chinese query, each character after
the first in turn is replaced by one that makes both of its bigrams words the
index knows (``会废标准``: ``会?`` and ``?标`` -> ``费``). Most such typos come
from a pinyin input method, so a replacement that sounds like the typed
character (``废`` and ``费`` are both *fei*) is preferred; among equals, the
one whose bigrams most items hold together. The candidates come from
the bigrams that start with the character before (a prefix of the index's
terms, cheap); the first character is left as typed, since finding what may
stand before a character would mean reading every term. Nothing is
suggested unless every bigram of the corrected query is in the index.
"""
import numpy as np

from .analysis import is_cjk

MIN_LENGTH = 3          # characters: two are too few to tell a typo from another word
MAX_LENGTH = 12


def correction(view, parsed):
    """The corrected query text, or None."""
    if len(parsed.clauses) != 1 or parsed.clauses[0].quoted:
        return None
    text = parsed.clauses[0].text
    if not (MIN_LENGTH <= len(text) <= MAX_LENGTH) or not is_cjk(text) or _together(view, text):
        return None     # not Chinese alone, or found as typed
    best, best_weight = None, (0, 0)
    for i in range(1, len(text)):
        sound = _sound(text[i])
        for candidate in _replacements(view, text, i):
            fixed = text[:i] + candidate + text[i + 1:]
            weight = (_sound(candidate) == sound, _together(view, fixed))
            if weight[1] and weight > best_weight:
                best, best_weight = fixed, weight
    return best


def _replacements(view, text, i):
    """Characters ``c`` for position ``i`` (after the first) such that the
    bigrams ``c`` forms with its neighbours are both in the index."""
    options = {t[1] for t in view.expand_prefix('body', text[i - 1]) if len(t) == 2 and is_cjk(t[1])}
    if i + 1 < len(text):
        options = {c for c in options if _frequency(view, c + text[i + 1])}
    return sorted(options - {text[i]})


def _frequency(view, bigram):
    return len(view.postings('body', bigram)[0])


def _together(view, text):
    """How many items hold every bigram of ``text``."""
    common = None
    for j in range(len(text) - 1):
        ids = view.postings('body', text[j:j + 2])[0]
        common = ids if common is None else np.intersect1d(common, ids, assume_unique=True)
        if not len(common):
            return 0
    return len(common) if common is not None else 0


def _sound(character):
    """The toneless pinyin of a character ('' when it has none)."""
    from pypinyin import lazy_pinyin
    return (lazy_pinyin(character, errors='ignore') or [''])[0]
