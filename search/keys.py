"""Titles, document numbers and standard codes folded to keys, for exact matches.

A visitor who types a title, a document number or a code wants that item
first, however the punctuation, spaces and brackets were typed. The index
keeps these keys beside each document (``titlekey``, ``numkey``) and a query
looks its own keys up directly:

- a title key is the title without punctuation, spaces and a leading
  outline number (``三、``, ``（一）``, ``6.10``): ``缴纳会费``;
- a document number ``中汽修协字〔2022〕35号`` gives ``y2022n35`` and ``n35``,
  and a query gives the same from ``〔2022〕35``, ``[2022]35号``,
  ``2022年35号``, ``中汽修协字2022第35号`` or, without a year, ``35号``;
- a standard code ``T/CAMRA 002-2016`` gives ``ctcamra0022016`` and
  ``ctcamra002``, whether typed ``TCAMRA 002-2016`` or ``T/CAMRA002—2016``;
- a handbook section number ``7.3`` gives ``s7.3``.
"""
import re

from .analysis import normalize

_OUTLINE = re.compile(r'^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+(?:\.\d+)*[.、]?\s)\s*')
# 〔2022〕35号 and the ways it is typed: brackets of any kind or 年, 第, 号.
_DOCNUMBER = re.compile(r'[〔\[(（【]?\s*((?:19|20)\d\d)\s*[〕\])）】年]?\s*第?\s*(\d{1,5})\s*号?')
_SEQ_ONLY = re.compile(r'(?<![\d〕\])）】年])第?\s*(\d{1,5})\s*号')
_CODE = re.compile(r'([a-z][a-z/\s]*?)\s*(\d+(?:\.\d+)?)(?:\s*[-\u2010-\u2015\u2212]\s*((?:19|20)\d\d))?')
_SECTION = re.compile(r'\d+(?:\.\d+)*')


def title_key(title):
    """The key of a title: folded, without punctuation, spaces or a
    leading outline number ('' for a title of punctuation alone)."""
    text = normalize(title or '')
    text = _OUTLINE.sub('', text, count=1)
    return ''.join(ch for ch in text if ch.isalnum())


def number_keys(number):
    """The keys of a stored document number, standard code or section
    number (none for an empty or unrecognised one)."""
    text = normalize(number or '').strip()
    if not text:
        return []
    found = []
    match = _DOCNUMBER.search(text)
    if match and not _CODE.fullmatch(text):
        year, seq = match.group(1), str(int(match.group(2)))
        found += [f'y{year}n{seq}', f'n{seq}']
    code = _code(text)
    if code:
        found += code
    if _SECTION.fullmatch(text):
        found.append('s' + text)
    return found


def query_keys(text):
    """The keys a query may mean, most precise first: document numbers,
    codes and a section number it holds. A bare ``35号`` means any year."""
    text = normalize(text or '').strip()
    found = []
    for match in _DOCNUMBER.finditer(text):
        found.append(f'y{match.group(1)}n{int(match.group(2))}')
    if not found:
        found += [f'n{int(m.group(1))}' for m in _SEQ_ONLY.finditer(text)]
    found += _code(text)[:1]
    if _SECTION.fullmatch(text) and '.' in text:
        found.append('s' + text)
    return list(dict.fromkeys(found))


def _code(text):
    """``[full key, key without the year]`` of a standard code, or []."""
    match = _CODE.fullmatch(text.strip())
    if not match or not match.group(3) and not re.search(r'[a-z]/|/[a-z]', match.group(1)):
        return []       # letters and a number alone are not a code, unless they hold a slash
    letters = re.sub(r'[^a-z]', '', match.group(1))
    digits = match.group(2).replace('.', '')
    if not letters:
        return []
    keys = [f'c{letters}{digits}']
    if match.group(3):
        keys.insert(0, f'c{letters}{digits}{match.group(3)}')
    return keys
