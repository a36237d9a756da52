"""The text of a PDF official document (pypdf), for the importers.

Only PDFs with a text layer are read: a scanned document (pictures of
pages) is refused with a message that says so, since we do no OCR.
"""
import collections
import io
import logging

from ..loader import ImportFailed
from .textblocks import PAGE_NUMBER

MIN_CHARACTERS = 20      # fewer on every page: pictures of pages, not text


def pdf_text(data, name):
    """The text of the PDF ``data`` (file ``name``), page after page;
    raises ``ImportFailed`` for a scanned, encrypted or unreadable PDF."""
    import pypdf
    from pypdf.errors import PdfReadError
    logging.getLogger('pypdf').setLevel(logging.ERROR)   # its warnings are about the file, not us
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ImportFailed([(0, f'{name} 是加密的 PDF，请先去掉密码再导入')])
        text = '\n'.join(_without_running_heads([page.extract_text() or '' for page in reader.pages]))
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ImportFailed([(0, f'{name} 不是可读的 PDF 文件（{exc}）')]) from None
    if len(''.join(text.split())) < MIN_CHARACTERS:
        raise ImportFailed([(0, f'{name} 没有文字层（可能是扫描件）：本系统不做文字识别（OCR），'
                                '请导入 Word 或文字版 PDF')])
    return text


def _without_running_heads(pages):
    """``pages`` without a running head or foot: a line that is the first
    or last of at least half of three or more pages (page numbers aside),
    which would otherwise land in the middle of a section's text."""
    pages = [[ln.strip() for ln in page.split('\n') if ln.strip()] for page in pages]
    edges = collections.Counter(ln for page in pages for ln in {*_text(page)[:1], *_text(page)[-1:]})
    running = {ln for ln, n in edges.items() if len(pages) >= 3 and n * 2 >= len(pages)}
    kept = []
    for page in pages:
        text_at = [i for i, ln in enumerate(page) if not PAGE_NUMBER.match(ln)]
        drop = {i for i in text_at[:1] + text_at[-1:] if page[i] in running}
        kept.append('\n'.join(ln for i, ln in enumerate(page) if i not in drop))
    return kept


def _text(page):
    return [ln for ln in page if not PAGE_NUMBER.match(ln)]
