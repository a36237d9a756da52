"""User management for admins: add users, change roles, titles and
passwords, deactivate and reactivate (nobody is deleted: the audit log
and revisions keep their names)."""
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from camra.content.actions import ActionError, AddUser, ChangeUser
from camra.content.folder import Folder
from camra.content.principals import ROLES

from ..flash import flash
from ..security import MANAGE
from . import edit_template


@view_config(context=Folder, name='users', permission=MANAGE, renderer=edit_template('users'))
def users(context, request):
    """The users, a form to add one, and a form per user to change them."""
    if context is not request.root:
        raise HTTPNotFound()
    principals = context.principals
    page = {'users': principals.users(), 'roles': ROLES, 'error': None, 'typed': {}}
    if request.method != 'POST':
        return page
    post = request.POST
    try:
        if post.get('action') == 'add':
            if post.get('password') != post.get('confirm'):
                raise ActionError('两次输入的密码不一致')
            user = AddUser(context, request.identity, post.get('name', ''), post.get('role', ''),
                           post.get('password', ''), post.get('title', '').strip(),
                           email=post.get('email', '')).execute()
            message = f'已添加用户 {user.name}。'
        else:
            user = ChangeUser(context, request.identity, post.get('name', ''), role=post.get('role'),
                              title=post.get('title'), active=post.get('active') == '1',
                              password=post.get('password') or None, email=post.get('email')).execute()
            message = f'已更新用户 {user.name}。'
    except ActionError as exc:
        if exc.status == 404:
            raise HTTPNotFound() from None
        request.response.status = 400
        typed = {k: post.get(k, '') for k in ('name', 'title', 'role', 'email')} if post.get('action') == 'add' else {}
        return {**page, 'error': str(exc), 'typed': typed}
    flash(request, message)
    return HTTPSeeOther(request.resource_url(context, '@@users'))
