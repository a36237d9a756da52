"""Revisions: every save of an item is kept, with who, when and why.

An item's ``History`` keeps two trees: small ``RevisionInfo`` records
(number, time, author, note) and, apart, one persistent ``RevisionData``
per revision holding all field values. Listing a history reads the small
records only; a revision's values load when someone opens it. Attachments
are values like any other: a revision that keeps a file refers to the same
``Attachment`` object, never a copy.

A save names the revision it started from (``base``); if the item has moved
on since, the save is refused with ``Conflict``, which carries both texts,
so nothing is overwritten silently and nothing is lost.
"""
import dataclasses
import datetime

from BTrees.LOBTree import LOBTree
from persistent import Persistent

from camra.schemas.text import scrub

from .clock import now

NOTE_MAX = 1000      # characters of a save's or a transition's note


@dataclasses.dataclass(frozen=True)
class RevisionInfo:
    """What a history page shows of a revision: no field values."""

    number: int
    when: datetime.datetime
    who: str
    note: str = ''


@dataclasses.dataclass(frozen=True)
class Event:
    """A workflow transition: ``action`` moved the item ``source`` -> ``target``."""

    when: datetime.datetime
    who: str
    action: str
    source: str
    target: str
    revision: int
    note: str = ''


class RevisionData(Persistent):
    """The field values of one revision (its own database record)."""

    def __init__(self, values):
        self.values = dict(values)


class Conflict(Exception):
    """A save from an older revision than the latest: ``mine`` (the values
    the editor sent, kept) and ``theirs`` (the latest revision's values,
    by ``latest.who``)."""

    def __init__(self, base, latest, mine, theirs):
        self.base, self.latest, self.mine, self.theirs = base, latest, mine, theirs
        super().__init__(f'revision {base} is no longer the latest ({latest.number})')


class History(Persistent):
    """The revisions and transitions of one item."""

    def __init__(self):
        self._info = LOBTree()
        self._data = LOBTree()
        self._events = LOBTree()

    @property
    def first(self):
        """The oldest ``RevisionInfo`` (None before the first save): who started the item."""
        return self._info[self._info.minKey()] if self._info else None

    @property
    def latest(self):
        """The newest ``RevisionInfo`` (None before the first save)."""
        return self._info[self._info.maxKey()] if self._info else None

    def add(self, values, who, note='', when=None):
        """Record a revision of ``values``; return its ``RevisionInfo``."""
        number = self._info.maxKey() + 1 if self._info else 1
        info = RevisionInfo(number, when or now(), who or '', _note(note))
        self._info[number] = info
        self._data[number] = RevisionData(values)
        return info

    def values(self, number):
        """The field values of revision ``number`` (a copy)."""
        return dict(self._data[number].values)

    def revisions(self):
        """Every ``RevisionInfo``, newest first (metadata only)."""
        return [self._info[k] for k in reversed(self._info.keys())]

    def record_event(self, who, action, source, target, note='', when=None, revision=None):
        """Record a workflow transition of ``revision`` (the latest by default)."""
        key = self._events.maxKey() + 1 if self._events else 1
        if revision is None:
            revision = self.latest.number if self.latest else 0
        event = Event(when or now(), who or '', action, source, target, revision, _note(note))
        self._events[key] = event
        return event

    def events(self):
        """Every transition, newest first."""
        return [self._events[k] for k in reversed(self._events.keys())]


def _note(note):
    """A note as kept: clean text, at most ``NOTE_MAX`` characters."""
    return scrub(note or '').strip()[:NOTE_MAX]


def history_of(item, who=''):
    """The ``History`` of ``item``, started on first use with a revision of
    its current values (content imported before it was ever edited) by
    ``who`` (nobody: the command line)."""
    history = getattr(item, 'history', None)
    if history is None:
        history = item.history = History()
        history.add(current_values(item), who, '导入的原始版本', when=getattr(item, 'modified', None))
    return history


def current_values(item):
    """The item's field values as stored on it."""
    return {name: getattr(item, name, None) for name in item.all_fields()}

