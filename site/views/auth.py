"""Signing in and out, and the answers to refused requests."""
from urllib.parse import urlparse

from pyramid.csrf import get_csrf_token
from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import forget, remember
from pyramid.view import forbidden_view_config, view_config

from camra.content.actions import SignIn, SignOut
from camra.content.principals import ROLES

from . import HTML, JSON, edit_template

LOGIN = 'login'


@view_config(name=LOGIN, request_method='GET', renderer=edit_template('login'))
def login_form(context, request):
    get_csrf_token(request)     # the form's token lives in the session
    return {'came_from': _safe_target(request, request.params.get('came_from')), 'error': None, 'name': ''}


@view_config(name=LOGIN, request_method='POST', renderer=edit_template('login'))
def login(context, request):
    """Check the name and password; a success starts a new session.

    Failures are counted so that nobody can lock out anyone else: a wrong
    password for a real account counts against that account *from this
    address* (see ``camra.site.throttle``), and an unknown name against the
    address. An address over its budget gets 429 for every failed try, but
    a real user's correct password from it still signs in.
    """
    name = request.POST.get('name', '').strip()[:100]
    came_from = _safe_target(request, request.POST.get('came_from'))
    throttle = request.registry.login_throttle
    address = 'addr:' + (request.client_addr or '')
    account = f'name:{name.casefold()}|{address}'     # ED1 is ed1: no case dodges the count
    if throttle.wait(account):
        return _too_many(request, came_from, name, throttle.wait(account))
    address_wait = throttle.wait(address)
    user, ok = request.root.principals.authenticate(name, request.POST.get('password', ''))
    if not ok:
        throttle.count(account if user is not None else address)
        if address_wait:
            return _too_many(request, came_from, name, address_wait)
        request.response.status = 400
        return {'came_from': came_from, 'name': name, 'error': '用户名或密码不正确。'}
    throttle.forget(account)
    SignIn(request.root, user).execute()
    return HTTPSeeOther(came_from or request.resource_url(request.root, '@@dashboard'),
                        headers=remember(request, user.name))


def _too_many(request, came_from, name, wait):
    request.response.status = 429
    return {'came_from': came_from, 'name': name,
            'error': f'登录失败次数过多，请 {max(1, wait // 60)} 分钟后再试。'}


@view_config(name='logout', request_method='POST')
def logout(context, request):
    if request.identity is not None:
        SignOut(request.root, request.identity).execute()
    return HTTPSeeOther(request.resource_url(request.root), headers=forget(request))


@forbidden_view_config(accept=JSON, renderer='json')
def forbidden_json(request):
    signed_in = request.identity is not None
    request.response.status = 403 if signed_in else 401
    return {'error': 'forbidden' if signed_in else 'login_required',
            'message': '你的角色不能执行此操作' if signed_in else '请先登录'}


# As for 404 pages: browsers (text/html wins for */*) and unknown Accepts get HTML.
@forbidden_view_config(accept=HTML, renderer=edit_template('message'))
@forbidden_view_config(renderer=edit_template('message'))
def forbidden(request):
    """Anonymous visitors go to the login page (never the form); signed-in
    users without the role get a 403 page that says so."""
    if request.identity is None:
        return HTTPSeeOther(request.resource_url(request.root, LOGIN, query={'came_from': request.url}))
    request.response.status = 403
    role = ROLES.get(request.identity.role, request.identity.role)
    return {'title': '没有权限', 'message': f'你的角色（{role}）不能执行此操作。'}


@view_config(context=BadCSRFToken, renderer=edit_template('message'))
def bad_csrf(request):
    request.response.status = 400
    return {'title': '表单已失效',
            'message': '这个表单已过期或不是从本站提交的（缺少安全令牌），内容没有保存。请返回刷新页面后重新提交。'}


def _safe_target(request, url):
    """``url`` if it points into this site, else None (no open redirects)."""
    if not url:
        return None
    target, here = urlparse(url), urlparse(request.application_url)
    if target.scheme and (target.scheme, target.netloc) != (here.scheme, here.netloc):
        return None
    if not target.scheme and (target.netloc or not url.startswith('/')):
        return None
    return url
