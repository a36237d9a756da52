"""Editors import several official documents at once (Word, PDF, text):
each becomes a draft for review, or is named with the reason it did not."""
from pyramid.view import view_config

from camra.content import batch
from camra.content.filetypes import UploadError
from camra.content.root import SiteRoot

from ..security import EDIT
from ..uploads import acceptor
from . import edit_template

ACCEPTED = ('.docx', '.pdf', '.txt')


@view_config(context=SiteRoot, name='import', permission=EDIT, renderer=edit_template('import'))
def import_form(context, request):
    """``@@import``: the form, and after a POST the report of each file."""
    if request.method != 'POST':
        return {'outcomes': None}
    accept = acceptor(request.registry.settings)
    files, refused = [], []
    for upload in request.POST.getall('files'):
        name = getattr(upload, 'filename', None)
        if not name:
            continue
        if not name.lower().endswith(ACCEPTED):
            refused.append(batch.Outcome(name, False, '未导入：只接受 .docx、.pdf 和 .txt 文件'))
            continue
        try:
            kept = accept(name, upload.file.read())
        except UploadError as exc:
            refused.append(batch.Outcome(name, False, f'未导入：{exc}'))
            continue
        files.append((kept.filename, kept.read()))
    if not files and not refused:
        request.response.status = 400
        return {'outcomes': None, 'error': '请选择要导入的文件。'}
    outcomes = refused + batch.import_each(context, request.identity, files, drafts=True,
                                           tm=request.tm)
    return {'outcomes': outcomes}
