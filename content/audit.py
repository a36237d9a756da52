"""The audit log: who did what, to which item, and when.

Entries are appended to an ``LOBTree`` under growing keys (``keys``), so
the log never rewrites old entries, processes that log at once do not
conflict, and the newest entries read first cheaply.
"""
import dataclasses
import datetime

from BTrees.LOBTree import LOBTree
from persistent import Persistent

from .clock import now
from .keys import append_key
from .workflow import TRANSITIONS

# What the back office calls each action (transitions by their own titles).
ACTION_TITLES = {
    'add': '新建', 'edit': '保存', 'delete': '删除（移到回收站）', 'rename': '更改网址',
    'restore': '从回收站恢复', 'empty-trash': '清空回收站', 'revert': '恢复旧修订', 'import': '导入',
    'release': '发布手册版本', 'synonyms': '修改同义词', 'login': '登录', 'logout': '退出登录',
    'preferences': '修改通知设置', 'adduser': '新建用户', 'changeuser': '修改用户',
}


def action_title(action):
    """The Chinese name of an audit log ``action`` (as stored if unknown)."""
    transition = TRANSITIONS.get(action)
    return transition.title if transition is not None else ACTION_TITLES.get(action, action)


@dataclasses.dataclass(frozen=True)
class Entry:
    """One audited act: ``when`` (UTC), ``who`` (a login name or ''),
    ``action`` (``login``, ``publish``...), ``path`` and a ``detail``."""

    when: datetime.datetime
    who: str
    action: str
    path: str = ''
    detail: str = ''


class AuditLog(Persistent):
    """An append-only list of ``Entry``."""

    def __init__(self):
        self._entries = LOBTree()

    def record(self, who, action, path='', detail='', when=None):
        """Append an entry and return it."""
        entry = Entry(when or now(), who or '', action, path, detail)
        # Stored as a plain tuple: ZODB can only merge concurrent appends
        # (resolve the conflict) when it can compare the values it holds.
        self._entries[append_key(self._entries)] = dataclasses.astuple(entry)
        return entry

    def newest(self, limit=100):
        """The last ``limit`` entries, newest first."""
        keys = self._entries.keys()
        found = []
        for key in reversed(keys):
            value = self._entries[key]
            found.append(Entry(*value) if isinstance(value, tuple) else value)
            if len(found) >= limit:
                break
        return found

    def __len__(self):
        return len(self._entries)
