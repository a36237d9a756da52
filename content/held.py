"""Files chosen in a form that had to be shown again (a preview, a refused
field): held in the database for a day, so the editor need not choose them
again and the save that follows attaches them.

They are stored like attachments (blobs), so every app process, on any
host, finds them; a key names each, and only a form that was given the key
can take it back.
"""
import datetime
import secrets

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from .clock import now

KEEP = datetime.timedelta(days=1)


class HeldFiles(Persistent):
    """``key -> (when, Attachment)``; keys begin with the time they were made,
    so the oldest are the first keys and are dropped first."""

    def __init__(self):
        self._files = OOBTree()

    def hold(self, attachment, when=None):
        """Keep ``attachment``; return the key a form carries to take it back."""
        when = when or now()
        self._drop_before(when - KEEP)
        key = f'{when.strftime("%Y%m%d%H%M%S")}-{secrets.token_urlsafe(12)}'
        self._files[key] = (when, attachment)
        return key

    def get(self, key):
        """The attachment held under ``key``, or None (unknown, or dropped after a day)."""
        found = self._files.get(key) if isinstance(key, str) else None
        return found[1] if found is not None else None

    def _drop_before(self, cutoff):
        for key in list(self._files.keys(max=cutoff.strftime('%Y%m%d%H%M%S'), excludemax=True)):
            del self._files[key]

    def __len__(self):
        return len(self._files)
