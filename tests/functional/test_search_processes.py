"""The index converges after a crash, and follows other processes over ZEO."""
import datetime
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from webtest import TestApp

from camra.site import database

from .conftest import zeo_uri as _uri

pytestmark = pytest.mark.slow

# An app process that commits a news item and is killed (SIGKILL) before it
# writes the index: its follower is stopped, so nothing else indexes it.
CRASHING_APP = '''
import datetime, os, signal
from camra.content.news import NewsItem
from camra.site import database, main
app = main({})
app.registry.search_follower.stop()
with database(app).transaction() as conn:
    conn.root()['app_root']['news'].add('after-crash', NewsItem(title='断电之后仍能找到', date=datetime.date(2024, 6, 1)))
os.kill(os.getpid(), signal.SIGKILL)
'''


def _search(base, q):
    request = urllib.request.Request(f'{base}/search?{urllib.parse.urlencode({"q": q})}',
                                     headers={'Accept': 'application/json'})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _serve(port):
    env = {**os.environ, 'CAMRA_PORT': str(port)}
    return subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'serve'], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _started(port, timeout=30):
    proc = _serve(port)
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f'http://127.0.0.1:{port}/', timeout=2).close()
            return proc
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail('camra serve did not start')
            time.sleep(0.1)


def _stop(proc):
    proc.terminate()
    proc.wait(timeout=10)


def test_index_converges_after_a_process_is_killed_between_commit_and_index(ports, tmp_var, search_env):
    port = ports()
    _stop(_started(port))                       # a site with its index, then stopped
    crashed = subprocess.run([sys.executable, '-c', CRASHING_APP], env=dict(os.environ),
                             capture_output=True, timeout=60)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr.decode()
    # The item is committed, the index does not have it.
    from camra.search.results import search
    from camra.site.indexing import make_index
    index = make_index({'search.backend': search_env, 'search.index': str(tmp_var / 'index'),
                        'search.postgres': os.environ.get('CAMRA_SEARCH_POSTGRES')})
    assert search(index, '断电之后').total == 0
    index.close()
    proc = _started(port)                       # the next start converges, no manual step
    try:
        answer = _search(f'http://127.0.0.1:{port}', '断电之后')
        assert [r['id'] for r in answer['results']] == ['after-crash']
    finally:
        _stop(proc)


def _publish(wsgi, name, title):
    from camra.content.news import NewsItem
    with database(wsgi).transaction() as conn:
        conn.root()['app_root']['news'].add(name, NewsItem(title=title, date=datetime.date(2024, 5, 1)))


def _found_within(testapp, q, timeout):
    """Seconds until ``q`` is found, or None after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if testapp.get('/search', {'q': q}, headers={'Accept': 'application/json'}).json['total']:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def test_two_processes_over_zeo_each_find_what_the_other_published(zeo_address, app_factory, tmp_path,
                                                                  monkeypatch):
    monkeypatch.delenv('CAMRA_VAR')             # each instance has its own data folder and index
    first = app_factory(var=str(tmp_path / 'one'), demo='true',
                        **{'zodbconn.uri': _uri(zeo_address, tmp_path / 'cache1')})
    second = app_factory(var=str(tmp_path / 'two'),
                         **{'zodbconn.uri': _uri(zeo_address, tmp_path / 'cache2')})
    one, two = TestApp(first), TestApp(second)
    assert first.registry.search_index.path != second.registry.search_index.path
    _publish(first, 'from-one', '一号实例发布的资讯')
    assert _found_within(two, '一号实例发布', timeout=5) is not None
    _publish(second, 'from-two', '二号实例发布的资讯')
    assert _found_within(one, '二号实例发布', timeout=5) is not None


def _children(pid):
    found = []
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open(f'/proc/{entry}/stat') as f:
                    if int(f.read().rsplit(')', 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


@pytest.mark.slow
def test_a_killed_reindex_leaves_no_worker_holding_the_database(cli, tmp_path, tmp_var, seeds):
    """Workers once outlived a killed ``camra reindex --procs 2``, holding
    Data.fs.lock, and ``camra serve`` refused to start."""
    import random
    sentences = [s for s in seeds('000').read_text(encoding='utf-8').split('。') if len(s) > 10]
    rng = random.Random(7)
    lines = tmp_path / 'many.jsonl'
    with open(lines, 'w', encoding='utf-8') as f:
        for n in range(1, 3001):
            f.write(json.dumps({'type': 'news', 'id': f'n{n}', 'title': f'资讯{n}', 'date': '2024-01-01',
                                'body': '。'.join(rng.choice(sentences) for _ in range(12))}, ensure_ascii=False) + '\n')
    assert cli('import', lines) == 0
    reindex = subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'reindex', '--procs', '2'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not _children(reindex.pid):
        assert reindex.poll() is None and time.monotonic() < deadline, 'no worker started'
        time.sleep(0.05)
    workers = _children(reindex.pid)
    reindex.send_signal(signal.SIGKILL)
    reindex.wait()
    deadline = time.monotonic() + 10
    while any(os.path.exists(f'/proc/{w}') and open(f'/proc/{w}/stat').read().split()[2] != 'Z' for w in workers):
        assert time.monotonic() < deadline, 'a worker outlived its parent'
        time.sleep(0.05)
    assert cli('export', tmp_path / 'after.jsonl') == 0           # the database is free
