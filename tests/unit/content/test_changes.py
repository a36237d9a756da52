"""Changed paths travel with the committed transaction, and only with it."""
import transaction
import ZODB
import ZODB.FileStorage

from camra.content import changes
from camra.content.notice import Notice, Notices


def _logged(storage):
    """The changed paths of every committed transaction, oldest first."""
    return [changes.changed_paths(txn.extension) for txn in storage.iterator()]


def test_add_update_remove_are_recorded_in_their_committed_transaction(tmp_path):
    storage = ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs'))
    db = ZODB.DB(storage)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    root = conn.root()
    root['notices'] = folder = Notices()
    folder.__name__, folder.__parent__ = 'notices', _Root()
    tm.commit()
    folder.add('2022-35', Notice(title='旧标题'))
    tm.commit()
    folder['2022-35'].update(title='新标题')
    tm.commit()
    folder['2022-35'].update(title='新标题')       # unchanged: nothing to record
    folder['2022-35'].update(title='草稿')
    tm.abort()                                     # aborted: leaves no trace
    folder.remove('2022-35')
    tm.commit()
    assert _logged(storage)[-3:] == [['/notices/2022-35']] * 3
    assert len(list(storage.iterator())) == 5     # root, folder, add, update, remove
    conn.close()
    db.close()


def test_compact_keeps_few_paths_that_cover_all():
    paths = {f'/directory/a{i}' for i in range(300)} | {'/notices/1', '/notices'}
    assert changes.compact(paths) == ['/directory', '/notices']
    assert changes.compact({'/', '/x'}) == ['/']
    assert changes.compact({'/a/b', '/a-b'}) == ['/a-b', '/a/b']


class _Root:
    """A parent that ends the path (like the site root)."""
    __parent__ = None
    __name__ = None


def test_watching_collects_only_what_its_block_changed(tmp_path):
    """A batch import runs one action a file in one transaction: each must
    learn its own paths, not every path changed so far (that re-read the
    whole batch after every file)."""
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    conn.root()['notices'] = folder = Notices()
    folder.__name__, folder.__parent__ = 'notices', _Root()
    tm.commit()
    with changes.watching(folder) as first:
        folder.add('2026-1', Notice(title='第一份'))
    with changes.watching(folder) as second:
        folder.add('2026-2', Notice(title='第二份'))
        folder['2026-1'].update(title='第一份（改）')       # changed again: this block's too
    folder.add('2026-3', Notice(title='第三份'))              # outside any block
    assert first == {'/notices/2026-1'}
    assert second == {'/notices/2026-2', '/notices/2026-1'}
    assert changes.changed_in(folder) == ['/notices/2026-1', '/notices/2026-2', '/notices/2026-3']
    tm.commit()
    conn.close()
    db.close()
