"""Importers: files in, records (the JSON Lines dicts) out.

``read_file(path)`` picks the importer by the file's name and content.
"""
import os
from dataclasses import dataclass, field

from ..jsonl import read_records
from ..loader import ImportFailed
from . import handbook_text, official_doc, word


@dataclass
class Parsed:
    """What a file holds: ``[(line, record)]`` and handbook metadata."""

    kind: str
    records: list
    handbook_version: str = ''
    notes: list = field(default_factory=list)


def read_file(path):
    """Parse the file at ``path`` into ``Parsed``; raises ``ImportFailed``.

    ``.jsonl`` files are JSON Lines; text and Word (``.docx``) files are
    read as a handbook when they have a numbered table of contents (目录),
    else as an official document (一、/（一） headings) that becomes a news
    item.
    """
    try:
        with open(path, 'rb') as f:
            raw = f.read()
    except OSError as exc:
        raise ImportFailed([(0, f'无法读取文件 {path}：{exc.strerror}')])
    extension = os.path.splitext(path)[1].lower()
    if extension == '.docx':
        try:
            text = word.docx_text(raw, os.path.basename(path))
        except word.WordImportError as exc:
            raise ImportFailed([(0, str(exc))]) from None
    else:
        text = _decode(raw, path)
    if extension in ('.jsonl', '.ndjson', '.json'):
        return Parsed('jsonl', read_records(text.splitlines()))
    if not text.strip():
        raise ImportFailed([(0, f'{path} 是空文件')])
    if handbook_text.looks_like_handbook(text):
        records, version = handbook_text.parse(text)
        return Parsed('handbook', list(enumerate(records, start=1)), version)
    return Parsed('official_doc', list(enumerate(official_doc.parse(text), start=1)))


def _decode(raw, path):
    # Text out of Word on Chinese Windows is often GB18030, not UTF-8.
    for encoding in ('utf-8-sig', 'gb18030'):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFailed([(0, f'{path} 不是 UTF-8 或 GB18030 编码的文本')])
