"""A signed-in user's own settings: the address review mail goes to, and
whether it comes at all."""
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from camra.content.actions import ActionError, SetMailPreferences
from camra.content.folder import Folder

from ..flash import flash
from ..security import EDIT
from . import edit_template


@view_config(context=Folder, name='preferences', permission=EDIT, renderer=edit_template('preferences'))
def preferences(context, request):
    if context is not request.root:
        raise HTTPNotFound()
    user = request.identity
    page = {'email': user.email, 'notify': user.notify, 'error': None,
            'configured': request.registry.review_mail.configured}
    if request.method != 'POST':
        return page
    email, notify = request.POST.get('email', ''), request.POST.get('notify') == '1'
    try:
        SetMailPreferences(context, user, email, notify).execute()
    except ActionError as exc:
        request.response.status = exc.status
        return {**page, 'email': email, 'notify': notify, 'error': str(exc)}
    flash(request, '已保存。' + ('审核邮件会发到 ' + user.email + '。' if user.email and user.notify else '不会再收到审核邮件。'))
    return HTTPSeeOther(request.resource_url(context, '@@preferences'))
