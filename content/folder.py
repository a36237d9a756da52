"""Ordered, BTree-backed folders: the nodes of the resource tree."""
import unicodedata

from BTrees.Length import Length
from BTrees.LOBTree import LOBTree
from BTrees.OLBTree import OLBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .changes import record_change
from .dateindex import DateIndex
from .item import Item
from .keys import append_key


class NameError_(ValueError):
    """A name that cannot be used in a folder (empty, reserved or taken)."""


NAME_MAX = 200       # characters of a URL name
_RESERVED = {'', '.', '..', 'feed', 'sitemap.xml', 'static', 'login', 'logout'}


class Folder(Persistent):
    """A container of named children that keeps their insertion order.

    Children live in an ``OOBTree`` and the order in a ``LOBTree`` keyed by a
    growing position (``keys.append_key``), so adding, removing and looking
    up stay O(log n) in a folder of 100,000 items, and adding never writes
    the folder object itself: two processes adding to one folder at once
    do not conflict. ``len()`` reads a ``Length`` and touches no bucket.
    ``dates`` lists the published items newest first (``DateIndex``).
    """

    __name__ = None
    __parent__ = None
    title = ''

    def __init__(self, title=''):
        self.title = title
        self._items = OOBTree()
        self._order = LOBTree()      # position -> name
        self._position = OLBTree()   # name -> position
        self._count = Length()
        self._forms = OOBTree()      # add form's token -> name of the item it made
        self.dates = DateIndex()

    # -- mapping protocol -------------------------------------------------
    def __getitem__(self, name):
        return self._items[name]

    def get(self, name, default=None):
        return self._items.get(name, default)

    def __contains__(self, name):
        return name in self._items

    def __len__(self):
        return self._count()

    def __bool__(self):
        return True

    def keys(self):
        """Child names in insertion order."""
        return list(self._order.values())

    def values(self):
        """Children in insertion order (a generator: safe on big folders)."""
        items = self._items
        for name in self._order.values():
            yield items[name]

    def items(self):
        """(name, child) pairs in insertion order."""
        for name in self._order.values():
            yield name, self._items[name]

    # -- changes ----------------------------------------------------------
    def check_name(self, name):
        """Return ``name`` if a new child may take it, else raise ``NameError_``."""
        if not isinstance(name, str) or name.strip() != name or name in _RESERVED:
            raise NameError_(f'名称不可用：{name!r}')
        if '/' in name or name.startswith('@@') or name.startswith('_'):
            raise NameError_(f'名称不能包含“/”或以“@@”“_”开头：{name}')
        if len(name) > NAME_MAX:
            raise NameError_(f'名称不能长于 {NAME_MAX} 个字符')
        if any(c.isspace() or unicodedata.category(c).startswith('C') for c in name) \
                or unicodedata.normalize('NFC', name) != name:
            raise NameError_('名称不能包含空格、控制字符或无法识别的字符')
        if name in self._items:
            raise NameError_(f'名称已被占用：{name}')
        return name

    def add(self, name, obj):
        """Add ``obj`` under ``name`` (checked) at the end; return ``obj``."""
        self.check_name(name)
        obj.__name__ = name
        obj.__parent__ = self
        position = append_key(self._order)
        self._items[name] = obj
        self._order[position] = name
        self._position[name] = position
        self._count.change(1)
        self.reindex(obj)
        record_change(obj)
        return obj

    def made_by(self, token):
        """The child made by the add form with ``token``, or None (gone, or
        never): a form sent again makes nothing new (see ``note_form``)."""
        name = self._forms.get(token) if token else None
        return self._items.get(name) if name is not None else None

    def note_form(self, token, name):
        """Note that the add form with ``token`` made the child ``name``."""
        self._forms[token] = name

    def remove(self, name):
        """Remove and return the child ``name``; raises ``KeyError`` if absent."""
        obj = self._items.pop(name)
        del self._order[self._position.pop(name)]
        self._count.change(-1)
        self.dates.unindex(name)
        record_change(obj)
        return obj

    def reindex(self, child):
        """Bring the date index up to date with ``child`` (an item of this
        folder whose values may have changed)."""
        if isinstance(child, Item):
            self.dates.index(child, self._position[child.__name__])


def items_under(folder):
    """Every ``Item`` below ``folder``, at any depth (evolve steps, rebuilds)."""
    folders = [folder]
    while folders:
        for child in folders.pop().values():
            if isinstance(child, Item):
                yield child
            if isinstance(child, Folder):
                folders.append(child)
