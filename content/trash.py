"""The recycle bin: deleted items wait here until restored or emptied."""
import dataclasses
import datetime

from BTrees.IOBTree import IOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .changes import path_of
from .clock import now
from .naming import unique_name


@dataclasses.dataclass(frozen=True)
class Deleted:
    """One item in the bin: where it was, whether the public saw it then,
    who deleted it and when."""

    id: int
    item: object
    path: str
    was_public: bool
    who: str
    when: datetime.datetime


class Trash(Persistent):
    """Deleted items by number, and the paths they left."""

    def __init__(self):
        self._entries = IOBTree()
        self._paths = OOBTree()     # path -> number of the latest item deleted there

    def put(self, item, who):
        """Take ``item`` out of its folder into the bin; return its ``Deleted``."""
        number = self._entries.maxKey() + 1 if self._entries else 1     # deleting is rare
        path, was_public = path_of(item), item.published
        item.__parent__.remove(item.__name__)
        item.__parent__ = None
        entry = self._entries[number] = Deleted(number, item, path, was_public, who, now())
        self._paths[path] = number
        return entry

    def get(self, number):
        return self._entries.get(number)

    def entries(self):
        """Every ``Deleted``, the latest first."""
        return [self._entries[k] for k in reversed(self._entries.keys())]

    def __len__(self):
        return len(self._entries)

    def left(self, path):
        """The ``Deleted`` that was last at ``path``, if still in the bin."""
        number = self._paths.get(path.rstrip('/'))
        return self._entries.get(number) if number is not None else None

    def restore(self, number, folder, name=None):
        """Put entry ``number``'s item into ``folder`` under ``name`` (its
        old name; or the next free one like it); return the item."""
        entry = self._entries.pop(number)
        if self._paths.get(entry.path) == number:
            del self._paths[entry.path]
        base = name or entry.path.rsplit('/', 1)[1]
        return folder.add(unique_name(folder, base), entry.item)

    def empty(self):
        """Delete every item in the bin for good; return how many."""
        count = len(self._entries)
        self._entries.clear()
        self._paths.clear()
        return count
