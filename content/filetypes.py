"""Which uploaded files are accepted: type judged by content, not by name.

A file is accepted when its bytes are of a kind we keep (PDF, Office
documents, images, zip archives, plain text) and its filename's extension
belongs to that same kind: a page of HTML called ``通知.pdf`` or a program
called ``照片.jpg`` is refused. The stored content type is the one sniffed
from the bytes, never the one the browser claimed.
"""
import os
import re

import filetype

MB = 1024 * 1024

# Sniffed kind (filetype's extension) -> (MIME type, extensions a file of
# that kind may carry).
KINDS = {
    'pdf': ('application/pdf', {'pdf'}),
    'docx': ('application/vnd.openxmlformats-officedocument.wordprocessingml.document', {'docx'}),
    'xlsx': ('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', {'xlsx'}),
    'pptx': ('application/vnd.openxmlformats-officedocument.presentationml.presentation', {'pptx'}),
    'doc': ('application/msword', {'doc'}),
    'xls': ('application/vnd.ms-excel', {'xls'}),
    'ppt': ('application/vnd.ms-powerpoint', {'ppt'}),
    'jpg': ('image/jpeg', {'jpg', 'jpeg'}),
    'png': ('image/png', {'png'}),
    'gif': ('image/gif', {'gif'}),
    'webp': ('image/webp', {'webp'}),
    'zip': ('application/zip', {'zip'}),
}
TEXT = {'txt': 'text/plain', 'csv': 'text/csv'}
ACCEPTED = '、'.join(sorted({e for _, exts in KINDS.values() for e in exts} | set(TEXT)))


class UploadError(ValueError):
    """A file that is refused; the message says why, in Chinese."""


def clean_filename(filename):
    """The name of an uploaded file without any folder part or control
    characters (Chinese kept), at most 200 characters."""
    name = re.split(r'[/\\]', filename or '')[-1]
    name = ''.join(c for c in name if c.isprintable()).strip().lstrip('.')
    if len(name) > 200:
        stem, ext = os.path.splitext(name)
        name = stem[:200 - len(ext)] + ext
    return name


def check(filename, data, max_size):
    """Return the content type to store ``data`` under, or raise ``UploadError``.

    ``max_size`` is in bytes.
    """
    if len(data) > max_size:
        raise UploadError(f'文件“{filename}”有 {len(data) / MB:.1f} MB，超过上限 {max_size / MB:g} MB')
    if not data:
        raise UploadError(f'文件“{filename}”是空的')
    extension = os.path.splitext(filename)[1].lower().lstrip('.')
    kind = filetype.guess_extension(data)
    if kind in KINDS:
        content_type, extensions = KINDS[kind]
        if extension in extensions:
            return content_type
        raise UploadError(f'文件“{filename}”的内容是 {kind.upper()}，与扩展名不符')
    charset = _text_charset(data) if kind is None and extension in TEXT else None
    if charset:
        return f'{TEXT[extension]}; charset={charset}'
    if extension not in TEXT and not any(extension in exts for _, exts in KINDS.values()):
        raise UploadError(f'不接受这种文件：“{filename}”（可上传：{ACCEPTED}）')
    raise UploadError(f'文件“{filename}”的内容与扩展名不符')


def _text_charset(data):
    """``utf-8`` or ``gb18030`` (files saved by Chinese Windows) if ``data``
    is text in it, else None."""
    if b'\0' in data:
        return None
    for charset in ('utf-8', 'gb18030'):
        try:
            data.decode(charset)
            return charset
        except UnicodeDecodeError:
            pass
    return None
