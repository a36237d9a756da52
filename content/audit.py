"""The audit log: who did what, to which item, and when.

Entries are appended to an ``LOBTree`` keyed by a growing number, so the
log never rewrites old entries and its newest entries read first cheaply.
"""
import dataclasses
import datetime

from BTrees.LOBTree import LOBTree
from persistent import Persistent

from .clock import now


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
        key = self._entries.maxKey() + 1 if self._entries else 1
        self._entries[key] = entry
        return entry

    def newest(self, limit=100):
        """The last ``limit`` entries, newest first."""
        keys = self._entries.keys()
        found = []
        for key in reversed(keys):
            found.append(self._entries[key])
            if len(found) >= limit:
                break
        return found

    def __len__(self):
        return len(self._entries)
