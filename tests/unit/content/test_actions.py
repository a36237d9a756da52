"""Actions: the one road of every write (role check, write, audit, events)."""
import datetime

import pytest

from camra.content import events
from camra.content.actions import Action, ActionError, Create, Save, Transition
from camra.content.principals import User
from camra.content.registry import TYPES
from camra.content.revisions import Conflict
from camra.content.root import SiteRoot

PASSWORD = 'a long enough password'


@pytest.fixture
def site():
    return SiteRoot()


@pytest.fixture
def heard():
    heard = []

    def handler(action):
        heard.append((type(action).__name__, action.actor.name, action.path))
    events.subscribe(Action, handler)
    yield heard
    events.unsubscribe(Action, handler)


def notice(n=1):
    return {'title': f'关于第{n}次会议的通知', 'number': f'中汽修协字〔2024〕{n}号',
            'date': datetime.date(2024, 5, 1), 'body': '正文', 'state': 'private'}


def audit(site):
    return [(e.who, e.action, e.path) for e in reversed(site.audit.newest())]


def test_an_editor_creates_and_submits_a_reviewer_publishes_each_step_audited_and_heard(site, heard):
    editor, reviewer = User('ed', 'editor', PASSWORD), User('rev', 'reviewer', PASSWORD)
    item = Create(site, editor, site['notices'], TYPES['notice'], notice()).execute()
    path = f'/notices/{item.__name__}'
    assert item.state == 'private' and item.history.latest.who == 'ed'
    Transition(site, editor, item, 'submit').execute()
    Transition(site, reviewer, item, 'publish').execute()
    assert item.state == 'published'
    assert audit(site) == [('ed', 'add', path), ('ed', 'submit', path), ('rev', 'publish', path)]
    assert heard == [('Create', 'ed', path), ('Transition', 'ed', path), ('Transition', 'rev', path)]


def test_a_refused_action_writes_nothing_and_tells_no_one(site, heard):
    editor = User('ed', 'editor', PASSWORD)
    item = Create(site, editor, site['notices'], TYPES['notice'], notice()).execute()
    Transition(site, editor, item, 'submit').execute()
    before = audit(site), list(heard)
    with pytest.raises(ActionError) as refused:
        Transition(site, editor, item, 'publish').execute()
    assert refused.value.status == 403 and '审核' in str(refused.value)
    with pytest.raises(ActionError):
        Transition(site, User('rev', 'reviewer', PASSWORD), item, 'no such').execute()
    with pytest.raises(ActionError) as anonymous:
        Create(site, None, site['notices'], TYPES['notice'], notice(2)).execute()
    assert anonymous.value.status == 403 and '访客' in str(anonymous.value)
    assert item.state == 'pending' and len(site['notices']) == 1
    assert (audit(site), heard) == before


def test_a_type_is_created_only_in_a_folder_that_takes_it(site):
    with pytest.raises(ActionError) as wrong:
        Create(site, User('ed', 'editor', PASSWORD), site['news'], TYPES['notice'], notice()).execute()
    assert wrong.value.status == 404 and len(site['news']) == 0


def test_a_save_from_a_stale_revision_is_a_conflict_never_an_overwrite(site):
    editor, other = User('ed', 'editor', PASSWORD), User('ed2', 'editor', PASSWORD)
    item = Create(site, editor, site['notices'], TYPES['notice'], notice()).execute()
    base = item.history.latest.number
    Save(site, other, item, {**notice(), 'body': '另一位编辑的正文'}, base=base).execute()
    with pytest.raises(Conflict):
        Save(site, editor, item, {**notice(), 'body': '我的正文'}, base=base).execute()
    assert item.body == '另一位编辑的正文'
    with pytest.raises(ActionError):
        Save(site, editor, item, notice(), base=None).execute()
