"""The worklist under concurrent writers: editors adding drafts and reviewers
publishing them at the same moment never conflict past a retry."""
import transaction
from ZODB import DB
from ZODB.FileStorage import FileStorage

from camra.content.worklist import DRAFT, Entry, Worklist


def entry(who):
    import datetime
    return Entry(DRAFT, '标题', '通知公告', who, datetime.datetime(2026, 12, 7), '草稿')


def test_two_writers_adding_and_emptying_a_small_worklist_merge(tmp_path):
    db = DB(FileStorage(str(tmp_path / 'Data.fs')))
    try:
        with db.transaction() as conn:
            conn.root()['w'] = Worklist()
        for first, second in [(('/notices/a', 'add'), ('/notices/b', 'add')),       # both add to an empty list
                              (('/notices/a', 'drop'), ('/notices/b', 'drop')),     # both empty it
                              (('/notices/c', 'add'), ('/notices/d', 'add'))]:
            tm1, tm2 = transaction.TransactionManager(), transaction.TransactionManager()
            c1, c2 = db.open(transaction_manager=tm1), db.open(transaction_manager=tm2)
            for conn, (path, what) in ((c1, first), (c2, second)):
                w = conn.root()['w']
                if what == 'add':
                    w._entries[path] = entry(path)
                else:
                    w.forget(path)
            tm1.commit()
            tm2.commit()            # a conflict would raise here
            c1.close()
            c2.close()
        with db.transaction() as conn:
            w = conn.root()['w']
            assert len(w) == 2 and [p for p, _ in w.drafts_of('/notices/c')] == ['/notices/c']
    finally:
        db.close()
