"""What editors upload through forms: files checked before they are kept,
and Word documents turned into an item's body and image files."""
import re

from camra.content.attachments import Attachment
from camra.content.filetypes import KINDS, UploadError, check, clean_filename
from camra.content.importers.word import ATTACHMENT_SCHEME, WordImportError, docx_to_markdown

from .settings import upload_limit

DOCX = KINDS['docx'][0]


def acceptor(settings):
    """``accept(filename, data)``: the upload as an ``Attachment``, or
    ``UploadError`` when it is too large or not the kind its name says."""
    limit = upload_limit(settings)

    def accept(filename, data):
        name = clean_filename(filename)
        if not name:
            raise UploadError('文件名不可用')
        return Attachment(name, data, check(name, data, limit))
    return accept


def import_word(posted, upload, accept):
    """Put the Word file ``upload`` (from the form's ``word`` field) into
    the ``posted`` form: its text as the body, its images added to the
    attachments. Returns True when it did; problems go into
    ``posted.errors`` under ``word``."""
    if not getattr(upload, 'filename', None):
        return False
    try:
        document = accept(upload.filename, upload.file.read())
        if document.content_type != DOCX:
            raise UploadError(f'“{document.filename}”不是 .docx 格式的 Word 文件（旧的 .doc 请先另存为 .docx）')
        body, images = docx_to_markdown(document.read(), document.filename)
    except (UploadError, WordImportError) as exc:
        posted.errors['word'] = str(exc)
        return False
    files = []
    for filename, data, _ in images:
        try:
            files.append(accept(filename, data))
        except UploadError:
            # Drawings browsers cannot show (EMF, WMF): say so where they stood.
            body = re.sub(rf'!\[[^\]]*\]\({re.escape(ATTACHMENT_SCHEME + filename)}\)',
                          f'（图片“{filename}”无法在网页上显示，未导入）', body)
    posted.cstruct['body'] = body
    if files:
        posted.cstruct['attachments'] = list(posted.cstruct.get('attachments') or []) + files
    return True
