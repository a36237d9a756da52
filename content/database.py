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
    return DB(storage, **db_kw)


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
