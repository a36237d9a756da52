"""Clean text everywhere: what comes in is cleaned, what was stored before
is cleaned by an evolve step, and feeds and exports survive it meanwhile."""
import json

import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from camra.content.changes import record_change
from camra.content.evolve import step005_clean_text
from camra.content.jsonl import export_lines
from camra.content.root import APP_ROOT
from camra.site import database

HOSTILE_TITLE = '关于\x07年会\x1b的通知\x85'
LONE = '正文\ud800第二段'


def store_hostile(app):
    """Write hostile text straight into the demo's notice 2022-35, as a
    site from before text was cleaned may hold it."""
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    notice = conn.root()[APP_ROOT]['notices']['2022-35']
    notice.title, notice.body = HOSTILE_TITLE, LONE
    tm.commit()
    conn.close()


def test_text_typed_into_a_form_is_stored_clean(as_user, csrf):
    ed = as_user('ed')
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['title'] = 'Cafe\u0301\x00 关于\x07年会的通知'
    form['body'] = '第一段\r\n\r\n第二段\x1b'
    form.submit('save', status=303)
    values = ed.get('/notices/2022-35/@@edit').forms['edit']
    assert values['title'].value == 'Café 关于年会的通知' and values['body'].value == '第一段\n\n第二段'


def test_a_rename_with_control_characters_or_too_long_is_refused_with_a_message(as_user, csrf):
    rev = as_user('rev')        # the notice is published: its URL moves only by a reviewer
    for name in ['新\x07名称', '新 名称', 'x' * 201]:
        page = rev.post('/notices/2022-35/@@rename', {'name': name, 'csrf_token': csrf(rev)}, status=400)
        assert '名称不能' in page.text
    rev.get('/notices/2022-35/')


def test_feeds_and_export_survive_stored_hostile_text(app, testapp):
    store_hostile(app)
    feed = testapp.get('/notices/feed')
    titles = etree.fromstring(feed.body).findall('.//{http://www.w3.org/2005/Atom}title')
    assert '关于年会的通知' in [t.text for t in titles]
    conn = database(app).open()
    try:       # what camra export writes, encoded as it writes it
        lines = [line.encode('utf-8') for line in export_lines(conn.root()[APP_ROOT])]
    finally:
        conn.close()
    records = [json.loads(line) for line in lines]
    notice = next(r for r in records if r['id'] == '2022-35')
    assert notice['title'] == '关于年会的通知' and notice['body'] == '正文\ufffd第二段'


def test_the_evolve_step_cleans_what_was_stored_and_pages_show_it(app, testapp):
    store_hostile(app)
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    step005_clean_text.evolve(conn.root()[APP_ROOT])
    tm.commit()
    conn.close()
    page = testapp.get('/notices/2022-35/')
    assert page.html.h1.get_text(strip=True) == '关于年会的通知' and '正文\ufffd第二段' in page.text


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=st.text(min_size=1, max_size=80), body=st.text(max_size=300))
def test_feeds_and_export_survive_any_stored_text(app, testapp, title, body):
    """Whatever an older site stored (controls, surrogates, anything), feeds stay XML and exports write."""
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    notice = conn.root()[APP_ROOT]['notices']['2022-35']
    notice.title, notice.body = title, body
    record_change(notice)       # as a write would: the kept feed is not the answer
    tm.commit()
    conn.close()
    etree.fromstring(testapp.get('/notices/feed').body)
    conn = database(app).open()
    try:
        for line in export_lines(conn.root()[APP_ROOT]):
            json.loads(line.encode('utf-8'))
    finally:
        conn.close()
