"""Old URLs of renamed or moved items, kept so links to them still work."""
from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .changes import path_of

_DEPTH = 4      # names in the deepest path that can move (a folder, an item, and room)


def move(item, folder, name, redirects):
    """Put ``item`` into ``folder`` under ``name`` (checked first, so a bad
    name changes nothing) and leave a redirect from its old path."""
    if folder is item.__parent__ and name == item.__name__:
        return item
    folder.check_name(name)
    old = path_of(item)
    item.__parent__.remove(item.__name__)
    folder.add(name, item)
    redirects.add(old, path_of(item))
    return item


class Redirects(Persistent):
    """Old site path -> current site path.

    A path under an old path moves with it (``/notices/old/@@download/x``
    follows ``/notices/old``). Moving an item again updates every old path
    that led to it, so a redirect is one hop, never a chain.
    """

    def __init__(self):
        self._to = OOBTree()

    def add(self, old, new):
        """Record that what was at ``old`` is now at ``new``."""
        for source in [s for s, target in self._to.items() if target == old]:
            self._to[source] = new
        self._to.pop(new, None)         # moved back where it was: nothing to redirect
        if old != new:
            self._to[old] = new

    def resolve(self, path):
        """The current path for ``path`` (with what followed the old path),
        or None when nothing moved from there."""
        # Item paths are a few names deep (/notices/2022-35): only the first
        # ``_DEPTH`` names can be an old path, so a long URL costs no more
        # than its length to look up.
        names = path.rstrip('/').split('/', _DEPTH + 1)
        tail = names[_DEPTH + 1:]
        names = names[:_DEPTH + 1]
        for end in range(len(names), 1, -1):
            target = self._to.get('/'.join(names[:end]))
            if target is not None:
                rest = '/'.join(names[end:] + tail)
                return target + ('/' + rest if rest else '')
        return None
