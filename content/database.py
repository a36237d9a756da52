"""Open the ZODB database a zodburi URI names (file://, zeo://,
postgres:// (RelStorage), memory://...)."""
import os
import threading
import weakref

from ZODB import DB
from ZODB.interfaces import IMVCCStorage
from zodburi import resolve_uri


class DatabaseBusy(RuntimeError):
    """The FileStorage is locked by another process."""


class StorageError(RuntimeError):
    """A database that cannot be opened or that the site cannot run on
    (Chinese message)."""


class Database(DB):
    """ZODB's ``DB``, whose ``lastTransaction()`` is the last transaction
    committed by any process.

    RelStorage's main storage only knows the transactions it committed or
    polled itself, and in a process whose connections do all the work that
    is none: the search index and the page cache, which ask it what is new,
    would never see another process's writes (nor this one's). Such a
    storage is asked through an instance of its own that polls the
    database server (a fraction of a millisecond)."""

    def __init__(self, storage, *args, **kwargs):
        self._poll_lock = threading.Lock()
        self._poller = None
        super().__init__(storage, *args, **kwargs)

    def lastTransaction(self):
        if not IMVCCStorage.providedBy(self.storage):
            return super().lastTransaction()
        with self._poll_lock:
            if self._poller is None:
                self._poller = self.storage.new_instance()
            self._poller.poll_invalidations()
            return self._poller.lastTransaction()

    def close(self):
        with self._poll_lock:
            if self._poller is not None:
                self._poller.release()
                self._poller = None
        super().close()


def open_database(uri, name=None, databases=None):
    """Return a ``Database`` for ``uri``; raises ``DatabaseBusy`` if locked
    and ``StorageError`` for a database server that does not answer and for
    a history-free RelStorage."""
    from zc.lockfile import LockError
    storage_factory, db_kw = resolve_uri(uri)
    try:
        storage = storage_factory()
    except LockError:
        raise DatabaseBusy('数据库正被另一个进程使用（是否有 camra serve 在运行？）'
                           '请先停止它，或改用 ZEO 让多个进程共享数据库。')
    except Exception as exc:
        if not uri.startswith('postgres://'):
            raise
        raise StorageError(f'无法连接 PostgreSQL 数据库：{str(exc).strip()}') from exc
    if getattr(storage, 'keep_history', True) is False:
        storage.close()
        # Search and the page cache follow the transaction log, which a
        # history-free RelStorage does not keep (nor any transaction's notes).
        raise StorageError('RelStorage 须保留历史（keep_history=true，默认即是）：'
                           '搜索索引要读取事务日志，不保留历史的数据库没有它。')
    _keep_lock_from_children(storage)
    fresh_oids_on_reconnect(storage)
    if name is not None:
        db_kw['database_name'] = name
    return Database(storage, databases=databases, **db_kw)


def db_from_uri(uri, name, databases):
    """``open_database`` as pyramid_zodbconn calls it."""
    return open_database(uri, name, databases)


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
