"""The text of a PDF official document (pypdf), for the importers.

Only PDFs with a text layer are read: a scanned document (pictures of
pages) is refused with a message that says so, since we do no OCR.
"""
import io
import logging

from ..loader import ImportFailed

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
        text = '\n'.join(page.extract_text() or '' for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ImportFailed([(0, f'{name} 不是可读的 PDF 文件（{exc}）')]) from None
    if len(''.join(text.split())) < MIN_CHARACTERS:
        raise ImportFailed([(0, f'{name} 没有文字层（可能是扫描件）：本系统不做文字识别（OCR），'
                                '请导入 Word 或文字版 PDF')])
    return text
