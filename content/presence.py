"""Who has an item's edit form open, so others know before they type."""
import datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .clock import now

# An edit form left open longer than this no longer counts.
STALE = datetime.timedelta(minutes=30)


class Presence(Persistent):
    """Site path -> ``{user name: since}`` of open edit forms.

    Each path's value is replaced whole (an immutable tuple of pairs), never
    changed in place, so two editors opening different items never conflict.
    """

    def __init__(self):
        self._open = OOBTree()

    def opened(self, path, who, when=None):
        """``who`` opened the edit form of ``path``; keeps their first time
        when they reload it."""
        when = when or now()
        others = self._fresh(path, when)
        if who in others:
            return
        self._open[path] = tuple(sorted({**others, who: when}.items()))

    def closed(self, path, who):
        """``who`` saved or left ``path``'s form."""
        others = dict(self._open.get(path, ()))
        if others.pop(who, None) is not None:
            self._open[path] = tuple(sorted(others.items()))

    def others(self, path, who, when=None):
        """``[(name, since)]`` of the users other than ``who`` editing ``path``."""
        return sorted((name, since) for name, since in self._fresh(path, when or now()).items()
                      if name != who)

    def _fresh(self, path, when):
        return {name: since for name, since in self._open.get(path, ()) if when - since < STALE}
