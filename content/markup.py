"""Markdown to sanitised HTML, and to plain text."""
import functools
import html
import re

import markdown
import nh3

from . import tables
from .tablerules import TableRules

_EXTENSIONS = ['tables', 'sane_lists', 'fenced_code', 'toc', TableRules()]
_EXTENSION_CONFIGS = {
    # Keep Chinese heading text in anchors: slugify to '' would give '_1'.
    'toc': {'slugify': lambda value, sep: _anchor(value)},
    # Column alignment as ``align``, not ``style``: no style attribute is
    # kept (one could lay a fake notice over the page; the CSP refuses them).
    'tables': {'use_align_attribute': True},
}
_TAGS = {
    'a', 'abbr', 'b', 'blockquote', 'br', 'code', 'dd', 'del', 'div', 'dl', 'dt',
    'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'li', 'ol', 'p',
    'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th',
    'thead', 'tr', 'u', 'ul',
}
_ATTRIBUTES = {
    '*': {'id', 'title'},
    'a': {'href'},
    'img': {'src', 'alt', 'width', 'height'},
    'td': {'align', 'colspan', 'rowspan'},
    'th': {'align', 'colspan', 'rowspan'},
}


def _anchor(value):
    value = re.sub(r'\s+', '-', value.strip())
    return re.sub(r'[^\w\-\u3400-\u9fff]', '', value) or 'section'


# ``](attachment:通知-图1.png)``: a link or image to one of the item's files.
_FILE_LINK = re.compile(r'\]\(attachment:([^)\s]+)\)')


def to_html(text, files=None):
    """Render Markdown ``text`` as HTML safe to put in a page.

    Tables, lists, fenced code and heading anchors are kept; scripts, event
    handlers, ``javascript:`` links and anything not allow-listed are removed
    by nh3 whatever the source says. ``files`` maps the filenames that
    ``attachment:<filename>`` links name to their URLs.
    """
    if not text:
        return ''
    files = files or {}
    text = _FILE_LINK.sub(lambda m: f']({files.get(m[1], "")})', text)
    return _render_kept(text) if len(text) <= _KEPT_LENGTH else _render(text)


def _render(text):
    md = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS)
    clean = nh3.clean(md.convert(text), tags=_TAGS, attributes=_ATTRIBUTES,
                      url_schemes={'http', 'https', 'mailto', 'tel'},
                      link_rel='noopener noreferrer')
    return tables.fit(clean)


# A page shows the same texts again and again (each item's body is rendered
# for every new version of the page): the HTML of the latest ones is kept.
# Longer texts are rendered every time, so what is kept stays small.
_KEPT_LENGTH = 20_000
_render_kept = functools.lru_cache(maxsize=512)(_render)


def to_text(text):
    """The plain text of Markdown ``text`` (for summaries and search)."""
    stripped = nh3.clean(to_html(text), tags=set())
    return re.sub(r'\s+', ' ', html.unescape(stripped)).strip()


_MARKUP = re.compile(
    r'!?\[([^\]]*)\]\([^)]*\)'        # links and images: keep their text
    r'|<[^>]{0,200}>'                    # inline HTML tags
    r'|^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+'  # heading, quote and list marks
    r'|^\s*\|?[\s:|-]*-{3,}[\s:|-]*$'    # table rules
    r'|\*\*|__|`+|\|',                  # emphasis, code and cell marks
    re.MULTILINE)
_BLANK_LINES = re.compile(r'[ \t]*\n\s*')
_BLANKS = re.compile(r'[ \t\u3000]+')


def search_text(text):
    """The words of Markdown ``text`` without its marks, for the search index.

    Much faster than ``to_text`` (no rendering) and good enough for
    searching: entities and odd constructs may stay as they are typed.
    """
    if not text:
        return ''
    text = _MARKUP.sub(lambda m: (m.group(1) or '') + ' ', text)
    return _BLANKS.sub(' ', _BLANK_LINES.sub('\n', text)).strip()


_HEADING = re.compile(r'^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$', re.MULTILINE)


def headings(text):
    """The headings of Markdown ``text``, one a line, without their marks
    (search weighs them above the body)."""
    return '\n'.join(search_text(m.group(1)) for m in _HEADING.finditer(text or ''))


def summary(text, length=120):
    """The first ``length`` characters of the plain text, with … when cut."""
    plain = to_text(text)
    return plain if len(plain) <= length else plain[:length].rstrip() + '…'
