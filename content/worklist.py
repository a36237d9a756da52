"""What waits for someone: the reviewers' queue and each editor's drafts.

The site keeps one entry per item that is not simply published: submitted
for review (a new item, or a newer revision of a published one), or a
draft (never published, sent back, retracted, or a published item's newer
revision not yet submitted). Reading the queue or someone's drafts reads
these entries only, never the whole site. Every action that touches an item
brings its entry up to date (``content/events.py`` calls ``follow``).
"""
import dataclasses
import datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .changes import path_of
from .folder import Folder, items_under
from .item import PRIVATE, PUBLISHED, Item
from .workflow import PENDING, RETRACTED, draft_submitted, has_draft

WAITING, DRAFT = 'waiting', 'draft'


# Ordered: BTrees compare values with < and > when they merge two
# transactions' changes to a bucket; values that cannot be ordered make every
# such merge a conflict.
@dataclasses.dataclass(frozen=True, order=True)
class Entry:
    """One item's line: ``kind`` (``waiting`` for review, or ``draft``),
    its title and type, who last moved it (the submitter, or the author of
    its latest revision) and when, its state's words, whether it is a change
    to a published item, and the note of a sending back."""

    kind: str
    title: str
    type_title: str
    who: str
    when: datetime.datetime
    state: str
    change: bool = False
    note: str = ''


# The worklist is small and busy: editors add drafts and reviewers publish them
# all day, so its BTree is often one bucket of a few keys. BTrees merge two
# transactions' changes to a bucket only when neither empties it; two keys that
# never go, before and after every path, keep it from ever being empty (4
# editors publishing at once met conflicts past every retry without them).
_FIRST, _LAST = '', '\uffff'


class Worklist(Persistent):
    """``path -> Entry`` for the items that wait for someone."""

    def __init__(self):
        self._entries = OOBTree({_FIRST: None, _LAST: None})

    def note(self, item):
        """Bring the entry of ``item`` up to date (dropped when it waits for no one)."""
        path = path_of(item)
        entry = entry_for(item)
        if entry is None:
            self.forget(path)
        elif self._entries.get(path) != entry:
            self._entries[path] = entry

    def forget(self, path):
        """Drop the entry of ``path`` and of everything under it (a deleted or renamed folder)."""
        for key in list(self._entries.keys(path, path + '/\uffff')):
            if key == path or key.startswith(path.rstrip('/') + '/'):
                del self._entries[key]

    def waiting(self):
        """``[(path, Entry)]`` submitted for review, oldest first (first come, first reviewed)."""
        found = [(p, e) for p, e in self._entries.items() if e is not None and e.kind == WAITING]
        return sorted(found, key=lambda pe: pe[1].when)

    def drafts_of(self, name):
        """``[(path, Entry)]`` of the drafts whose latest revision ``name`` wrote, newest first."""
        found = [(p, e) for p, e in self._entries.items() if e is not None and e.kind == DRAFT and e.who == name]
        return sorted(found, key=lambda pe: pe[1].when, reverse=True)

    def __len__(self):
        return len(self._entries) - 2


def entry_for(item):
    """The ``Entry`` of ``item``, or None when it waits for no one."""
    history = getattr(item, 'history', None)
    if history is None or history.latest is None:
        return None     # imported and never touched: as published as it is
    latest = history.latest
    events = history.events()
    last = events[0] if events else None
    sent_back = last.note if last is not None and last.action in ('reject', 'reject_draft') else ''
    common = {'title': item.title, 'type_title': item.type_title}
    if item.state == PENDING:
        return Entry(WAITING, who=last.who if last else latest.who, when=last.when if last else latest.when,
                     state='待审核', **common)
    if item.state == PUBLISHED:
        if not has_draft(item):
            return None
        submitted = draft_submitted(item)
        if submitted is not None:
            return Entry(WAITING, who=submitted.who, when=submitted.when, state='修改待审核', change=True,
                         **common)
        return Entry(DRAFT, who=latest.who, when=latest.when, state='已发布，修改未提交', change=True,
                     note=sent_back, **common)
    if item.state in (PRIVATE, RETRACTED):
        state = '已撤回' if item.state == RETRACTED else ('已退回' if sent_back else '草稿')
        return Entry(DRAFT, who=latest.who, when=latest.when, state=state, note=sent_back, **common)
    return None


def rebuild(site):
    """A new ``Worklist`` of every item under ``site`` (evolve, repair)."""
    worklist = Worklist()
    for item in items_under(site):
        worklist.note(item)
    return worklist


def follow(site, action):
    """Bring the worklist up to date after ``action`` wrote: the item it
    touched (``action.item``), the paths it emptied (``action.gone``: a
    deleted or renamed item's old path), and for an import every item its
    transaction changed."""
    worklist = getattr(site, 'worklist', None)
    if worklist is None:
        return              # a database not yet evolved (step 7 builds it)
    for path in getattr(action, 'gone', ()):
        worklist.forget(path)
    item = getattr(action, 'item', None)
    if isinstance(item, Item) and _in_site(item, site):
        worklist.note(item)
    for path in getattr(action, 'changed', ()):
        for found in _items_at(site, path):
            worklist.note(found)


def _in_site(obj, site):
    while obj is not None:
        if obj is site:
            return True
        obj = getattr(obj, '__parent__', None)
    return False


def _items_at(site, path):
    """The items at ``path`` and under it (a coarse path names a folder)."""
    obj = site
    for name in [n for n in path.split('/') if n]:
        obj = obj.get(name) if isinstance(obj, Folder) else None
        if obj is None:
            return []
    if isinstance(obj, Item):
        return [obj]
    return list(items_under(obj)) if isinstance(obj, Folder) else []
