"""The last transaction that changed what the public sees.

Every write is a transaction, but many change nothing a visitor sees: a
login (the audit log), an editor opening a form (who is editing), an
account. Public pages are versioned by the last transaction that did
change something (``camra.content.changes.changes_public``), so such writes
neither change every page's ETag nor empty the page cache.

The database's last transaction is read on every request (cheap); when it
moved, the transactions since the one last seen are read from the
storage's log, once per process, to tell whether any was public. When the
log cannot say (a storage without an iterator, a packed or replaced
database) the newest transaction counts as public: a page may be rendered
again, never kept past a change.
"""
import threading

from camra.content.changes import changes_public


class PublicVersion:
    """``current(db)``: the id of the last public transaction of ``db``."""

    def __init__(self):
        self._lock = threading.Lock()
        self._seen = self._public = None

    def current(self, db):
        """The id (bytes) of the last transaction of ``db`` that changed
        what the public sees (its last transaction, when unknown)."""
        latest = db.lastTransaction()
        if latest == self._seen:
            return self._public
        with self._lock:
            if latest != self._seen:
                self._public = self._public_since(db.storage, self._seen, self._public, latest)
                self._seen = latest
            return self._public

    @staticmethod
    def _public_since(storage, seen, public, latest):
        if seen is None or public is None:
            return latest
        try:
            iterator = storage.iterator(seen, latest)
        except Exception:       # no log to read (no iterator, a client cut off): count the newest as public
            return latest
        try:
            found = False
            for txn in iterator:
                if txn.tid == seen:
                    found = True
                    continue
                if not found:
                    return latest       # ``seen`` is gone from the log
                if changes_public(txn.extension or {}):
                    public = txn.tid
            return public if found else latest
        except Exception:
            return latest
        finally:
            close = getattr(iterator, 'close', None)
            if close:
                close()
