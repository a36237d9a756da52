"""Keeping the index in step with the database, from the storage's log.

The index remembers the id of the last transaction it reflects. Catching up
reads the transactions committed since then from the storage's transaction
log (FileStorage, ZEO, or history-preserving RelStorage), asks which paths
each one changed, and re-reads those objects in a fresh connection. Only
committed transactions are in the log, so nothing aborted is ever indexed;
re-reading is idempotent, so a process that died half-way simply catches up
again. When the index is new, of another schema, or does not know the
database (restored, replaced, packed past it), it is rebuilt.

Time changes what may be found too: an item scheduled for later, or
expiring, says when (a document's ``due``, POSIX seconds); the index keeps
these times and a catch-up after one of them re-reads that item, though no
transaction touched it. A document with ``hidden`` set is only such a
reminder, never indexed. The index also keeps the latest such time it has
acted on (``passed``; a document's ``since`` is the latest of its own): a
clock set back before it (a restored virtual machine, a wrong clock put
right) would leave items found whose time has not come, or missing after
their expiry, so every item is judged again against the clock.
"""
import contextlib
import dataclasses
import logging
import time

import transaction

log = logging.getLogger(__name__)

# Changes of more documents than this (an import) are indexed by ``procs``
# writer processes; fewer are quicker in one.
MANY = 500


class TooMany(Exception):
    """Catching up would write more documents than a caller allowed."""


@dataclasses.dataclass
class Report:
    """What one catch-up did: ``kind`` is ``current``, ``changes`` or
    ``rebuild``; ``documents`` counts documents written."""

    kind: str
    transactions: int = 0
    documents: int = 0


def catch_up(db, index, changed_paths, documents, timeout=5.0, procs=1, progress=None, now=time.time,
             most=None):
    """Bring ``index`` up to the last transaction committed to ``db``, and
    to the time ``now()`` (POSIX seconds).

    ``changed_paths(extension)`` gives the paths a committed transaction
    changed (``/`` for everything) from its extension metadata;
    ``documents(connection, path)`` yields the search documents of the object
    at ``path`` and everything under it (nothing if it is gone or hidden).
    ``procs`` writer processes index a rebuild, or many changes (more than
    ``MANY`` documents); ``progress`` only applies to a rebuild. Raises ``IndexBusy``
    if another writer holds the index for ``timeout`` seconds, and ``TooMany``
    (writing nothing) if it would write more than ``most`` documents.
    """
    with index.updating(timeout):
        latest = db.lastTransaction()
        since = index.tid
        schedule, acted, _ = index.times()
        moment = now()
        due = {path for path, when in schedule.items() if when <= moment}
        if since == latest and not due and moment >= acted:
            return Report('current')
        if moment < acted:
            log.warning('the clock went back before a scheduled time already acted on: '
                        'judging every item again')
            paths, count = None, 0
        elif since is None:
            paths, count = None, 0
        elif since == latest:
            paths, count = set(), 0         # only scheduled times have come
        else:
            paths, count = _changes(db.storage, since, latest, changed_paths)
        if paths is None or '/' in paths:
            if most is not None:
                raise TooMany()
            return rebuild(db, index, documents, timeout=timeout, procs=procs, progress=progress)
        paths |= due
        acted_now = [schedule[p] for p in due]
        with connection(db) as conn:
            found = {}      # by path: a subtree and an item in it may both have changed
            for path in sorted(paths):
                _forget(schedule, path)
                found.update((d['path'], d) for d in documents(conn, path))
            passed = max([acted] + acted_now + [d.get('since') or 0 for d in found.values()])
            shown = [d for d in found.values() if not d.get('hidden')]
            if most is not None and len(shown) > most:
                raise TooMany()
            with index.batch(latest, timeout, schedule=_remember(schedule, found.values()), passed=passed,
                             procs=procs if len(shown) > MANY else 1) as batch:
                for path in sorted(paths):
                    batch.delete(path)
                for document in shown:
                    batch.add(document)
        return Report('changes', count, len(shown))


def needs_rebuild(db, index, changed_paths):
    """Whether catching ``index`` up with ``db`` means indexing everything
    again: a new index, a change of the whole site (``/``), or a database
    whose log no longer holds the index's transaction (restored, packed)."""
    since, latest = index.tid, db.lastTransaction()
    if since is None:
        return True
    if since == latest:
        return False
    paths, _ = _changes(db.storage, since, latest, changed_paths)
    return paths is None or '/' in paths


def rebuild(db, index, documents, timeout=5.0, procs=1, progress=None):
    """Index every document afresh, replacing the index's content at once
    (searches see the old content until the end). ``progress(n)`` is called
    after each document."""
    with index.updating(timeout):
        latest = db.lastTransaction()   # read before the snapshot: never past it
        written, schedule = 0, {}
        with connection(db) as conn, index.batch(latest, timeout, clear=True, procs=procs,
                                                  schedule=schedule, passed=0) as batch:
            for document in documents(conn, '/'):
                _remember(schedule, [document])
                batch.passed = max(batch.passed, document.get('since') or 0)
                if document.get('hidden'):
                    continue
                batch.add(document)
                written += 1
                if progress:
                    progress(written)
        # The writer leaves one segment per process: merging them afterwards
        # (optimize) would take twice as long as the whole build and makes
        # searches hardly faster, since a search goes through each segment.
        return Report('rebuild', 0, written)


def _forget(schedule, path):
    """Drop the times noted for ``path`` and anything under it."""
    prefix = path.rstrip('/') + '/'
    for noted in [p for p in schedule if p == path or p.startswith(prefix)]:
        del schedule[noted]


def _remember(schedule, documents):
    """Note the ``due`` times of ``documents`` in ``schedule``; return it."""
    schedule.update((d['path'], d['due']) for d in documents if d.get('due'))
    return schedule


def _changes(storage, since, latest, changed_paths, attempts=6):
    """``(paths, transactions)`` changed after ``since`` up to ``latest``;
    ``(None, 0)`` when ``since`` is not in this storage's log.

    A FileStorage's log read while another transaction is being written
    (by this process's other threads) ends in a half-written record, and a
    file over 1 MB then raises ValueError ("Can't find last transaction in
    large file"): read again a moment later, when that commit is done."""
    for attempt in range(attempts):
        try:
            return _read_log(storage, since, latest, changed_paths)
        except ValueError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * 2 ** attempt)


def _read_log(storage, since, latest, changed_paths):
    paths, count, found = set(), 0, False
    iterator = storage.iterator(since, latest)
    try:
        for txn in iterator:
            if not found:
                if txn.tid != since:
                    return None, 0
                found = True
                continue
            count += 1
            paths.update(changed_paths(txn.extension or {}))
    finally:
        close = getattr(iterator, 'close', None)
        if close:
            close()
    return (paths, count) if found else (None, 0)


@contextlib.contextmanager
def connection(db):
    """A fresh connection to ``db`` with its own transaction manager, read only."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        yield conn
    finally:
        tm.abort()
        conn.close()
