"""Search through the WSGI app: relevance, scripts, syntax, filters, JSON,
drafts, and an index that follows only committed transactions."""
import shutil
import time

import pytest
import transaction
from webtest import TestApp

from camra.content.root import APP_ROOT
from camra.site import close, database, main
from camra.site.cli import main as cli

from ..conftest import search_environment

JSON = {'Accept': 'application/json'}


@pytest.fixture(scope='module', params=['whoosh', 'postgres'])
def seeded(request, tmp_path_factory, seeds):
    """One seeded site shared by the read-only tests of this module, on
    each search backend."""
    var = tmp_path_factory.mktemp('seeded') / 'var'
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv('CAMRA_VAR', str(var))
        for name, value in search_environment(request.param, request).items():
            patch.setenv(name, value)
        assert cli(['import', str(seeds('000')), str(seeds('004'))]) == 0
        app = main({}, **{'search.per_address': '0'})     # read-only tests search faster than readers
    yield TestApp(app)
    close(app)


def search(testapp, q, **params):
    return testapp.get('/search', {'q': q, **params}, headers=JSON).json


def paths(answer):
    return [r['url'].split('localhost', 1)[1] for r in answer['results']]


# Queries of the kind visitors type, and the item they want on the first page.
@pytest.mark.parametrize('q, wanted', [
    ('汽修大讲堂', '/handbook/6-7/'),
    ('VOC排放', '/handbook/6-8/'),
    ('结对帮扶', '/handbook/6-9/'),
    ('绿色维修', '/handbook/6-8/'),
    ('安全生产培训', '/handbook/8-2/'),
    ('客户满意度调查', '/handbook/6-2/'),
    # natural questions: not every word occurs
    ('怎么办理入会', '/handbook/7-2/'),
    ('会费怎么交', '/handbook/7-3/'),
    ('会员诉求怎么反馈', '/handbook/8-3/'),
    ('协会负责人有哪些', '/handbook/3/'),
    # codes, numbers and mixed scripts
    ('T/CAMRA 002-2016', '/handbook/6-10/'),
    ('010-63313302', '/handbook/8-3/'),
    ('移动端APP', '/handbook/6-3/'),
    ('中汽修协字〔2022〕35号', '/notices/2022-35/'),
    # full-width input
    ('ＶＯＣ排放', '/handbook/6-8/'),
    ('Ｔ／ＣＡＭＲＡ　００２－２０１６', '/handbook/6-10/'),
])
def test_the_wanted_item_is_on_the_first_page(seeded, q, wanted):
    assert wanted in paths(search(seeded, q))[:10]


def test_any_substring_and_one_character(seeded):
    assert paths(search(seeded, '修大讲'))[0] == '/handbook/6-7/'
    # 堂 occurs once, as the last character of 汽修大讲堂
    assert paths(search(seeded, '堂')) == ['/handbook/6-7/']
    assert search(seeded, '车')['total'] > 50


def test_all_terms_first_then_some(seeded):
    answer = search(seeded, 'VOC排放')
    # The two sections with "VOC排放" or "VOC 排放", then those with only 排放.
    assert set(paths(answer)[:2]) == {'/handbook/6-8/', '/handbook/6-14/'}
    assert answer['total'] > 2


def test_case_and_width_do_not_matter(seeded):
    assert paths(search(seeded, 'voc排放')) == paths(search(seeded, 'ＶＯＣ排放')) == paths(search(seeded, 'VOC排放'))


def test_quoted_phrase_and_exclusion(seeded):
    assert '/handbook/6-9/' in paths(search(seeded, '"会员服务部"'))
    answer = search(seeded, '"会员服务部" -结对帮扶')
    assert answer['total'] and '/handbook/6-9/' not in paths(answer)
    # A quoted phrase is required: no fallback to its parts.
    assert search(seeded, '“汽修大讲堂活动”')['total'] == 0


def test_results_are_highlighted_in_title_and_snippet(seeded):
    hit = search(seeded, '结对帮扶')['results'][0]
    assert hit['title_html'] == '<mark>结对帮扶</mark>公益活动'
    assert '<mark>结对帮扶</mark>' in hit['snippet']
    page = seeded.get('/search', {'q': '结对帮扶'})
    assert page.html.select_one('.results .title mark').text == '结对帮扶'
    assert page.html.select_one('.results .snippet mark').text == '结对帮扶'


def test_json_answer(seeded):
    answer = search(seeded, '会员')
    assert set(answer) >= {'total', 'results', 'facets', 'page', 'pages', 'query'}
    first = answer['results'][0]
    assert set(first) >= {'id', 'type', 'title', 'url', 'date', 'snippet', 'score'}
    assert first['url'].endswith(f"/{first['id']}/")
    assert sum(f['count'] for f in answer['facets']['type']) == answer['total']


def test_filters_with_counts_sorting_and_paging(seeded):
    answer = search(seeded, '协会')
    assert answer['exact']
    counts = {f['value']: f['count'] for f in answer['facets']['type']}
    assert counts['association'] > 50 and counts['handbook_section'] > 10
    only = search(seeded, '协会', type='association')
    assert only['total'] == counts['association']
    assert {r['type'] for r in only['results']} == {'association'}
    # The type counts stay, to switch to another type.
    assert {f['value']: f['count'] for f in only['facets']['type']} == counts
    by_year = search(seeded, '协会', year='2022')
    assert by_year['total'] and all(r['date'].startswith('2022') for r in by_year['results'])
    newest = search(seeded, '会员', sort='newest')
    dates = [r['date'] for r in newest['results'] if r['date']]
    assert dates == sorted(dates, reverse=True)
    second = search(seeded, '协会', page='2')
    assert second['page'] == 2 and not set(paths(second)) & set(paths(answer))
    page = seeded.get('/search', {'q': '协会'})
    assert page.html.select_one('.facets a[href*="type=association"]') is not None
    assert page.html.select_one('.pager a[rel=next]') is not None


@pytest.mark.parametrize('params', [
    {'q': ''}, {'q': '   '}, {'q': '"'}, {'q': '-'}, {'q': '汽车' * 300}, {'q': '\x00<script>'},
    {'q': '会员', 'page': 'abc'}, {'q': '会员', 'page': '99999'}, {'q': '会员', 'type': 'bogus'},
    {'q': '会员', 'year': 'x'}, {'q': '会员', 'sort': 'nonsense'}, {},
])
def test_odd_queries_give_a_clear_page(seeded, params):
    page = seeded.get('/search', params)
    assert page.status_int == 200 and '<script>' not in page.text.split('<main', 1)[1]
    assert seeded.get('/search', params, headers=JSON).status_int == 200


def test_empty_and_long_queries_say_why(seeded):
    assert '请输入要查找的词语' in seeded.get('/search', {'q': ''}).text
    assert '查询词过长' in seeded.get('/search', {'q': '汽车' * 300}).text
    assert '没有找到' in seeded.get('/search', {'q': '量子纠缠'}).text


def test_every_page_has_a_search_box(testapp):
    for url in ('/', '/handbook/', '/notices/', '/directory/'):
        form = testapp.get(url).html.select_one('form[role=search]')
        assert form['action'].endswith('/search') and form.select_one('input[name=q]')


def _edit(app, path, **values):
    """Change an item in its own transaction; returns the transaction manager
    (not committed yet) and the item."""
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    obj = conn.root()[APP_ROOT]
    for name in filter(None, path.split('/')):
        obj = obj[name]
    obj.update(**values)
    return tm, conn


def test_index_follows_commits_only_and_hides_drafts(app_factory, search_env):
    app = app_factory(demo='true')
    testapp = TestApp(app)
    follower = app.registry.search_follower
    follower.stop()                     # this test moves the index by hand
    path = '/notices/2022-35'
    assert '/notices/2022-35/' in paths(search(testapp, '会员服务手册'))

    tm, conn = _edit(app, path, title='试验标题甲乙丙')
    follower.follow()
    assert search(testapp, '甲乙丙')['total'] == 0      # not committed yet
    tm.abort()
    follower.follow()
    assert search(testapp, '甲乙丙')['total'] == 0      # aborted: never indexed
    conn.close()

    tm, conn = _edit(app, path, title='试验标题甲乙丙')
    tm.commit()
    conn.close()
    follower.follow()
    assert paths(search(testapp, '甲乙丙')) == ['/notices/2022-35/']

    tm, conn = _edit(app, path, state='private')       # back to draft
    tm.commit()
    conn.close()
    follower.follow()
    assert search(testapp, '甲乙丙')['total'] == 0

    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    conn.root()[APP_ROOT]['notices'].remove('2022-35')
    tm.commit()
    conn.close()
    follower.follow()
    assert search(testapp, '会员服务手册')['total'] == 0 or \
        '/notices/2022-35/' not in paths(search(testapp, '会员服务手册'))


def test_background_follower_picks_up_a_commit_within_a_second(app_factory, search_env):
    app = app_factory(demo='true')
    testapp = TestApp(app)
    tm, conn = _edit(app, '/notices/2022-35', title='后台跟进测试词')
    tm.commit()
    conn.close()
    deadline = time.monotonic() + 5
    while search(testapp, '跟进测试词')['total'] == 0:
        assert time.monotonic() < deadline, 'not indexed within 5 s'
        time.sleep(0.05)


def test_a_change_of_the_whole_big_site_is_reindexed_after_start_up_not_during_it(app_factory, monkeypatch):
    """An upgrade step that changes everything must not keep a big site
    from answering for the minutes a full reindex takes."""
    import threading

    from camra.content.changes import record_everything
    from camra.search import sync
    from camra.site import close, indexing
    close(app_factory(demo='true'))
    app = app_factory(demo='false', **{'search.interval': '0'})
    tm, conn = _edit(app, '/notices/2022-35', title='整站变更测试词')
    record_everything(tm.get())
    tm.commit()
    conn.close()
    close(app)
    threads = []
    rebuild = sync.rebuild
    monkeypatch.setattr(sync, 'rebuild', lambda *a, **k: threads.append(threading.current_thread().name) or rebuild(*a, **k))
    monkeypatch.setattr(indexing, 'STARTUP_REBUILD_LIMIT', 10)     # the demo site counts as big
    testapp = TestApp(app_factory(demo='false', **{'search.interval': '0.05'}))
    deadline = time.monotonic() + 30
    while search(testapp, '整站变更测试词')['total'] == 0:
        assert time.monotonic() < deadline, 'not reindexed within 30 s'
        time.sleep(0.05)
    assert threads == ['camra-search-follower']


def test_reindex_and_an_index_from_another_database_is_rebuilt(app_factory, search_env, tmp_var):
    app = app_factory(demo='true')
    testapp = TestApp(app)
    assert search(testapp, '会员服务手册')['total']
    close(app)
    assert cli(['reindex', '--procs', '2']) == 0
    # A new, empty database beside the old index: the old documents must go.
    (tmp_var / 'Data.fs').unlink()
    shutil.rmtree(tmp_var / 'blobs')
    testapp = TestApp(app_factory(demo='false'))
    assert search(testapp, '会员服务手册')['total'] == 0


def test_a_folder_and_an_item_in_it_changed_together_are_indexed_once(app_factory, search_env):
    from camra.content.changes import record_change
    app = app_factory(demo='true')
    testapp = TestApp(app)
    app.registry.search_follower.stop()
    tm, conn = _edit(app, '/notices/2022-35', title='重叠路径测试词')
    record_change(conn.root()[APP_ROOT]['notices'])
    tm.commit()
    conn.close()
    assert app.registry.search_follower.follow().kind == 'changes'
    assert paths(search(testapp, '重叠路径测试词')) == ['/notices/2022-35/']


def test_one_address_searching_too_fast_is_asked_to_wait_others_are_not(app_factory, monkeypatch):
    monkeypatch.setenv('CAMRA_SEARCH_PER_ADDRESS', '3')
    app = app_factory(demo='true')
    flood = TestApp(app, extra_environ={'REMOTE_ADDR': '10.0.0.9'})
    reader = TestApp(app, extra_environ={'REMOTE_ADDR': '10.0.0.10'})
    for n in range(3):
        flood.get('/search', {'q': f'会员{n}'}, status=200)
    refused = flood.get('/search', {'q': '会员9'}, status=429)
    assert '搜索过于频繁' in refused.text and int(refused.headers['Retry-After']) >= 1
    assert flood.get('/search', {'q': '会员9'}, headers=JSON, status=429).json['error'] == 'too_many_searches'
    flood.get('/search', {'q': '会员0'}, status=200)          # already answered: a kept page, not a search
    reader.get('/search', {'q': '会员9'}, status=200)


def test_a_site_whose_index_database_does_not_answer_serves_pages_and_says_search_is_unavailable(
        app_factory, ports):
    app = app_factory(demo='true', **{'search.backend': 'postgres', 'search.interval': '0',
                                      'search.postgres': f'host=127.0.0.1 port={ports()} dbname=x user=x'})
    testapp = TestApp(app)
    assert testapp.get('/notices/').status_int == 200
    page = testapp.get('/search', {'q': '会员'}, status=503)
    assert page.headers['Retry-After'] and '<html' in page.text
    assert testapp.get('/search', {'q': '会员'}, headers={'Accept': 'application/json'}, status=503).json['error']
