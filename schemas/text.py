"""Clean text: what every stored string is made to be on the way in.

NFC, so the same characters are the same code points (search, sorting and
comparing would otherwise tell them apart); Windows line ends as ``\\n``; no
control characters but newline and tab (an invisible one made the feeds
answer 500 for everyone: XML forbids them); no lone surrogates, which
cannot be written as UTF-8 at all (a page, the index or an export would
fail on them). ``clean`` refuses a surrogate; ``scrub`` replaces it, for
text that must go out whatever it holds (feeds, exports, notes).
"""
import re
import unicodedata

_CONTROLS = re.compile('[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]')
_SURROGATE = re.compile('[\ud800-\udfff]')


class TextError(ValueError):
    """Text that cannot be stored (Chinese message)."""


def clean(text):
    """``text`` normalised (see the module); raises ``TextError`` on a lone surrogate."""
    if _SURROGATE.search(text):
        raise TextError('含有无法识别的字符（不成对的代理码位），请重新输入或粘贴。')
    return _normalise(text)


def scrub(text):
    """``text`` normalised, with any lone surrogate replaced by U+FFFD."""
    return _normalise(_SURROGATE.sub('\ufffd', text))


def _normalise(text):
    text = text.replace('\r\n', '\n').replace('\r', '\n')
    return unicodedata.normalize('NFC', _CONTROLS.sub('', text))
