"""Folders: order, name rules, size, and concurrent adds that merge."""
import datetime

import pytest

from camra.content.folder import Folder, NameError_


def test_folder_keeps_order_and_refuses_bad_names():
    folder = Folder()
    for name in ['c', 'a', 'b']:
        folder.add(name, Folder(name))
    folder.remove('a')
    folder.add('a', Folder())
    assert folder.keys() == ['c', 'b', 'a'] and len(folder) == 3
    for bad in ['', 'x/y', '@@edit', '_p_jar', 'c', ' a', 'static']:
        with pytest.raises(NameError_):
            folder.add(bad, Folder())
    with pytest.raises(KeyError):
        folder.remove('zzz')


def test_big_folder_stays_fast_enough_to_use():
    folder = Folder()
    for n in range(20000):
        folder.add(f'n{n}', Folder())
    assert len(folder) == 20000 and folder['n19999'].__name__ == 'n19999'
    assert next(iter(folder.values())).__name__ == 'n0'


def test_concurrent_audit_entries_and_folder_adds_merge_without_conflict(tmp_path):
    """Two processes logging in, or adding to one folder, at once: ZODB
    merges the writes (no ConflictError, nothing lost)."""
    import transaction
    import ZODB
    import ZODB.FileStorage

    from camra.content.news import NewsItem
    from camra.content.root import SiteRoot
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    setup = transaction.TransactionManager()
    conn = db.open(transaction_manager=setup)
    site = conn.root()['site'] = SiteRoot()
    site['news'].add('first', NewsItem(title='一', date=datetime.date(2024, 4, 1)))
    site.audit.record('a', 'login')
    setup.commit()
    managers = [transaction.TransactionManager() for _ in range(2)]
    sites = [db.open(transaction_manager=tm).root()['site'] for tm in managers]
    for n, (tm, each) in enumerate(zip(managers, sites)):
        each.audit.record(f'user{n}', 'login')
        each['news'].add(f'n{n}', NewsItem(title=f'第{n}条', date=datetime.date(2024, 5, 1)))
    for tm in managers:
        tm.commit()
    fresh = db.open(transaction_manager=transaction.TransactionManager()).root()['site']
    assert sorted(e.who for e in fresh.audit.newest()) == ['a', 'user0', 'user1']
    assert fresh['news'].keys() == ['first', 'n0', 'n1'] and len(fresh['news']) == 3
    listing = fresh['news'].dates.listing(fresh['news'])
    assert len(listing) == 3 and [i.__name__ for i in listing] == ['n1', 'n0', 'first']
    db.close()
