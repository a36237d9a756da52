"""The dashboard: where editors and reviewers start their day."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from camra.content.folder import Folder
from camra.content.registry import addable

from ..security import EDIT
from . import edit_template


@view_config(context=Folder, name='dashboard', permission=EDIT, renderer=edit_template('dashboard'))
def dashboard(context, request):
    """What is waiting for review (reviewers), the user's own drafts, what
    can be added, and the latest activity."""
    if context is not request.root:
        raise HTTPNotFound()
    sections = [(folder, addable(folder)) for folder in context.values() if isinstance(folder, Folder)]
    worklist = context.worklist
    reviewer = request.has_permission('review', context)
    return {'sections': [(context, addable(context))] + [s for s in sections if s[1]],
            'waiting': worklist.waiting() if reviewer else None,
            'drafts': worklist.drafts_of(request.identity.name),
            'activity': context.audit.newest(30), 'mail_configured': request.registry.review_mail.configured}
