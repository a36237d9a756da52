"""A changed text shown as a reader reads it: the new Markdown rendered, with
what was removed struck through and what was added marked, in place.

The marks are put into the Markdown as private-use characters, which the
renderer and the sanitiser pass through as text; after rendering they become
``<del>`` and ``<ins>``, closed before every tag and opened again after it,
so a change that runs across a cell or a bold word still nests correctly
(a change across table columns marks each piece in its own cell).
"""
import difflib
import html
import re

from .markup import to_html

DEL_OPEN, DEL_CLOSE, INS_OPEN, INS_CLOSE = '\ue000', '\ue001', '\ue002', '\ue003'
_MARKS = DEL_OPEN + DEL_CLOSE + INS_OPEN + INS_CLOSE
_TAG_OR_TEXT = re.compile(r'(<[^>]*>)')
_MARK = re.compile(f'([{_MARKS}])')
_NO_MARKS = str.maketrans('', '', _MARKS)
_EMPTY_MARK = re.compile(r'<(ins|del)>(\s*)</\1>')


def merged(old, new):
    """``old`` and ``new`` Markdown as one text: unchanged lines as they are,
    removed lines and characters wrapped as deletions, added ones as
    insertions (a changed line compared character by character)."""
    old_lines, new_lines = (old or '').splitlines(), (new or '').splitlines()
    out = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == 'equal':
            out.extend(old_lines[i1:i2])
            continue
        olds, news = old_lines[i1:i2], new_lines[j1:j2]
        for index in range(max(len(olds), len(news))):
            if index >= len(news):
                out.append(_wrap(olds[index], DEL_OPEN, DEL_CLOSE))
            elif index >= len(olds):
                out.append(_wrap(news[index], INS_OPEN, INS_CLOSE))
            else:
                out.append(_line(olds[index], news[index]))
    return '\n'.join(out)


def _wrap(line, opening, closing):
    # Keep a line's Markdown lead (a heading's #, a list's -, a table's |) outside the mark.
    lead = re.match(r'\s*(?:#{1,6}\s+|[-*+]\s+|\d+\.\s+|>\s*|\|)?', line).group(0)
    body = line[len(lead):]
    return lead + (opening + body + closing if body.strip() else body)


def _line(old, new):
    pieces = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == 'equal':
            pieces.append(new[j1:j2])
            continue
        if i2 > i1:
            pieces.append(DEL_OPEN + old[i1:i2] + DEL_CLOSE)
        if j2 > j1:
            pieces.append(INS_OPEN + new[j1:j2] + INS_CLOSE)
    return ''.join(pieces)


def to_marked_html(old, new):
    """The HTML of ``new`` with the changes from ``old`` marked (``<del>``, ``<ins>``)."""
    return _marks_to_tags(to_html(merged(old, new)))


def to_marked_line(old, new):
    """One line of plain text (a title), escaped, with its changes marked."""
    return _marks_to_tags(html.escape(_line(old or '', new or ''), quote=False))


def _marks_to_tags(markup):
    out, open_tag = [], None
    for part in _TAG_OR_TEXT.split(markup):
        if part.startswith('<'):
            # A tag inside a mark: close the mark around it, open it again
            # after. A mark inside the tag itself (a changed link) is dropped.
            part = part.translate(_NO_MARKS)
            out.append(f'</{open_tag}>{part}<{open_tag}>' if open_tag else part)
            continue
        for piece in _MARK.split(part):
            if piece in (DEL_OPEN, INS_OPEN):
                if open_tag:
                    out.append(f'</{open_tag}>')
                open_tag = 'del' if piece == DEL_OPEN else 'ins'
                out.append(f'<{open_tag}>')
            elif piece in (DEL_CLOSE, INS_CLOSE):
                if open_tag:
                    out.append(f'</{open_tag}>')
                open_tag = None
            else:
                out.append(piece)
    if open_tag:
        out.append(f'</{open_tag}>')
    # Marks around nothing but white space (between two table rows) are noise.
    return _EMPTY_MARK.sub(r'\2', ''.join(out))
