"""What every action shares: who acts, the role check, audit and events."""
from .. import events, worklist
from ..principals import ADMIN, EDITOR, REVIEWER, ROLES


class ActionError(ValueError):
    """An action that cannot be done: ``str()`` is the Chinese message,
    ``status`` the HTTP status a web client should get (400, 403, 404, 409)."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


class _System:
    """The command line and the demo builder: every role, no login name."""

    name = ''
    title = '系统'
    role = ADMIN

    @staticmethod
    def has_role(role):
        return True


SYSTEM = _System()


class Action:
    """One write. Subclasses set ``role`` (the lowest role allowed; None:
    anyone) and ``verb`` (its name in the audit log), and define ``run()``,
    which returns the result and may set ``path`` and ``detail`` for the log.
    """

    role = EDITOR
    verb = ''

    def __init__(self, site, actor):
        self.site, self.actor = site, actor
        self.path, self.detail = '', ''

    def check(self):
        """Raise ``ActionError`` unless the actor may do this now."""
        if not self.permitted():
            raise ActionError(f'你的角色（{_role_title(self.actor)}）不能执行此操作，需要{ROLES[self.required_role()]}。',
                              403)

    def permitted(self):
        """Whether the actor's role allows this (pages offer only what is)."""
        role = self.required_role()
        return role is None or (self.actor is not None and self.actor.has_role(role))

    def required_role(self):
        """The role this action needs as things are (``role`` by default)."""
        return self.role

    def execute(self):
        """Check, write, record in the audit log, bring the worklist up to
        date, tell subscribers; return what ``run()`` returns."""
        self.check()
        result = self.run()
        self.site.audit.record(self.actor.name if self.actor is not None else '', self.verb, self.path, self.detail)
        worklist.follow(self.site, self)
        events.notify(self)
        return result

    def run(self):
        raise NotImplementedError


def refuse_duplicate(info, folder, values, item=None):
    """Raise ``ActionError`` (409) when another item already has the key of
    ``values`` (a second 中汽修协字〔2022〕35号)."""
    other = info.duplicate(folder, values, item)
    if other is not None:
        key = '、'.join(str(values.get(f)) for f in info.key_fields)
        raise ActionError(f'{info.key_title()}“{key}”已被《{other.title}》使用，没有保存：请核对后再保存。', 409)


def _role_title(actor):
    return ROLES.get(getattr(actor, 'role', None), '访客')


__all__ = ['ADMIN', 'EDITOR', 'REVIEWER', 'SYSTEM', 'Action', 'ActionError']
