"""Who is asking and what they may do: session login, roles, CSRF.

The signed session cookie holds the login name, the account's session count
and when it signed in; each request looks the user up again, so a
deactivated user or a changed role takes effect at once, and a session ends
when the account signs out anywhere or its password changes (the count
moved on), or ``session.max_hours`` after it signed in.
Permissions map to the lowest role that has them (roles are cumulative):
anyone may ``view``; editors ``edit``; reviewers also ``review`` (publish,
retract, schedule, restore); admins also ``manage`` (users, settings).
Every unsafe request (POST...) needs the session's CSRF token.
"""
import time

from pyramid.csrf import new_csrf_token
from pyramid.security import Allowed, Denied

from camra.content.principals import ADMIN, EDITOR, REVIEWER
from camra.content.workflow import available

from .root import root_factory
from .settings import DEFAULTS
from .throttle import Throttle

VIEW, EDIT, REVIEW, MANAGE = 'view', 'edit', 'review', 'manage'
PERMISSION_ROLE = {EDIT: EDITOR, REVIEW: REVIEWER, MANAGE: ADMIN}
SESSION_KEY = 'camra.user'
SEARCH_WINDOW = 2       # seconds over which ``search.per_address`` searches are counted
SESSIONS_KEY = 'camra.sessions'     # the account's ``User.sessions`` when it signed in
SINCE_KEY = 'camra.since'           # when it signed in (POSIX seconds)


class SecurityPolicy:
    """Pyramid security policy over the site's ``Principals``."""

    def identity(self, request):
        """The signed-in, active ``User``, or None."""
        name = request.session.get(SESSION_KEY)
        if name is None:
            return None
        # pyramid_tm asks before traversal has set request.root.
        site = getattr(request, 'root', None) or root_factory(request)
        principals = getattr(site, 'principals', None)
        user = principals.get(name) if principals is not None else None
        if user is None or not user.active or request.session.get(SESSIONS_KEY) != user.sessions:
            return None     # gone, deactivated, signed out elsewhere or password changed
        if time.time() - request.session.get(SINCE_KEY, 0) > max_age(request.registry.settings):
            return None     # however active: sign in again after ``session.max_hours``
        return user

    def authenticated_userid(self, request):
        user = request.identity
        return user.name if user is not None else None

    def permits(self, request, context, permission):
        if permission == VIEW:
            return Allowed('anyone may view')
        role = PERMISSION_ROLE.get(permission)
        user = request.identity
        if role is None or user is None:
            return Denied(f'{permission} needs a signed-in user')
        if user.has_role(role):
            return Allowed(f'{user.name} is {user.role}')
        return Denied(f'{permission} needs the role {role}')

    def remember(self, request, userid, **kw):
        # A new session and a new CSRF token at each login: a token or session
        # id seen before the login is worth nothing after it.
        request.session.invalidate()
        user = request.root.principals.get(userid)
        request.session.update({SESSION_KEY: userid, SESSIONS_KEY: user.sessions, SINCE_KEY: time.time()})
        new_csrf_token(request)
        return []

    def forget(self, request, **kw):
        request.session.invalidate()
        return []


def max_age(settings):
    """Seconds a sign-in lasts at most, active or not (``session.max_hours``)."""
    return float(settings.get('session.max_hours') or DEFAULTS['session.max_hours']) * 3600


def allowed_transitions(request, item):
    """The workflow transitions that apply to ``item`` now and that the
    current user's role allows."""
    return available(item, lambda permission: request.has_permission(permission, item))


def includeme(config):
    config.set_security_policy(SecurityPolicy())
    config.set_default_csrf_options(require_csrf=True)
    config.registry.login_throttle = Throttle()     # per process: see camra.site.throttle
    # Searches run one at a time in a process: one address may not take them all.
    searches = int(config.registry.settings.get('search.per_address') or DEFAULTS['search.per_address'])
    config.registry.search_throttle = Throttle(limit=searches, window=SEARCH_WINDOW) if searches > 0 else None
