"""Word-exported plain text to Markdown: paragraphs, tab tables, lists."""
import re

# Patterns the official-document importers share: a Chinese numeral of a
# heading (一、 （二）) and a written date (2022年10月25日, its parts as groups).
NUMERAL = '[一二三四五六七八九十]+'
DATE = r'(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日'
# A printed page's number alone on a line: — 3 —, - 3 -.
PAGE_NUMBER = re.compile(r'^[—–-]+\s*\d+\s*[—–-]+$')

_DEBRIS = re.compile(r'\[bookmark:[^\]]*\]')
_P_TAG = re.compile(r'</?p>')
_ORDERED_START = re.compile(r'^(\d+)\.(\s)')


def clean(text):
    """Drop Word debris (``[bookmark: _Hlk...]``) and normalise line ends."""
    text = text.replace('\r\n', '\n').replace('\r', '\n').replace('\ufeff', '')
    return _DEBRIS.sub('', text)


def to_markdown(lines):
    """Markdown for a run of text lines out of Word.

    Each non-blank line is a paragraph; consecutive lines holding tabs are
    a table (first row as header); ``- `` lines stay list items. Returns
    ``(markdown, number of tables)``.
    """
    blocks, tables = [], 0
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if '\t' in line:
            rows = []
            while i < len(lines) and '\t' in lines[i]:
                rows.append(lines[i].rstrip('\n'))
                i += 1
            blocks.append(table(rows))
            tables += 1
            continue
        if line.lstrip().startswith('- '):
            items = []
            while i < len(lines) and (lines[i].lstrip().startswith('- ') or not lines[i].strip()):
                if lines[i].strip():
                    items.append('- ' + lines[i].strip()[2:].strip())
                i += 1
            blocks.append('\n'.join(items))
            continue
        blocks.append(paragraph(line.strip()))
        i += 1
    return '\n\n'.join(blocks), tables


def paragraph(text):
    """A paragraph whose leading ``1. `` is not read as a list by Markdown."""
    return _ORDERED_START.sub(r'\1\\.\2', text)


def table(rows):
    """A Markdown table from tab-separated ``rows``; the widest row sets the columns."""
    cells = [[_cell(c) for c in row.split('\t')] for row in rows]
    width = max(len(r) for r in cells)
    cells = [r + [''] * (width - len(r)) for r in cells]
    # Word pads rows with empty cells; drop columns empty in every row.
    keep = [j for j in range(width) if any(r[j] for r in cells)] or [0]
    cells = [[r[j] for j in keep] for r in cells]
    out = ['| ' + ' | '.join(cells[0]) + ' |', '|' + ' --- |' * len(keep)]
    out += ['| ' + ' | '.join(r) + ' |' for r in cells[1:]]
    return '\n'.join(out)


def _cell(text):
    text = text.strip()
    # Word exports paragraphs inside a cell as <p>…</p>; a table cell is one line.
    parts = [p.strip() for p in _P_TAG.split(text) if p.strip()]
    return '<br>'.join(parts).replace('|', '\\|')
