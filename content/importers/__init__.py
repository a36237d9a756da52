"""Importers: files in, records (the JSON Lines dicts) out.

``read_file(path)`` picks the importer by the file's name and content.
"""
import base64
import os
from dataclasses import dataclass, field

from ..jsonl import read_records
from ..loader import ImportFailed
from . import handbook_text, notice_text, official_doc, word
from .pdf_text import pdf_text


@dataclass
class Parsed:
    """What a file holds: ``[(line, record)]`` and handbook metadata."""

    kind: str
    records: list
    handbook_version: str = ''
    notes: list = field(default_factory=list)


def read_file(path):
    """Parse the file at ``path`` into ``Parsed``; raises ``ImportFailed``.

    ``.jsonl`` files are JSON Lines; text, Word (``.docx``) and PDF files
    are read as a handbook when they have a numbered table of contents (目录),
    else as a notice when their head has a document number (``notice_text``),
    else as an official document (一、/（一） headings) that becomes a news
    item. A PDF's text is joined back into paragraphs, and the PDF itself is
    kept as the item's attachment.
    """
    try:
        with open(path, 'rb') as f:
            raw = f.read()
    except OSError as exc:
        raise ImportFailed([(0, f'无法读取文件 {path}：{exc.strerror}')])
    return read_bytes(raw, path)


def read_bytes(raw, path):
    """Parse the contents ``raw`` of a file called ``path`` (see ``read_file``)."""
    name = os.path.basename(path)
    extension = os.path.splitext(path)[1].lower()
    if extension == '.docx':
        try:
            text = word.docx_text(raw, name)
        except word.WordImportError as exc:
            raise ImportFailed([(0, str(exc))]) from None
    elif extension == '.pdf':
        text = notice_text.reflow(pdf_text(raw, name))
    else:
        text = _decode(raw, path)
    if extension in ('.jsonl', '.ndjson', '.json'):
        return Parsed('jsonl', read_records(text.splitlines()))
    if not text.strip():
        raise ImportFailed([(0, f'{path} 是空文件')])
    if handbook_text.looks_like_handbook(text):
        records, version = handbook_text.parse(text)
        return Parsed('handbook', list(enumerate(records, start=1)), version)
    records = notice_text.parse(text)
    kind = 'notice' if records else 'official_doc'
    records = records or official_doc.parse(text)
    if extension == '.pdf':         # the original is kept with what it became
        original = {'filename': name, 'content_type': 'application/pdf',
                    'data': base64.b64encode(raw).decode('ascii')}
        records = [{**r, 'attachments': [original]} for r in records]
    return Parsed(kind, list(enumerate(records, start=1)))


def _decode(raw, path):
    # Text out of Word on Chinese Windows is often GB18030, not UTF-8.
    for encoding in ('utf-8-sig', 'gb18030'):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([(0, f'{path} 不是 UTF-8 或 GB18030 编码的文本')])
