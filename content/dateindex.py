"""The published children of a folder, newest first, without loading them.

Listings (the notices, the news, the home page, feeds) show a page of the
newest published items of a folder of up to 100,000. Sorting them on every
render would load every item; this index keeps their order in BTrees
instead, so a page loads its own items and a few index buckets.

Order: the item's year (a notice's is its number's), then its date, then
the order in which items were added, newest first; items with no date come
last. The index holds items whose state is published. Whether the public
sees them also depends on the clock (``publish_at`` / ``expire_at``), which
no stored index can follow: the times of items that have them are kept
besides, and judged against the clock when a listing is read.

Counts live in ``Length`` objects and keys differ between items, so two
processes publishing into one folder at once do not conflict; only the
first item of a new year creates its year's counter, and two of those at
once conflict and are retried like any other conflict.
"""
from BTrees.Length import Length
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .clock import in_window, now
from .item import PUBLISHED


def sort_key(item, position):
    """The index key of ``item``, added to its folder at ``position``:
    ascending keys are newest first."""
    date = item.date
    year = getattr(item, 'year', None)
    if not isinstance(year, int) or not year:
        year = date.year if date else 0
    return (-year, -(date.toordinal() if date else 0), -position)


class DateIndex(Persistent):
    """The published items of one folder, by ``sort_key``."""

    def __init__(self):
        self._order = OOBTree()     # sort key -> name
        self._keys = OOBTree()      # name -> sort key
        self._timed = OOBTree()     # name -> (sort key, publish_at, expire_at) if either is set
        self._years = OOBTree()     # year -> Length
        self._count = Length()

    def index(self, item, position):
        """Bring the entry of ``item`` (at ``position`` in its folder) up to date."""
        name = item.__name__
        key = sort_key(item, position) if item.state == PUBLISHED else None
        times = (key, item.publish_at, item.expire_at) if item.publish_at or item.expire_at else None
        old = self._keys.get(name)
        if old == key and self._timed.get(name) == times:
            return
        if old is not None:
            self.unindex(name)
        if key is None:
            return
        self._order[key] = name
        self._keys[name] = key
        if times is not None:
            self._timed[name] = times
        self._year_count(-key[0]).change(1)
        self._count.change(1)

    def unindex(self, name):
        """Forget the item called ``name`` (nothing happens if it is not here)."""
        key = self._keys.pop(name, None)
        if key is None:
            return
        del self._order[key]
        self._timed.pop(name, None)
        self._year_count(-key[0]).change(-1)
        self._count.change(-1)

    def listing(self, folder, year=None):
        """The items of ``folder`` the public sees now, as a ``Listing``."""
        return Listing(self, folder, year)

    def years(self):
        """``[(year, count)]`` of the visible items, newest year first."""
        hidden = self._hidden()
        counts = ((year, self._visible(hidden, year)) for year in self._years.keys())
        return sorted(((y, n) for y, n in counts if y and n > 0), reverse=True)

    def _visible(self, hidden, year=None):
        """How many items (of ``year``) are visible, ``hidden`` (see ``_hidden``) not."""
        if year is None:
            return self._count() - len(hidden)
        length = self._years.get(year)
        return (length() if length is not None else 0) - sum(1 for key in hidden.values() if -key[0] == year)

    def _year_count(self, year):
        length = self._years.get(year)
        if length is None:
            length = self._years[year] = Length()
        return length

    def _hidden(self):
        """``{name: key}`` of indexed items the clock hides now."""
        when = now()
        return {name: key for name, (key, publish_at, expire_at) in self._timed.items()
                if not in_window(publish_at, expire_at, when)}


class Listing:
    """The visible items of a folder newest first, as a read-only sequence:
    ``len()`` and slices (what ``paging.Page`` needs) read only the index
    and the items of the slice."""

    def __init__(self, index, folder, year=None):
        self._index = index
        self._folder = folder
        self._year = year
        self._hidden = index._hidden()
        self._total = index._visible(self._hidden, year)

    def __len__(self):
        return self._total

    def __bool__(self):
        return self._total > 0

    def __iter__(self):
        return self._items(0, None)

    def __getitem__(self, which):
        if not isinstance(which, slice) or which.step not in (None, 1):
            raise TypeError('a Listing takes slices only')
        start, stop, _ = which.indices(self._total)
        return list(self._items(start, stop))

    def _items(self, start, stop):
        """The visible items from the ``start``-th to before the ``stop``-th."""
        if self._year is None:
            names = self._index._order.values()
        else:
            names = self._index._order.values(min=(-self._year,), max=(-self._year + 1,), excludemax=True)
        seen = 0
        for name in names:
            if stop is not None and seen >= stop:
                return
            if name in self._hidden:
                continue
            if seen >= start:
                yield self._folder[name]
            seen += 1
