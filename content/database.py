"""Open the ZODB database a zodburi URI names (file://, zeo://, memory://...)."""
import os
import weakref

from ZODB import DB
from zodburi import resolve_uri


class DatabaseBusy(RuntimeError):
    """The FileStorage is locked by another process."""


def open_database(uri):
    """Return a ``ZODB.DB`` for ``uri``; raises ``DatabaseBusy`` if locked."""
    from zc.lockfile import LockError
    storage_factory, db_kw = resolve_uri(uri)
    try:
        storage = storage_factory()
    except LockError:
        raise DatabaseBusy('数据库正被另一个进程使用（是否有 camra serve 在运行？）'
                           '请先停止它，或改用 ZEO 让多个进程共享数据库。')
    _keep_lock_from_children(storage)
    fresh_oids_on_reconnect(storage)
    return DB(storage, **db_kw)


def fresh_oids_on_reconnect(storage):
    """A ZEO client drops the object ids it fetched ahead when it loses its
    server and when it connects again: a restarted ZEO server hands out
    again every id it had given but no transaction used, so two clients
    would make different objects with one id (a ConflictError on every
    retry, or "A different object already has the same oid"). ZEO keeps
    them (``ClientStorage._oids``); other storages are left as they are."""
    connected = getattr(storage, 'notify_connected', None)
    disconnected = getattr(storage, 'notify_disconnected', None)
    if connected is None or disconnected is None or not isinstance(getattr(storage, '_oids', None), list):
        return

    def notify_connected(conn, info):
        del storage._oids[:]
        return connected(conn, info)

    def notify_disconnected():
        del storage._oids[:]
        return disconnected()
    storage.notify_connected = notify_connected
    storage.notify_disconnected = notify_disconnected


_LOCKS = weakref.WeakSet()     # the lock files of the FileStorages open in this process


def _keep_lock_from_children(storage):
    """A process forked from this one (the search index's writer processes)
    does not hold the FileStorage's lock: in the child, its descriptor of
    the lock file is pointed at ``/dev/null``, so the lock goes with this
    process whatever the children do."""
    lock = getattr(getattr(storage, '_lock_file', None), '_fp', None)
    if lock is not None:
        _LOCKS.add(lock)


def _release_locks_in_child():
    for lock in list(_LOCKS):
        if not lock.closed:
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, lock.fileno())
            os.close(devnull)


os.register_at_fork(after_in_child=_release_locks_in_child)
