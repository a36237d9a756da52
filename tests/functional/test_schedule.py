"""Scheduled publication and expiry, judged by a clock the test moves:
items appear and vanish by themselves, in pages, listings, feeds and
search, and their URL then says they are no longer published."""
import datetime

import pytest
import transaction
from webtest import TestApp

from camra.content import clock
from camra.content.notice import Notice
from camra.content.root import APP_ROOT
from camra.site import close, database

from .conftest import wait_until as wait

CHINA = datetime.timezone(datetime.timedelta(hours=8))
START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=CHINA)


@pytest.fixture
def at():
    """``at(moment)`` sets the content clock; the real clock comes back after."""
    def move(moment):
        clock.set_clock(lambda: moment.astimezone(datetime.timezone.utc))
    move(START - datetime.timedelta(days=1))
    yield move
    clock.set_clock(None)


def found(testapp, words):
    return [r['url'] for r in testapp.get('/search', {'q': words}, headers={'Accept': 'application/json'}).json['results']]


def test_an_item_appears_at_its_time_and_vanishes_at_its_expiry(as_user, at):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'] = '关于元旦放假安排的通知'
    form['number'] = '中汽修协字〔2026〕40号'
    form['date'] = '2026-11-30'
    form['body'] = '元旦放假一天，请各会员单位知悉。'
    form['publish_at'] = '2026-12-01T09:00'           # China time
    form['expire_at'] = '2027-01-02T00:00'
    page = form.submit(status=303).follow()
    url = page.request.path.replace('@@edit', '')
    rev.get(url + '@@edit').forms['transitions'].submit('name', value='publish', status=303)

    # Published, but its time has not come: nowhere to be seen.
    public.get(url, status=404)
    assert '元旦放假' not in public.get('/notices/').text
    assert '元旦放假' not in public.get('/notices/feed').text
    assert not any(url in u for u in found(public, '元旦放假'))

    at(START)           # nobody does anything: time passes
    assert '元旦放假一天' in public.get(url).text
    assert '元旦放假' in public.get('/').text and '元旦放假' in public.get('/notices/feed').text
    wait(lambda: any(url in u for u in found(public, '元旦放假')))    # the follower's next round
    assert found(public, '元旦放假')[0].endswith(url)
    at(datetime.datetime(2027, 1, 2, 0, 0, tzinfo=CHINA))
    gone = public.get(url, status=410)
    assert '此内容已不再发布' in gone.text and '到期下线' in gone.text
    assert public.get(url, headers={'Accept': 'application/json'}, status=410).json['error'] == 'gone'
    assert '元旦放假' not in public.get('/notices/').text
    wait(lambda: not any(url in u for u in found(public, '元旦放假')))


def test_the_background_follower_indexes_scheduled_items_with_no_request(app_factory, at, tmp_var):
    """Run by the follower thread alone: no POST, no request at all."""
    app = app_factory(demo='true', **{'search.interval': '0.05'})
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    notices = conn.root()[APP_ROOT]['notices']
    notices.add('2026-41', Notice(title='关于开展冬季安全检查的通知', number='中汽修协字〔2026〕41号',
                                  date=datetime.date(2026, 11, 30), body='冬季检查',
                                  publish_at=START.astimezone(datetime.timezone.utc)))
    tm.commit()
    conn.close()
    testapp = TestApp(app)
    wait(lambda: app.registry.search_index.schedule)          # the follower noted the time
    assert not any('2026-41' in url for url in found(testapp, '冬季安全检查'))
    at(START + datetime.timedelta(seconds=1))
    wait(lambda: any('2026-41' in url for url in found(testapp, '冬季安全检查')))


def timed_notice(app, name, title, **times):
    """Add a published notice with ``publish_at``/``expire_at`` to ``app``'s database."""
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    conn.root()[APP_ROOT]['notices'].add(name, Notice(
        title=title, number=f'中汽修协字〔2026〕{name[-2:]}号', date=datetime.date(2026, 11, 30),
        body=title, **{k: v.astimezone(datetime.timezone.utc) for k, v in times.items()}))
    tm.commit()
    conn.close()


def test_a_clock_set_back_is_followed_both_ways_even_across_a_restart(app_factory, at):
    """Forward past a publication and an expiry, then back: search agrees
    with the pages at every step, and after a restart too."""
    app = app_factory(demo='true', **{'search.interval': '0.05'})
    timed_notice(app, '2026-51', '关于年检窗口开放的通知', publish_at=START)
    timed_notice(app, '2026-52', '关于旧版表格停用的通知', expire_at=START)
    public = TestApp(app)
    opened, retired = '/notices/2026-51/', '/notices/2026-52/'

    def agree(title, url, visible):
        public.get(url, status=200 if visible else (404, 410))
        wait(lambda: any(url in u for u in found(public, title)) == visible)

    agree('年检窗口开放', opened, False)
    agree('旧版表格停用', retired, True)
    at(START + datetime.timedelta(hours=1))
    agree('年检窗口开放', opened, True)
    agree('旧版表格停用', retired, False)
    at(START - datetime.timedelta(hours=1))            # the clock is put back
    agree('年检窗口开放', opened, False)
    agree('旧版表格停用', retired, True)

    at(START + datetime.timedelta(hours=1))
    agree('年检窗口开放', opened, True)
    close(app)
    at(START - datetime.timedelta(days=2))             # put back while stopped
    public = TestApp(app_factory(**{'search.interval': '0.05'}))
    agree('年检窗口开放', opened, False)
    agree('旧版表格停用', retired, True)


def test_retracted_items_say_so_and_editors_preview_drafts(as_user):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    url = '/notices/2022-35/'
    rev.get(url + '@@edit').forms['transitions'].submit('name', value='retract', status=303)
    page = public.get(url, status=410)
    assert '此内容已不再发布' in page.text and '撤回' in page.text and '编辑此内容' not in page.text
    assert '编辑此内容' in ed.get(url, status=410).text

    form = ed.get(url + '@@edit').forms['edit']
    form['body'] = '只有编辑看得到的新正文'
    form.submit(status=303)
    preview = ed.get(url + '@@preview')
    assert '只有编辑看得到的新正文' in preview.text and '公众现在还看不到' in preview.text
    assert 'no-store' in preview.headers['Cache-Control']
    public.get(url + '@@preview', status=303)              # to the login page


def test_expiry_before_publication_is_refused(as_user):
    form = as_user('ed').get('/notices/2022-35/@@edit').forms['edit']
    form['publish_at'] = '2026-12-01T09:00'
    form['expire_at'] = '2026-11-01T09:00'
    assert '应晚于定时发布时间' in form.submit(status=400).text


def test_the_gone_page_names_what_was_published_never_a_later_draft(as_user):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    url = '/notices/2022-35/'
    published = public.get(url).html.h1.get_text(strip=True)
    form = ed.get(url + '@@edit').forms['edit']
    form['title'] = '尚未发布的草稿标题'
    form.submit('save', status=303)                  # a draft of the published notice
    rev.get(url + '@@edit').forms['transitions'].submit('name', value='retract', status=303)
    gone = public.get(url, status=410).text
    assert f'《{published}》' in gone and '尚未发布的草稿标题' not in gone


def test_an_editors_own_draft_url_leads_to_its_preview_and_edit_form(as_user):
    ed, public = as_user('ed'), as_user()
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '尚在起草的通知', '中汽修协字〔2026〕77号', '2026-11-30'
    form['body'] = '草稿正文'
    url = form.submit('save', status=303).headers['Location'].replace('@@edit', '').replace('http://localhost', '')
    page = ed.get(url, status=404)
    assert '尚未发布：尚在起草的通知' in page.text and '草稿' in page.text
    links = {a.get_text(): a['href'] for a in page.html.select('.actions a')}
    assert links['编辑此内容'].endswith(url + '@@edit') and links['预览公开页面'].endswith(url + '@@preview')
    gone = public.get(url, status=404)
    assert '页面不存在' in gone.text and '尚在起草的通知' not in gone.text
