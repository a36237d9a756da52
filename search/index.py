"""The search index on disk, and the database transaction it reflects.

Whoosh allows one writer per index: every write goes through
``SearchIndex.batch`` (a process lock, then Whoosh's file lock with a
timeout), and the id of the last database transaction the index reflects is
saved beside it only after Whoosh has committed. Each thread keeps its own
searcher (Whoosh's are not thread-safe) and reopens it when the index changed.
Every commit also notes the fingerprints of the index's files
(``camra.search.checking``), by which ``problems`` finds damage.
"""
import contextlib
import json
import os
import shutil
import threading
import weakref

from whoosh import index as whoosh_index
from whoosh import writing
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import LockError
from whoosh.query import Prefix

from . import checking
from .fields import SCHEMA_VERSION, schema, to_fields
from .postings import ArrayCache, View
from .storage import MappedStorage
from .workers import die_with_parent

STATE_FILE = 'camra-state.json'


def codec():
    """How segments are written: postings in blocks of 1,024, not
    compressed. Search reads whole posting lists into arrays
    (``camra.search.postings``), and Whoosh's default (blocks of 128,
    compressed) made that three times slower for an index half the size."""
    return W3Codec(blocklimit=1024, compression=0)


class IndexBusy(Exception):
    """Another writer (often a full rebuild) holds the index."""


class IndexUnreadable(Exception):
    """Reading the index failed (damaged, deleted): see ``problems``."""


class SearchIndex:
    """A Whoosh index in ``path``, created on first use.

    ``tid`` is the id (bytes) of the last database transaction whose changes
    the index holds, or None when the index must be built from scratch: new,
    made by another schema version, or its build interrupted. ``cache``
    keeps postings read as arrays (``cache_mb`` megabytes at most) for every
    thread's searches.
    """

    def __init__(self, path, cache_mb=256):
        self.path = path
        self.cache = ArrayCache(int(cache_mb * 1024 * 1024))
        self._lock = threading.RLock()
        self._ix = None
        self._local = threading.local()
        self._state = None      # (file identity, parsed state)
        self._generation = 0    # counts resets: threads' searchers of older ones are stale
        self._views = weakref.WeakKeyDictionary()

    # -- state --------------------------------------------------------------
    @property
    def tid(self):
        state = self._read_state()
        if state.get('schema') != SCHEMA_VERSION or not state.get('tid'):
            return None
        return bytes.fromhex(state['tid'])

    @property
    def schedule(self):
        """``{path: POSIX seconds}``: when items must be looked at again
        because their visibility changes by itself (a copy)."""
        return self.times()[0]

    @property
    def passed(self):
        """The latest scheduled time (POSIX seconds) already acted on, 0 if none."""
        return self.times()[1]

    def times(self):
        """``(schedule, passed, tid as hex)`` read at once (see each)."""
        state = self._read_state()
        schedule = dict(state.get('schedule') or {}) if state.get('tid') else {}
        return schedule, state.get('passed') or 0, state.get('tid') or ""

    def _state_key(self):
        """The identity of the state file as it is now (None if missing)."""
        try:
            stat = os.stat(os.path.join(self.path, STATE_FILE))
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _read_state(self):
        # Read on every public page (HTTP validators): parsed again only when
        # the file was replaced (it always is, never written in place).
        path = os.path.join(self.path, STATE_FILE)
        try:
            key = self._state_key()
            if key is None:
                return {}
            cached = self._state
            if cached is not None and cached[0] == key:
                return dict(cached[1])
            with open(path, encoding='ascii') as f:
                state = json.load(f)
        except (FileNotFoundError, ValueError):
            return {}
        self._state = (key, state)
        return dict(state)

    def _write_state(self, tid, schedule=None, passed=None):
        noted = self._read_state().get('fingerprints')
        state = {'schema': SCHEMA_VERSION, 'tid': tid.hex() if tid else None, 'schedule': schedule or {},
                 'passed': passed or 0,
                 'fingerprints': checking.fingerprints(self._storage(), self.path, known=noted)}
        tmp = os.path.join(self.path, STATE_FILE + '.tmp')
        with open(tmp, 'w', encoding='ascii') as f:
            json.dump(state, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, os.path.join(self.path, STATE_FILE))

    # -- opening ------------------------------------------------------------
    def _index(self):
        if self._ix is None:
            with self._lock:
                if self._ix is None:
                    self._ix = self._open_or_create()
        return self._ix

    def _open_or_create(self):
        if whoosh_index.exists_in(self.path) and self._read_state().get('schema') == SCHEMA_VERSION:
            return self._storage().open_index()
        # New, or made by another schema version: start afresh (tid None).
        if os.path.isdir(self.path):
            shutil.rmtree(self.path)
        os.makedirs(self.path)
        ix = self._storage().create_index(schema())
        self._write_state(None)
        return ix

    def _storage(self):
        return MappedStorage(self.path)

    # -- damage -------------------------------------------------------------
    def problems(self, full=True, timeout=5.0):
        """What is damaged in the index (empty: nothing; see
        ``checking.problems``), checked while no writer can commit; nothing
        is found while another process writes. ``full`` also compares every
        file's checksum (reads it all)."""
        with self.updating(timeout):
            if self._ix is None and not os.path.isdir(self.path):
                return []       # never opened, and made when first used: nothing to damage
            lock = self._storage().lock(checking.INDEX_NAME + '_WRITELOCK')
            try:
                held = lock.acquire(blocking=False)
            except OSError:     # no folder to hold the lock file in
                held = None
            if held is False:
                return []       # another process (camra reindex) is writing: its files come and go
            try:
                return checking.problems(self._storage(), self.path, self._read_state().get('fingerprints'),
                                         full=full)
            finally:
                if held:
                    lock.release()

    def reset(self, timeout=5.0):
        """Throw the index away and start an empty one (``tid`` None), to be
        rebuilt; threads drop their searchers at their next search."""
        with self.updating(timeout):
            self._ix = None
            self._generation += 1
            self._state = None
            if os.path.isdir(self.path):
                shutil.rmtree(self.path)
            self._ix = self._open_or_create()

    @contextlib.contextmanager
    def searcher(self):
        """This thread's Whoosh searcher, reopened when the index changed.

        Opening a searcher reads every segment's metadata (milliseconds), so
        each thread keeps its own (Whoosh's searchers must never be shared
        between threads). Whoosh's ``refresh`` is not used: reusing readers,
        it can keep documents that were deleted since. Every write ends by
        replacing the state file, so while that file is the same the
        searcher is current, and Whoosh need not list the index folder to
        say so.
        """
        try:
            current = getattr(self._local, 'searcher', None)
            key = self._state_key()
            if current is not None and getattr(self._local, 'generation', None) != self._generation:
                current = self._local.searcher = None       # of an index since reset
            if current is not None and (key is None or key != getattr(self._local, 'key', None)) \
                    and not current.up_to_date():
                current.close()
                current = None
            if current is None:
                self._local.generation = self._generation
                current = self._local.searcher = self._index().searcher()
            self._local.key = key
            yield current
        except Exception as exc:
            # Whoosh reading a damaged file fails in any way (EOF, struct,
            # unpickling, a missing file): one kind for the caller.
            self._local.searcher = None
            raise IndexUnreadable(f'{type(exc).__name__}: {exc}') from exc

    def view(self, searcher):
        """The arrays of ``searcher`` (``postings.View``), made once per searcher."""
        view = self._views.get(searcher)
        if view is None:
            view = self._views[searcher] = View(searcher, self.cache)
        return view

    def close(self):
        """Close this thread's searcher (other threads' close with them)."""
        current = getattr(self._local, 'searcher', None)
        if current is not None:
            current.close()
            self._local.searcher = None

    # -- writing ------------------------------------------------------------
    @contextlib.contextmanager
    def updating(self, timeout=5.0):
        """Hold this process's write lock (re-entrant) while reading the
        index's state and writing; raises ``IndexBusy`` after ``timeout``."""
        if not self._lock.acquire(timeout=timeout):
            raise IndexBusy(self.path)
        try:
            yield self
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def batch(self, tid, timeout=5.0, clear=False, procs=1, schedule=None, passed=None):
        """Write changes, then record ``tid`` as reflected, and ``schedule``
        and ``passed`` (the latest scheduled time acted on), both read when
        the batch ends (the Batch's ``passed`` may be changed until then;
        None keeps the current value); all or nothing.

        Yields a ``Batch``. ``clear`` drops every document first (a full
        rebuild); ``procs`` > 1 indexes in that many processes (never in the
        server). Raises ``IndexBusy`` if the index stays locked for
        ``timeout`` seconds.
        """
        ix = self._index()
        with self.updating(timeout):
            try:
                if procs > 1:
                    die_with_parent()
                    writer = ix.writer(timeout=timeout, procs=procs, multisegment=True, limitmb=128,
                                       codec=codec())
                else:
                    writer = ix.writer(timeout=timeout, codec=codec())
            except LockError:
                raise IndexBusy(self.path) from None
            changes = Batch(writer, passed)
            try:
                yield changes
            except BaseException:
                writer.cancel()
                raise
            if clear:
                writer.commit(mergetype=writing.CLEAR)
            else:
                writer.commit()
            self._write_state(tid, self.schedule if schedule is None else schedule,
                              self.passed if changes.passed is None else changes.passed)


class Batch:
    """The changes of one ``SearchIndex.batch``, and the ``passed`` time
    it will record."""

    def __init__(self, writer, passed=None):
        self._writer = writer
        self.passed = passed

    def add(self, document):
        """Add one search document; ``delete`` its path first if it may be
        in the index already."""
        self._writer.add_document(**to_fields(document))

    def delete(self, path):
        """Remove the document at ``path`` and every document under it."""
        self._writer.delete_by_term('path', path)
        self._writer.delete_by_query(Prefix('path', path.rstrip('/') + '/'))
