"""The text of a handbook like the member-service handbook (seed 000).

Layout: the announcing notice (issuer 文件, number, title, body, signature,
date), the cover (title, 版本 V1.0), 前言, 目录 (numbered entries with page
numbers), then the sections under numbered headings. A section listing
associations (名单) also yields directory entries.
"""
import re

from camra.schemas.docnumber import DocNumberError, parse_docnumber

from . import notice_text
from .textblocks import DATE, clean, to_markdown

# A contents line: number, title, page; between them tabs (Word) or a
# leader of dots (a printed PDF).
_TOC_ENTRY = re.compile(r'^(\d+(?:\.\d+)*)\.?(?:\s*\t|\s+)\s*(.+?)\s*(?:\t|[.·…\s]{3,})\s*\d+\s*$')
_HEADING = re.compile(r'^(\d+(?:\.\d+)*)\.?\s+(\S.*)$')
_DATE = re.compile(f'^{DATE}$')
_VERSION = re.compile(r'版本\s*(V\d+(?:\.\d+)*)', re.I)
_TOC_TITLE = re.compile(r'^目\s*录$')
_FOREWORD = re.compile(r'^前\s*言$')
_TOC_FOREWORD = re.compile(r'^前\s*言(?:\s*\t|[.·…\s]{3,})\s*\d+$')     # a printed handbook's contents list it
_ORG_ENDINGS = ('协会', '商会', '分会', '委员会', '联合会')


def looks_like_handbook(text):
    """True when ``text`` has a 目录 followed by numbered, paged entries."""
    lines = clean(text).split('\n')
    for i, line in enumerate(lines):
        if _TOC_TITLE.match(line.strip()):
            entries = [ln for ln in lines[i + 1:i + 40] if _TOC_ENTRY.match(ln.strip())]
            return len(entries) >= 3
    return False


def parse(text):
    """Return ``(records, version)`` for the handbook ``text``.

    Records are, in order: the announcing notice (if any), the sections
    (the foreword as section ``0``) and one association per entry of a
    名单 section.
    """
    lines = [ln.rstrip() for ln in clean(text).split('\n')]
    toc_at = next(i for i, ln in enumerate(lines) if _TOC_TITLE.match(ln.strip()))
    records = []
    notice, cover_at = _notice(lines[:toc_at])
    if notice:
        records.append(notice)
    front = lines[cover_at:toc_at]
    version = next((m[1].upper() for m in map(_VERSION.search, front) if m), '')
    foreword_at = next((i for i, ln in enumerate(front) if _FOREWORD.match(ln.strip())), None)
    if foreword_at is not None:
        body, _ = to_markdown(front[foreword_at + 1:])
        records.append({'type': 'handbook_section', 'number': '0', 'title': '前言', 'body': body})

    toc, body_at = _toc(lines, toc_at + 1)
    sections, before = _sections(lines[body_at:], toc)
    # A printed handbook has its foreword after the contents, before section 1.
    foreword_at = None if any(r['number'] == '0' for r in records if r['type'] == 'handbook_section') else \
        next((i for i, ln in enumerate(before) if _FOREWORD.match(ln.strip())), None)
    if foreword_at is not None:
        body, _ = to_markdown(before[foreword_at + 1:])
        records.append({'type': 'handbook_section', 'number': '0', 'title': '前言', 'body': body})
    for number, title, body_lines in sections:
        body, _ = to_markdown(body_lines)
        records.append({'type': 'handbook_section', 'number': number, 'title': title, 'body': body})
    for number, title, body_lines in sections:
        if '名单' in title:
            records.extend(_associations(body_lines))
    return records, version


def _notice(lines):
    """The announcing notice before the cover, and where the cover starts."""
    for i, line in enumerate(lines):
        try:
            parse_docnumber(line.strip())
        except DocNumberError:
            continue
        date_at = next((j for j, ln in enumerate(lines) if j > i and _DATE.match(ln.strip())), None)
        if date_at is None:
            return None, 0
        [notice] = notice_text.parse('\n'.join(lines[:date_at + 1]))
        return {**notice, 'related': ['/handbook/']}, date_at + 1
    return None, 0


def _toc(lines, start):
    """``[(number, title)]`` of the table of contents and the line after it."""
    entries, i = [], start
    while i < len(lines):
        line = lines[i].strip()
        match = _TOC_ENTRY.match(line)
        if match:
            entries.append((match[1], match[2]))
        elif line and not _TOC_FOREWORD.match(line):
            break
        i += 1
    return entries, i


def _sections(lines, toc):
    """Split body ``lines`` at the headings the table of contents announces;
    returns ``(sections, the lines before the first)``.

    A heading is a numbered line whose number is the next one expected, so
    a paragraph starting with a year (``2014 及 2019 年…``) is never taken
    for one.
    """
    expected = [number for number, _ in toc]
    titles = dict(toc)
    sections, current, before = [], None, []
    for line in lines:
        match = _HEADING.match(line.strip())
        if match and expected and match[1] == expected[0]:
            expected.pop(0)
            current = (match[1], _title(match[2], titles[match[1]]), [])
            sections.append(current)
        elif current is not None:
            current[2].append(line)
        else:
            before.append(line)
    return sections, before


def _title(heading, toc_title):
    # The heading in the text is the authority; the TOC's copy may be abridged.
    return re.sub(r'\s+', ' ', heading).strip() or toc_title


def _associations(lines):
    names = []
    for line in lines:
        text = line.strip()
        if text.startswith('- ') and text[2:].strip().endswith(_ORG_ENDINGS):
            names.append(text[2:].strip())
    seen = set()
    return [{'type': 'association', 'title': n} for n in names if not (n in seen or seen.add(n))]
