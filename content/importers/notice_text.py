"""The text of an official document (公文) with a document number, as a notice.

The parts are found where GB/T 9704 puts them: the issuer's mark
(``中国汽车维修行业协会文件``), the number (``中汽修协字〔2022〕35号``), the
title, the main recipients (a line ending in ``：``), the body with its
headings (``一、`` ``（一）`` ``1.``), the attachment notes (``附件：1. …``),
the signature and date, and the record at the foot (``抄送：…。``,
``… 2022年10月26日印发``). A text without a number in its head is no notice
(``parse`` returns None) and is read as news by ``official_doc``.

Text out of a PDF is broken into the lines of its pages: ``reflow`` joins
them back into paragraphs (a line runs on unless it ends a sentence or the
next one starts a heading) and drops page numbers (``— 1 —``).
"""
import re

from camra.schemas.docnumber import DocNumberError, parse_docnumber

from .textblocks import DATE, NUMERAL, PAGE_NUMBER, clean, paragraph

_H1 = re.compile(rf'^{NUMERAL}、')
_H2 = re.compile(rf'^（{NUMERAL}）')
_H3 = re.compile(r'^\d{1,2}[.．、]\s*\S')
_DATE = re.compile(f'^{DATE}$')
_PRINTED = re.compile(rf'^(.+?)\s*{DATE}\s*印发$')
_ATTACHMENTS = re.compile(r'^附\s*件\s*[:：]\s*(.*)$')
_NOTE = re.compile(r'^(\d{1,2})\s*[.．、]\s*(.+)$')
# A contents line (dots up to its page), a numbered section heading (1,
# 5.2) and the words 目录 and 前言 never run on: a printed handbook's.
_CONTENTS_LINE = re.compile(r'[.·…]{3,}\s*\d+$')
_SECTION = re.compile(r'^\d{1,2}(?:\.\d{1,2})*\s+\S')
_TITLE_LINE = re.compile(r'^(?:目\s*录|前\s*言)$')
_ENDS = ('。', '：', '；', '！', '？', ':', ';', '”', '）')
_ORG = ('协会', '商会', '委员会', '联合会', '局', '厅', '部', '公司', '中心', '办公室', '政府')
HEAD_LINES = 8          # the number is among the first lines


def parse(text):
    """``[notice record]`` of the official document ``text``, or None when
    its head has no document number."""
    lines = [ln.strip() for ln in clean(text).split('\n')]
    lines = [ln for ln in lines if ln]
    at = _number_at(lines)
    if at is None:
        return None
    number = str(parse_docnumber(lines[at]))
    issuer = next((ln[:-2].strip() for ln in lines[:at] if ln.endswith('文件')), '')
    issuer = issuer or next((ln for ln in lines[:at] if ln.endswith(_ORG)), '')
    rest = lines[at + 1:]
    title, rest = _title(rest)
    recipients = ''
    if rest and rest[0].endswith(('：', ':')) and len(rest[0]) <= 80 and '。' not in rest[0]:
        recipients, rest = rest[0][:-1].strip(), rest[1:]
    record, rest = _record(rest)
    date, signer, rest = _signature(rest)
    issuer = issuer or signer
    notes, rest = _attachment_notes(rest)
    body = _markdown(rest)
    return [{'type': 'notice', 'number': number, 'title': title, 'issuer': issuer, 'date': date,
             'recipients': recipients, 'attachment_notes': notes, 'body': body, **record}]


def _number_at(lines):
    return next((i for i, line in enumerate(lines[:HEAD_LINES]) if _is_number(line)), None)


def _is_number(line):
    try:
        parse_docnumber(line)
        return True
    except DocNumberError:
        return False


def _title(lines):
    """The title (one or more short lines before the recipients or body)."""
    title = []
    while lines and len(title) < 3:
        line = lines[0]
        if line.endswith(('：', ':')) or '。' in line or len(line) > 40 or _H1.match(line):
            break
        title.append(line)
        lines = lines[1:]
    return ''.join(title) or '未命名通知', lines


def _record(lines):
    """``抄送``, ``印发`` at the end: their fields, and the lines before them."""
    found = {}
    while lines:
        line = lines[-1]
        printed = _PRINTED.match(line)
        if printed:
            found['printed_by'] = printed[1].strip()
            found['printed_on'] = _iso(*printed.groups()[1:])
        elif line.startswith(('抄送：', '抄送:')):
            found['cc'] = line[3:].strip().rstrip('。')
        elif line.strip('（）()') in ('此件公开发布', '此件主动公开'):
            pass
        else:
            break
        lines = lines[:-1]
    return found, lines


def _signature(lines):
    """The date (ISO) and signer of the signature block, and the lines before it."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
        match = _DATE.match(lines[i])
        if match:
            signer = lines[i - 1] if i > 0 and lines[i - 1].endswith(_ORG) and len(lines[i - 1]) <= 40 else ''
            return _iso(*match.groups()), signer, lines[:i - 1 if signer else i]
    return None, '', lines


def _attachment_notes(lines):
    """``附件：1. …`` after the body: the attachments' names, and the body."""
    for i, line in enumerate(lines):
        match = _ATTACHMENTS.match(line)
        if match and i >= len(lines) - 12:
            notes = [match[1]] + lines[i + 1:] if match[1] else lines[i + 1:]
            names = [(_NOTE.match(n)[2] if _NOTE.match(n) else n).strip() for n in notes]
            return [n for n in names if n], lines[:i]
    return [], lines


def _iso(year, month, day):
    return f'{int(year):04d}-{int(month):02d}-{int(day):02d}'


def _heading(line):
    return (_H1.match(line) or _H2.match(line)) and len(line) <= 40 and '。' not in line[:-1]


def reflow(text):
    """The text of PDF pages with their lines joined back into paragraphs
    and the page numbers dropped: a line runs on into the next when it is
    full (near the longest lines' length) and ends no sentence, and the next
    one starts no heading."""
    lines = [ln.strip() for ln in clean(text).split('\n')]
    lines = [ln for ln in lines if not PAGE_NUMBER.match(ln)]
    lengths = sorted(len(ln) for ln in lines if ln)
    full = lengths[int(len(lengths) * 0.9)] * 0.8 if lengths else 0
    out = []
    for line in lines:
        previous = out[-1] if out else ''
        if previous and line and len(previous.split('\n')[-1]) >= full and not previous.endswith(_ENDS) \
                and not _heading(line) and not _H3.match(line) and not _head_line(previous) \
                and not _CONTENTS_LINE.search(previous) and not _SECTION.match(line) \
                and not _SECTION.match(previous) and not _TITLE_LINE.match(line):
            out[-1] = previous + '\n' + line     # the same paragraph: joined below
        else:
            out.append(line)
    return '\n'.join(p.replace('\n', '') for p in out)


def _head_line(line):
    """Lines of a document's head that never run on: the mark, the number, a date."""
    return line.endswith('文件') or bool(_DATE.match(line)) or _is_number(line)


def _markdown(lines):
    """Body lines as Markdown: ``一、`` headings ``##``, short ``（一）`` ``###``."""
    blocks = []
    for line in lines:
        if _H1.match(line) and _heading(line):
            blocks.append(f'## {line}')
        elif _H2.match(line) and _heading(line):
            blocks.append(f'### {line}')
        else:
            blocks.append(paragraph(line))
    return '\n\n'.join(blocks)
