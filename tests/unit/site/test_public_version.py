"""The last public transaction, from the storage's log."""
import transaction
import ZODB
import ZODB.FileStorage
from ZODB.MappingStorage import MappingStorage

from camra.content.changes import KEY, PUBLIC_KEY
from camra.site.public_version import PublicVersion


def commit(db, **extension):
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    conn.root()['n'] = conn.root().get('n', 0) + 1
    tm.get().extension.update(extension)
    tm.commit()
    conn.close()
    return db.lastTransaction()


def test_only_transactions_that_change_what_the_public_sees_move_the_version(tmp_path):
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    version = PublicVersion()
    first = version.current(db)
    assert first == db.lastTransaction()        # nothing known yet: the newest counts
    commit(db)                                   # a login, an opened form: no paths
    commit(db, **{'camra.audit': 1})
    assert version.current(db) == first
    published = commit(db, **{KEY: ['/notices/2022-35']})
    commit(db)
    assert version.current(db) == published
    synonyms = commit(db, **{PUBLIC_KEY: True})
    assert version.current(db) == synonyms
    db.close()


def test_a_storage_whose_log_cannot_be_read_counts_every_transaction():
    db = ZODB.DB(MappingStorage())
    version = PublicVersion()
    version.current(db)
    db.storage.iterator = None       # e.g. a storage without a transaction log
    latest = commit(db)
    assert version.current(db) == latest
    db.close()
