"""People: AddUser and ChangeUser (admins), SignIn (nothing written but the
audit log) and SignOut, which ends every session of the account."""
from ..principals import ADMIN, PrincipalError
from .base import Action, ActionError


class AddUser(Action):
    """A new account; ``PrincipalError`` messages come back as ``ActionError``."""

    verb = 'adduser'
    role = ADMIN

    def __init__(self, site, actor, name, role, password, title='', how='', email=''):
        super().__init__(site, actor)
        self.values = (name, role, password, title, email)
        self.how = how

    def run(self):
        try:
            user = self.site.principals.add(*self.values)
        except PrincipalError as exc:
            raise ActionError(str(exc)) from None
        self.detail = f'{user.name} ({user.role}){self.how}'
        return user


class ChangeUser(Action):
    """Change an account's role, title, active flag or password."""

    verb = 'changeuser'
    role = ADMIN

    def __init__(self, site, actor, name, **changes):
        super().__init__(site, actor)
        if site.principals.get(name) is None:
            raise ActionError(f'没有用户 {name}', 404)
        self.name, self.changes = name, changes

    def run(self):
        try:
            user = self.site.principals.change(self.name, **self.changes)
        except PrincipalError as exc:
            raise ActionError(str(exc)) from None
        self.detail = f'{user.name} ({user.role}, {"active" if user.active else "inactive"})'
        return user


class SetMailPreferences(Action):
    """The signed-in user's own mail address and whether review mail comes."""

    verb = 'preferences'

    def __init__(self, site, actor, email, notify):
        super().__init__(site, actor)
        self.email, self.notify = email, notify

    def run(self):
        try:
            self.actor.set_mail(self.email, self.notify)
        except PrincipalError as exc:
            raise ActionError(str(exc)) from None
        self.detail = f'{self.actor.name} mail {"on" if self.actor.notify else "off"}'
        return self.actor


class SignIn(Action):
    """A user signed in (the session is the web's business)."""

    verb = 'login'
    role = None

    def run(self):
        return self.actor


class SignOut(SignIn):
    """A user signed out: every session of the account ends, on every device."""

    verb = 'logout'

    def run(self):
        self.actor.end_sessions()
        return self.actor
