"""Tables that read on a phone: each in a frame that scrolls sideways, and the
cells that must not break (names, codes, phones, dates) marked to stay whole.

Works on the sanitised HTML of ``markup.to_html``: nh3 writes every tag the
same way, so plain patterns find them.
"""
import html
import re

_TABLE_OPEN = re.compile(r'<table(?: [^>]*)?>')
_TABLE_CLOSE = re.compile(r'</table>')
_CELL = re.compile(r'<(td|th)((?: [a-z]+="[^"]*")*)>(.*?)</\1>', re.DOTALL)
_TAGS = re.compile(r'<[^>]*>')
_PRIVATE = re.compile('[\ue000-\uf8ff]')
# Codes, phones, dates: no CJK, at most 32 characters (T/CAMRA 002-2016,
# 010-63310622 / 6331 0622, 2022-10-25).
_CODE = re.compile(r'[\w./:+()\-–—〔〕\[\]#, ]{1,32}', re.ASCII)
SHORT = 8          # a cell of at most this many characters stays on one line


def keeps_whole(text):
    """Whether a cell's plain ``text`` should never be broken across lines:
    a short one (``部门名称``, ``邱红``) or a code-like one (``T/CAMRA 002-2016``)."""
    text = text.strip()
    return len(text) <= SHORT or bool(_CODE.fullmatch(text))


def _mark(match):
    tag, attrs, inner = match.groups()
    # Private-use characters are the marks of a comparison (redline.py), not text.
    text = _PRIVATE.sub('', html.unescape(_TAGS.sub('', inner)))
    if not text.strip() or not keeps_whole(text):
        return match.group(0)
    return f'<{tag}{attrs} class="nowrap">{inner}</{tag}>'


def fit(markup):
    """``markup`` with every table in a scrolling frame and its short cells marked."""
    if '<table' not in markup:
        return markup
    markup = _CELL.sub(_mark, markup)
    # A focusable frame, so a keyboard can scroll it too (axe: scrollable-region-focusable).
    markup = _TABLE_OPEN.sub('<div class="table-frame" tabindex="0" role="region" aria-label="表格">'
                             r'\g<0>', markup)
    return _TABLE_CLOSE.sub('</table></div>', markup)
