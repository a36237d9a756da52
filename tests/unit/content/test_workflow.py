"""Saving revisions and moving items through review."""
import pytest

from camra.content.news import NewsItem
from camra.content.revisions import Conflict
from camra.content.workflow import WorkflowError, available, has_draft, save, transition


def draft(**values):
    return NewsItem(title='初稿', body='第一段', state='private', **values)


def test_every_save_is_a_revision_and_identical_saves_add_none():
    item = draft()
    first = save(item, {'title': '初稿', 'body': '第二段'}, 'ed')
    assert first.number == 2 and item.body == '第二段'     # revision 1: as it was before
    assert save(item, {'body': '第二段'}, 'ed').number == 2
    assert [r.number for r in item.history.revisions()] == [2, 1]
    assert item.history.values(1)['body'] == '第一段'


def test_a_published_item_shows_its_published_revision_until_the_next_is_published():
    item = draft()
    save(item, {'body': '已审定的正文'}, 'ed')
    transition(item, 'submit', 'ed')
    transition(item, 'publish', 'rev')
    assert item.published and item.live_revision == 2
    save(item, {'body': '新的修改'}, 'ed')
    assert item.body == '已审定的正文' and has_draft(item)
    names = [t.name for t in available(item, lambda permission: True)]
    assert 'publish_draft' in names and 'publish' not in names
    transition(item, 'publish_draft', 'rev')
    assert item.body == '新的修改' and not has_draft(item)
    assert [e.action for e in item.history.events()] == ['publish_draft', 'publish', 'submit']


def test_transitions_follow_states_and_permissions():
    item = draft()
    editor = [t.name for t in available(item, lambda permission: permission == 'edit')]
    assert editor == ['submit']
    with pytest.raises(WorkflowError):
        transition(item, 'retract', 'rev')
    transition(item, 'publish', 'rev')
    transition(item, 'retract', 'rev')
    assert item.state == 'retracted' and not item.published and item.live_revision is None
    transition(item, 'redraft', 'ed')
    assert item.state == 'private'


def test_a_save_from_an_older_revision_is_refused_with_both_texts():
    item = draft()
    save(item, {'body': '甲的修改'}, '甲', base=1)
    with pytest.raises(Conflict) as caught:
        save(item, {'body': '乙的修改'}, '乙', base=1)
    assert caught.value.mine['body'] == '乙的修改' and caught.value.theirs['body'] == '甲的修改'
    assert caught.value.latest.who == '甲' and item.body == '甲的修改'


def test_listing_hundreds_of_revisions_reads_no_revision_text():
    import transaction
    import ZODB
    db = ZODB.DB(None)          # in memory
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    item = conn.root()['item'] = draft()
    for n in range(300):
        save(item, {'body': f'第{n}稿' + '长正文' * 2000}, 'ed', note=f'第{n}次')
    tm.commit()
    conn.close()
    fresh = db.open(transaction_manager=transaction.TransactionManager())
    fresh.cacheMinimize()
    fresh.getTransferCounts(True)       # from zero
    revisions = fresh.root()['item'].history.revisions()
    loads, _ = fresh.getTransferCounts()
    assert len(revisions) == 301 and revisions[0].note == '第299次'
    assert loads < 30           # the item, its history and a few tree buckets: never 300 texts
    db.close()
