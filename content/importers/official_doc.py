"""The text of a Chinese official document or report (seed 004) as a news item.

Headings follow the official hierarchy: a bare ``（一）`` line over a title
line is a part (##), ``一、…`` a chapter (###), a short ``（一）…`` a
subsection (####); a long ``（一）lead sentence。text`` stays a paragraph
with its lead sentence in bold.
"""
import re

from ..markup import summary
from .textblocks import DATE, NUMERAL, clean, paragraph

_PART = re.compile(rf'^（{NUMERAL}）$')
_CHAPTER = re.compile(rf'^{NUMERAL}、\s*(.+)$')
_SUB = re.compile(rf'^（{NUMERAL}）\s*(.+)$')
_LEAD = re.compile(rf'^(（{NUMERAL}）[^。！？]{{1,60}}?[。！？])(.+)$')
_ATTACHMENT = re.compile(r'^附件\s*\d*\s*[:：]')
_DATE = re.compile(DATE + '$')
_YEAR = re.compile(r'((?:19|20)\d\d)\s*年')
_ORG = ('协会', '商会', '委员会', '联合会', '局', '厅', '部', '公司', '中心')


def parse(text):
    """Return ``[news record]`` for the official document ``text``."""
    lines = [ln.strip() for ln in clean(text).split('\n')]
    lines = [ln for ln in lines if not _ATTACHMENT.match(ln)]
    start = next((i for i, ln in enumerate(lines) if ln), 0)
    head = []
    i = start
    while i < len(lines) and lines[i] and _is_title_line(lines[i]):
        head.append(lines[i])
        i += 1
    source = head[0] if len(head) > 1 and head[0].endswith(_ORG) else ''
    title = ''.join(head) or '未命名文档'
    body_lines = lines[i:]
    body = _markdown(body_lines)
    return [{'type': 'news', 'title': title, 'source': source,
             'date': _date(body_lines, title), 'summary': summary(body, 150), 'body': body}]


def _is_title_line(line):
    return len(line) <= 40 and '。' not in line and not _CHAPTER.match(line) and not _PART.match(line)


def _markdown(lines):
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if _PART.match(line):
            nxt = next((j for j in range(i, len(lines)) if lines[j]), None)
            if nxt is not None and _is_title_line(lines[nxt]):
                blocks.append(f'## {line}{lines[nxt]}')
                i = nxt + 1
            else:
                blocks.append(f'## {line}')
            continue
        chapter = _CHAPTER.match(line)
        if chapter and _is_heading(line):
            blocks.append(f'### {line}')
            continue
        if _SUB.match(line) and _is_heading(line):
            blocks.append(f'#### {line}')
            continue
        lead = _LEAD.match(line)
        if lead:
            blocks.append(f'**{lead[1]}**{lead[2]}')
            continue
        blocks.append(paragraph(line))
    return '\n\n'.join(blocks)


def _is_heading(line):
    return len(line) <= 60 and not re.search(r'[。；]', line[:-1])


def _date(lines, title):
    """The date the document is signed, else 1 January of the last year its
    title names (a report on 2021 and plans for 2022 is dated 2022)."""
    for line in reversed([ln for ln in lines if ln][-5:]):
        match = _DATE.search(line)
        if match:
            y, m, d = map(int, match.groups())
            return f'{y:04d}-{m:02d}-{d:02d}'
    years = [int(y) for y in _YEAR.findall(title)]
    if years:
        return f'{max(years):04d}-01-01'
    return None
