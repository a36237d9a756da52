"""Markdown tables as editors mean them.

Two traps of the usual table syntax: a sentence typed on the line right
after a table became one more row of it (and went into a release that way),
and a row with more cells than the header silently lost the extra ones.
Here a line with no ``|`` ends the table (it is the paragraph that follows),
and ``problems`` names every row whose cells do not match its header, for
the edit form to say before anything is published.
"""
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

_RULE = re.compile(r'^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$')
_FENCE = re.compile(r'^\s*(```|~~~)')


def _cells(line):
    line = line.strip()
    if line.startswith('|'):
        line = line[1:]
    if line.endswith('|') and not line.endswith('\\|'):
        line = line[:-1]
    return len(re.split(r'(?<!\\)\|', line))


def _tables(lines):
    """``(header index, [row indexes], end)`` of every table in ``lines``:
    a header line with ``|``, a rule line, rows until a blank line or a line
    with no ``|`` (``end`` is where the table stopped)."""
    fenced, i = False, 0
    while i < len(lines):
        if _FENCE.match(lines[i]):
            fenced = not fenced
        elif not fenced and i + 1 < len(lines) and '|' in lines[i] and _RULE.match(lines[i + 1]) \
                and '-' in lines[i + 1]:
            rows, j = [], i + 2
            while j < len(lines) and lines[j].strip() and '|' in lines[j]:
                rows.append(j)
                j += 1
            yield i, rows, j
            i = j
            continue
        i += 1


def split_after_tables(text):
    """``text`` with a blank line between each table and a line right after
    it that has no ``|`` (so that line is a paragraph, not a row)."""
    lines = text.split('\n')
    ends = [end for _, _, end in _tables(lines) if end < len(lines) and lines[end].strip()]
    for end in reversed(ends):
        lines.insert(end, '')
    return '\n'.join(lines)


def problems(text):
    """Chinese warnings for the tables of ``text``: rows with more or fewer
    cells than their header (line numbers as the editor sees them)."""
    lines = (text or '').split('\n')
    found = []
    for header, rows, end in _tables(lines):
        width = _cells(lines[header])
        for row in rows:
            count = _cells(lines[row])
            if count > width:
                found.append(f'第 {row + 1} 行：表格这一行有 {count} 格，表头只有 {width} 格，多出的内容不会显示。')
            elif count < width:
                found.append(f'第 {row + 1} 行：表格这一行只有 {count} 格，表头有 {width} 格，缺少的格将空着。')
        if end < len(lines) and lines[end].strip():
            found.append(f'第 {end + 1} 行：紧接在表格后面的文字没有“|”，按表格后的段落显示；'
                         '如果它是表格的一行，请用“|”分隔各格。')
    return found


class _SplitAfterTables(Preprocessor):
    def run(self, lines):
        return split_after_tables('\n'.join(lines)).split('\n')


class TableRules(Extension):
    """Python-Markdown extension: a line with no ``|`` ends a table."""

    def extendMarkdown(self, md):
        # Before the block parser, after normalising (priority above 'html_block' at 20).
        md.preprocessors.register(_SplitAfterTables(md), 'table_rules', 25)
