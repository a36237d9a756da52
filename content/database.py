"""Open the ZODB database a zodburi URI names (file://, zeo://, memory://...)."""
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
    return DB(storage, **db_kw)
