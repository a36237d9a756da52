"""Traditional characters folded to simplified ones, so ``會費標準`` = ``会费标准``.

The table comes from OpenCC's Traditional-to-Simplified conversion, asked
one character at a time: search folds character by character (applied alike
to the index and to queries), so that every character of a text keeps its
place and snippets still mark the visitor's own characters. OpenCC's phrase
rules (``乾隆`` stays ``乾隆`` in running text) matter for reading, not for
matching: both sides fold the same way.

Full-width Latin letters, digits and signs (``ＶＯＣ``, ``，``) and the
ideographic space fold here too, as NFKC would fold them: they are most of
what NFKC changes in Chinese text, and ``camra.search.analysis.normalize``
then rarely needs NFKC at all. The table is built on first use (about 25 ms).
"""
import functools
import re

# The Han blocks where traditional characters live: extension A, the
# unified block and the compatibility ideographs.
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.cache
def table():
    """``{code point: simplified character}`` for every character OpenCC
    changes, as a ``str.translate`` table."""
    import opencc
    chars = [chr(c) for start, end in _HAN_RANGES for c in range(start, end)]
    # One character a line: OpenCC converts each alone, never as a phrase.
    converted = opencc.OpenCC('t2s').convert('\n'.join(chars)).split('\n')
    if len(converted) != len(chars):        # never seen; fold nothing rather than wrongly
        return {}
    return {ord(a): b for a, b in zip(chars, converted) if a != b and len(b) == 1}


@functools.cache
def _folding():
    """The pattern of every character that folds, and the folding of each."""
    folds = dict(table())
    folds.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})   # full-width ASCII
    folds[0x3000] = ' '                                                 # ideographic space
    pattern = re.compile('[' + ''.join(re.escape(chr(c)) for c in sorted(folds)) + ']')
    return pattern, {chr(c): v for c, v in folds.items()}


def fold(text):
    """``text`` with traditional characters replaced by simplified ones and
    full-width ASCII by ASCII; the same length, character for character."""
    pattern, folds = _folding()
    # A substitution per folded character: a few in a Chinese text, and the
    # scan for them runs in C (four times faster than str.translate).
    return pattern.sub(lambda m: folds[m.group()], text)
