"""People who sign in: users, their roles, and their password hashes.

Passwords are hashed with argon2id (argon2-cffi's defaults); only the hash is
stored. Roles are cumulative: a reviewer can do what an editor can, an admin
what a reviewer can.
"""
import functools
import os
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .clock import now

EDITOR, REVIEWER, ADMIN = 'editor', 'reviewer', 'admin'
ROLES = {EDITOR: '编辑', REVIEWER: '审核', ADMIN: '管理员'}
# What each role may do, including what the roles below it may.
ROLE_RANK = {EDITOR: 1, REVIEWER: 2, ADMIN: 3}
MIN_PASSWORD = 10
_NAME = re.compile(r'^[\w.@-]{2,40}$')

_hasher = PasswordHasher()
# Checked when a name is unknown, so that a refusal takes as long either way
# and its timing does not tell which names exist.
_DUMMY_HASH = _hasher.hash('not a password of anyone')


class PrincipalError(ValueError):
    """A user name, role or password that cannot be used (Chinese message)."""


class User(Persistent):
    """One account: ``name`` (the login), a display ``title``, a ``role``.

    ``sessions`` counts the times its sessions were ended: a session made
    under another count is no longer signed in (see ``camra.site.security``).
    """

    sessions = 0        # the class's, for accounts made before sessions could be ended
    email = ''          # where review mail goes ('' : none)
    notify = True       # whether it wants review mail

    def __init__(self, name, role, password, title=''):
        self.name = name
        self.title = title or name
        self.role = check_role(role)
        self.active = True
        self.created = now()
        self.set_password(password)

    def set_password(self, password):
        """Store the argon2 hash of ``password`` (checked for length); every
        session signed in with the old one ends."""
        self.password_hash = _hasher.hash(check_password(password))
        self.end_sessions()

    def end_sessions(self):
        """End every session of this account, wherever it is signed in."""
        self.sessions += 1

    def check_password(self, password):
        """True if ``password`` is this user's; rehashes when argon2's
        parameters have grown since the hash was made."""
        try:
            _hasher.verify(self.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        if _hasher.check_needs_rehash(self.password_hash):
            self.password_hash = _hasher.hash(password)
        return True

    def set_mail(self, email, notify):
        """Set the address review mail goes to (checked; '' for none) and
        whether it wants any."""
        self.email, self.notify = check_email(email), bool(notify)

    def has_role(self, role):
        """True if this active user's role is ``role`` or above it."""
        return self.active and ROLE_RANK.get(self.role, 0) >= ROLE_RANK[role]


class Principals(Persistent):
    """The users of a site, by login name (an ``OOBTree``)."""

    def __init__(self):
        self._users = OOBTree()

    def get(self, name):
        """The user called ``name``, or None."""
        return self._users.get(name) if isinstance(name, str) else None

    def find(self, name):
        """The user called ``name`` whatever its case (``ED1`` is ``ed1``), or None."""
        user = self.get(name)
        if user is None and isinstance(name, str):
            folded = name.casefold()
            user = next((u for n, u in self._users.items() if n.casefold() == folded), None)
        return user

    def authenticate(self, name, password):
        """``(user, ok)``: the active user called ``name`` in any case (None
        if there is none) and whether ``password`` is theirs. An unknown
        name costs as much time as a wrong password."""
        user = self.find(name)
        if user is None or not user.active:
            try:
                _hasher.verify(_DUMMY_HASH, str(password))
            except (VerificationError, InvalidHashError):
                pass
            return None, False
        return user, user.check_password(password)

    def add(self, name, role, password, title='', email=''):
        """Create and return a user; raises ``PrincipalError`` when the name
        is taken or malformed, the role unknown or the password too short."""
        name = (name or '').strip()
        if not _NAME.match(name):
            raise PrincipalError('用户名应为 2–40 个字母、数字或 . _ @ -')
        if self.find(name) is not None:
            raise PrincipalError(f'用户名已被占用：{name}（不分大小写）')
        email = check_email(email)
        user = self._users[name] = User(name, role, password, title)
        user.email = email
        return user

    def __len__(self):
        return len(self._users)

    def users(self):
        """Every user, by name."""
        return list(self._users.values())

    def change(self, name, role=None, title=None, active=None, password=None, email=None):
        """Change user ``name``'s role, title, active flag or password (the
        ones given); never leaves the site without an active admin."""
        user = self._users[name]
        role = check_role(role) if role is not None else user.role
        active = user.active if active is None else bool(active)
        if user.role == ADMIN and user.active and not (role == ADMIN and active) \
                and not any(u.role == ADMIN and u.active for u in self.users() if u is not user):
            raise PrincipalError('这是唯一的管理员：请先让另一位用户成为管理员')
        if password:
            user.set_password(password)
        if title is not None:
            user.title = title.strip() or user.name
        if email is not None:
            user.email = check_email(email)
        user.role, user.active = role, active
        return user


_EMAIL = re.compile(r'^[^@\s]+@[^@\s]+\.[^@\s]+$')


def check_email(email):
    """``email`` stripped if it looks like an address (or is empty), else ``PrincipalError``."""
    email = (email or '').strip()
    if email and (len(email) > 200 or not _EMAIL.match(email)):
        raise PrincipalError(f'邮箱地址格式不正确：“{email}”')
    return email


def check_role(role):
    """``role`` if it is one of ``ROLES``, else ``PrincipalError``."""
    if role not in ROLES:
        raise PrincipalError(f'角色应为以下之一：{"、".join(ROLES)}')
    return role


def check_password(password):
    """``password`` if it is long enough and not one that is guessed first
    (one of the commonest, or a few characters repeated), else ``PrincipalError``."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise PrincipalError(f'密码至少 {MIN_PASSWORD} 个字符')
    if password.casefold() in _common_passwords() or len(set(password)) < 4:
        raise PrincipalError('这个密码太常见，很容易被猜到：请换一个（几个词组成的短句就好记又安全）')
    return password


@functools.cache
def _common_passwords():
    path = os.path.join(os.path.dirname(__file__), 'data', 'common_passwords.txt')
    with open(path, encoding='utf-8') as f:
        return frozenset(line.strip().casefold() for line in f if line.strip() and not line.startswith('#'))

