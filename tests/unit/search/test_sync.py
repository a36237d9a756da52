"""Keeping the index in step with a database, from its transaction log."""
import os
import threading

import pytest
import transaction
import ZODB
import ZODB.FileStorage
from persistent.mapping import PersistentMapping

from camra.search import sync


def changed_paths(extension):
    return extension.get('paths', [])


def documents(conn, path):
    """The documents at ``path`` (everything for ``/``) of a store that
    maps paths to titles, with ``(title, due, hidden)`` for scheduled ones."""
    docs = conn.root()['docs']
    for p in sorted(docs):
        if path == '/' or p == path or p.startswith(path.rstrip('/') + '/'):
            value = docs[p]
            title, due, hidden = value if isinstance(value, tuple) else (value, None, False)
            yield {'path': p, 'name': p.rsplit('/', 1)[1], 'type': 'news', 'title': title,
                   'text': title, 'due': due, 'hidden': hidden}


class Store:
    def __init__(self, path):
        self.db = ZODB.DB(ZODB.FileStorage.FileStorage(str(path)))
        self.tm = transaction.TransactionManager()
        self.root = self.db.open(transaction_manager=self.tm).root()
        self.write({}, paths=['/'])

    def write(self, changes, paths):
        docs = self.root.setdefault('docs', PersistentMapping())
        for path, value in changes.items():
            if value is None:
                del docs[path]
            else:
                docs[path] = value
        self.tm.get().setExtendedInfo('paths', paths)
        self.tm.commit()


@pytest.fixture
def store(tmp_path):
    store = Store(tmp_path / 'Data.fs')
    yield store
    store.db.close()


def titles(index):
    with index.searcher() as searcher:
        if not searcher.doc_count():
            return []
        view = index.view(searcher)
        return sorted(view.stored(int(d))['title'] for d in view.live.nonzero()[0])


def test_a_new_index_is_built_then_follows_each_change_and_then_is_current(store, tmp_path, new_index):
    store.write({'/news/a': '甲'}, paths=['/news/a'])
    index = new_index()
    assert sync.catch_up(store.db, index, changed_paths, documents).kind == 'rebuild'
    assert titles(index) == ['甲']
    store.write({'/news/b': '乙'}, paths=['/news/b'])
    store.write({'/news/a': '甲二'}, paths=['/news/a'])
    report = sync.catch_up(store.db, index, changed_paths, documents)
    assert (report.kind, report.transactions, report.documents) == ('changes', 2, 2)
    assert titles(index) == ['乙', '甲二']
    store.write({'/news/b': None}, paths=['/news/b'])          # deleted
    sync.catch_up(store.db, index, changed_paths, documents)
    assert titles(index) == ['甲二']
    assert sync.catch_up(store.db, index, changed_paths, documents).kind == 'current'
    assert not sync.needs_rebuild(store.db, index, changed_paths)


def test_a_change_of_the_whole_site_or_a_database_the_index_does_not_know_rebuilds(store, tmp_path, new_index):
    index = new_index()
    sync.catch_up(store.db, index, changed_paths, documents)
    store.write({'/news/a': '甲'}, paths=['/'])
    assert sync.needs_rebuild(store.db, index, changed_paths)
    assert sync.catch_up(store.db, index, changed_paths, documents).kind == 'rebuild'
    other = Store(tmp_path / 'Other.fs')          # e.g. restored from another backup
    other.write({'/news/z': '丙'}, paths=['/news/z'])
    try:
        assert sync.needs_rebuild(other.db, index, changed_paths)
        assert sync.catch_up(other.db, index, changed_paths, documents).kind == 'rebuild'
        assert titles(index) == ['丙']
    finally:
        other.db.close()


def test_an_item_scheduled_for_later_is_indexed_when_its_time_comes(store, tmp_path, new_index):
    index = new_index()
    store.write({'/news/later': ('定时', 2000.0, True)}, paths=['/news/later'])
    assert sync.catch_up(store.db, index, changed_paths, documents, now=lambda: 1000.0).kind == 'rebuild'
    assert titles(index) == [] and index.schedule == {'/news/later': 2000.0}
    assert sync.catch_up(store.db, index, changed_paths, documents, now=lambda: 1999.0).kind == 'current'
    # Its time has come: no transaction touched it, but it is read again.
    conn_docs = store.root['docs']
    conn_docs['/news/later'] = '定时'
    store.tm.commit()       # no paths noted: a catch-up would not look at it for this
    index_tid = index.tid
    report = sync.catch_up(store.db, index, changed_paths, documents, now=lambda: 2000.0)
    assert report.kind == 'changes' and index.tid != index_tid
    assert titles(index) == ['定时'] and index.schedule == {} and index.passed == 2000.0


def test_the_log_of_a_big_file_is_read_while_another_commit_is_being_written(store, tmp_path, new_index):
    """A FileStorage over 1 MB whose end holds a transaction still being
    written: reading its log fails until that commit is done."""
    store.write({f'/news/n{i}': '大' * 40000 for i in range(10)}, paths=['/'])
    index = new_index()
    sync.catch_up(store.db, index, changed_paths, documents)
    store.write({'/news/a': '甲'}, paths=['/news/a'])
    data_fs = str(tmp_path / 'Data.fs')
    size = os.path.getsize(data_fs)
    assert size > 1 << 20
    with open(data_fs, 'ab') as f:
        f.write(b'\x04' * 500)        # the first bytes of a commit in progress
    threading.Timer(0.05, lambda: os.truncate(data_fs, size)).start()     # it is done
    assert sync.catch_up(store.db, index, changed_paths, documents).kind == 'changes'
    assert '甲' in titles(index)


def test_a_caller_may_refuse_to_write_more_than_it_can_wait_for(store, tmp_path, new_index):
    """A web request indexes a small change before answering; a big one
    (a release cut) is left to the background, and nothing is written."""
    index = new_index()
    sync.catch_up(store.db, index, changed_paths, documents)
    store.write({'/news/a': '甲', '/news/b': '乙'}, paths=['/news'])
    before = index.tid
    with pytest.raises(sync.TooMany):
        sync.catch_up(store.db, index, changed_paths, documents, most=1)
    assert index.tid == before and titles(index) == []
    assert sync.catch_up(store.db, index, changed_paths, documents, most=2).kind == 'changes'
    store.write({'/news/c': '丙'}, paths=['/'])            # everything: a rebuild
    with pytest.raises(sync.TooMany):
        sync.catch_up(store.db, index, changed_paths, documents, most=1000)
