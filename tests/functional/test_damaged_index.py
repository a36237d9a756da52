"""A damaged search index (truncated, zeroed or deleted files, while the
site runs and while it is stopped) is found and rebuilt; meanwhile search
says so, and never answers 500 or wrong, empty results."""
import itertools
import os
import shutil
import time

import pytest
from webtest import TestApp

from camra.site import close

from . import conftest

JSON = {'Accept': 'application/json'}
QUERY, WANTED = '维修企业信誉考核', '/handbook/'
ASKED = itertools.count()


@pytest.fixture
def site(app_factory, cli, seeds):
    """``site(**settings)``: a TestApp of the seed site with its index built."""
    assert cli('import', seeds('000')) == 0
    made = []

    def start(**settings):
        made.append(app_factory(**{'search.interval': '0.2', **settings}))
        return TestApp(made[-1])
    return start


def answer(testapp):
    """(status, paths found) of a JSON search for ``QUERY`` (never a kept
    page: each asks with another ``n``)."""
    response = testapp.get('/search', {'q': QUERY, 'n': next(ASKED)}, headers=JSON, expect_errors=True)
    return response.status_int, [r['url'].replace('http://localhost', '') for r in response.json.get('results', [])]


def finds(testapp):
    status, found = answer(testapp)
    return status == 200 and any(p.startswith(WANTED) for p in found)


def wait_until(condition):
    conftest.wait_until(condition, timeout=30, what='the index was not rebuilt in time')


def biggest_segment(testapp):
    folder = testapp.app.registry.search_index.path
    return max((os.path.join(folder, n) for n in os.listdir(folder) if n.endswith('.seg')), key=os.path.getsize)


def truncate(path):
    with open(path, 'r+b') as f:
        f.truncate(os.path.getsize(path) // 2)


def zero(path):
    with open(path, 'r+b') as f:
        f.seek(os.path.getsize(path) // 3)
        f.write(bytes(4096))


def test_a_segment_truncated_under_a_running_site_answers_rebuilding_then_is_rebuilt(site):
    testapp = site()
    assert finds(testapp)
    path = biggest_segment(testapp)
    truncate(path)
    testapp.app.registry.search_index.close()       # as a new thread would open it
    statuses = set()

    def rebuilt():
        status, _ = answer(testapp)
        statuses.add(status)
        return not os.path.exists(path) and finds(testapp)
    wait_until(rebuilt)
    assert statuses <= {200, 503} and 503 in statuses, statuses
    assert '维修' in testapp.get('/search', {'q': QUERY, 'n': next(ASKED)}).text


def test_the_page_while_rebuilding_is_a_chinese_503_with_retry_after(site):
    testapp = site()
    registry = testapp.app.registry
    registry.search_index.reset()
    registry.search_follower._checked = time.monotonic()       # hold the rebuild back
    page = testapp.get('/search', {'q': QUERY}, status=503)
    assert '搜索索引正在重建' in page.text and page.headers['Retry-After'] == '30'
    assert testapp.get('/search', {'q': QUERY}, headers=JSON, status=503).json['error'] == 'index_rebuilding'
    registry.search_follower._checked = 0
    wait_until(lambda: finds(testapp))


def test_an_index_deleted_under_a_running_site_is_rebuilt(site):
    testapp = site()
    assert finds(testapp)
    shutil.rmtree(testapp.app.registry.search_index.path)
    wait_until(lambda: finds(testapp))


def test_zeroed_blocks_under_a_running_site_are_found_by_the_periodic_checksum_check(site):
    testapp = site(**{'search.verify_hours': str(0.5 / 3600)})
    assert finds(testapp)
    path = biggest_segment(testapp)
    zero(path)
    wait_until(lambda: not os.path.exists(path))    # thrown away
    wait_until(lambda: finds(testapp))


@pytest.mark.parametrize('damage', [truncate, zero, os.remove, 'folder'])
def test_damage_done_while_stopped_is_found_at_start(site, damage):
    first = site()
    path = biggest_segment(first)
    close(first.app)
    if damage == 'folder':
        shutil.rmtree(os.path.dirname(path))
    else:
        damage(path)
    second = site()
    wait_until(lambda: not os.path.exists(path) and finds(second))     # thrown away, built again
    assert second.app.registry.search_index.problems() == []


def test_camra_reindex_rebuilds_a_damaged_index(site, cli, capsys):
    first = site()
    path = biggest_segment(first)
    close(first.app)
    truncate(path)
    assert cli('reindex', '--procs', '1') == 0
    assert '索引已损坏' in capsys.readouterr().err
    assert finds(site())

