"""Several processes, one database: ``camra cluster`` runs a ZEO server and
two app processes; editors publishing through both at once all succeed,
and each process's search finds what the other published. A process that
dies (ZEO or an app) is started again while the others keep serving."""
import io
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import pytest

PASSWORD = 'a long enough password'


class Cluster(list):
    """The apps' base URLs, with the ``camra cluster`` process and its log."""

    def children(self):
        """The pids of the cluster's processes: ZEO first, then the apps."""
        with open(f'/proc/{self.process.pid}/task/{self.process.pid}/children') as f:
            return [int(pid) for pid in f.read().split()]


@pytest.fixture
def cluster(tmp_var, ports, cli, monkeypatch):
    """``camra cluster`` with 2 apps on ZEO; yields their base URLs."""
    yield from _cluster('zeo', tmp_var, ports, cli, monkeypatch)


@pytest.fixture
def postgres_cluster(postgres_server, tmp_path, ports, cli, monkeypatch):
    """``camra cluster --db postgres`` with 2 apps; yields their base URLs."""
    # Root's pytest folders are closed to the postgres user that runs the server.
    var = pathlib.Path(tempfile.mkdtemp(prefix='camra-cluster-')) / 'var'
    os.chmod(var.parent, 0o755)
    monkeypatch.setenv('CAMRA_VAR', str(var))
    try:
        yield from _cluster('postgres', var, ports, cli, monkeypatch)
    finally:
        shutil.rmtree(var.parent, ignore_errors=True)


def _cluster(db, var, ports, cli, monkeypatch):
    first, db_port = _two_free_ports(ports), ports()
    while db_port in (first, first + 1):
        db_port = ports()
    log = var.parent / 'cluster.log'
    with open(log, 'w') as out:
        process = subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'cluster', '--apps', '2', '--db', db,
                                    '--port', str(first), '--db-port', str(db_port)],
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while 'camra cluster: ' + ('ZEO' if db == 'zeo' else 'PostgreSQL') not in log.read_text():
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, 'the cluster did not start'
            time.sleep(0.2)
        # Users are added while it runs: the database server lets any process in.
        if db == 'zeo':
            uri = f'zeo://127.0.0.1:{db_port}?blob_dir={var}/cli-blobs&shared_blob_dir=false'
        else:
            from camra.site.local_postgres import LocalPostgres
            uri = LocalPostgres(var / 'postgres', db_port).uri(blob_dir=f'{var}/cli-blobs', shared_blob_dir='false')
        monkeypatch.setenv('CAMRA_ZODBCONN_URI', uri)
        for name in ('rev1', 'rev2'):
            monkeypatch.setattr('sys.stdin', io.StringIO(PASSWORD + '\n'))
            assert cli('adduser', name, '--role', 'reviewer') == 0
        running = Cluster([f'http://127.0.0.1:{first}', f'http://127.0.0.1:{first + 1}'])
        running.process, running.log, running.var = process, log, var
        yield running
        assert not unexpected_errors(log.read_text()), log.read_text()[-5000:]
    finally:
        process.terminate()
        process.wait(timeout=60)


def unexpected_errors(log):
    """The errors in a cluster's log, but for ZODB's report of a read that
    failed while the ZEO server was away (the request is retried)."""
    errors, lines = [], log.splitlines()
    for number, line in enumerate(lines):
        if line.startswith('Traceback'):
            end = next((n for n in range(number + 1, len(lines)) if not lines[n].startswith(' ')), number)
            if not lines[end].startswith('ZEO.Exceptions.ClientDisconnected'):
                errors.append(lines[end])
        elif 'Error' in line and not line.startswith((' ', 'ZEO.Exceptions.ClientDisconnected',
                                                      "ERROR:ZODB.Connection:Couldn't load state")):
            errors.append(line)
    return errors


def _two_free_ports(ports):
    """A free port whose next port is free too (the cluster's apps take both)."""
    while True:
        first = ports()
        with socket.socket() as probe:
            try:
                probe.bind(('127.0.0.1', first + 1))
                return first
            except OSError:
                continue


@pytest.mark.slow
@pytest.mark.parametrize('db', ['zeo', 'postgres'])
def test_two_processes_publishing_at_once_both_succeed(db, request, http_client):
    cluster = request.getfixturevalue('cluster' if db == 'zeo' else 'postgres_cluster')
    Browser = http_client
    errors, published = [], []

    def publish(base, name, count):
        try:
            browser = Browser(base)
            browser.post('/login', {'name': name, 'password': PASSWORD})
            for i in range(count):
                number = f'中汽修协字〔2031〕{int(name[-1]) * 100 + i}号'
                location = browser.post('/notices/@@add?type=notice', {
                    'title': f'{name}发布的第{i}号通知', 'number': number, 'date': '2031-01-02',
                    'body': f'{name} 正文 {i}', 'save': '1'})
                path = urllib.parse.urlparse(location).path.replace('@@edit', '')
                browser.post(path + '@@transition', {'name': 'publish'})
                published.append(path)
        except Exception as exc:        # reported below, with the thread's name
            errors.append(f'{name}: {exc!r}')

    threads = [threading.Thread(target=publish, args=(base, name, 6))
               for base, name in zip(cluster, ('rev1', 'rev2'))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(published) == 12
    for base in cluster:
        listing = json.loads(Browser(base).get('/notices/', 'application/json'))
        titles = {item['title'] for item in listing['items']}
        assert {f'rev{n}发布的第{i}号通知' for n in (1, 2) for i in range(6)} <= titles, base
        deadline = time.monotonic() + 15
        while True:   # each process's own index follows the other's writes
            found = json.loads(Browser(base).get(
                '/search?' + urllib.parse.urlencode({'q': 'rev2发布的第5号通知'}), 'application/json'))
            if found['results'] and found['results'][0]['title'] == 'rev2发布的第5号通知':
                break
            assert time.monotonic() < deadline, base
            time.sleep(0.2)
    if db == 'postgres':        # one index in the database, for both apps: none of their own
        assert not any((cluster.var / app / 'index').exists() for app in ('app1', 'app2'))
        assert (cluster.var / 'app1').is_dir()


def publisher(Browser, base, name, published, errors, stop):
    """Publish notices through ``base`` as ``name`` until ``stop`` is set."""
    try:
        browser = Browser(base)
        browser.post('/login', {'name': name, 'password': PASSWORD})
        i = 0
        while not stop.is_set():
            location = browser.post('/notices/@@add?type=notice', {
                'title': f'{name}在重启时发布的第{i}号通知', 'number': f'中汽修协字〔2032〕{int(name[-1]) * 1000 + i}号',
                'date': '2032-01-02', 'body': f'{name} 正文 {i}', 'save': '1'})
            path = urllib.parse.urlparse(location).path.replace('@@edit', '')
            browser.post(path + '@@transition', {'name': 'publish'})
            published.append(path)
            i += 1
    except Exception as exc:        # reported by the test, with the thread's name
        errors.append(f'{name}: {exc!r}')


def wait_for_log(cluster, text, timeout=60):
    deadline = time.monotonic() + timeout
    while text not in cluster.log.read_text():
        assert time.monotonic() < deadline, cluster.log.read_text()[-3000:]
        time.sleep(0.1)


@pytest.mark.slow
def test_a_killed_zeo_server_and_a_killed_app_are_started_again_while_editors_publish(cluster, http_client):
    published, errors, stop = [], [], threading.Event()
    threads = [threading.Thread(target=publisher, args=(http_client, base, name, published, errors, stop))
               for base, name in zip(cluster, ('rev1', 'rev2'))]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        zeo, first_app, second_app = cluster.children()
        os.kill(zeo, signal.SIGKILL)
        wait_for_log(cluster, 'ZEO started again')
        before = len(published)
        deadline = time.monotonic() + 60
        while len(published) < before + 4:      # writes go on through the new server
            assert not errors and time.monotonic() < deadline, (errors, cluster.log.read_text()[-3000:])
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == [], (errors, cluster.log.read_text()[-3000:])
    assert cluster.process.poll() is None

    os.kill(second_app, signal.SIGKILL)
    assert json.loads(http_client(cluster[0]).get('/notices/', 'application/json'))['items']   # still serving
    wait_for_log(cluster, 'started again (pid')
    deadline = time.monotonic() + 60
    while True:     # the new second app answers, with everything acknowledged
        try:
            listing = json.loads(http_client(cluster[1]).get('/notices/', 'application/json'))
            break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.3)
    assert listing['total'] >= len(published) + 2       # the demo's two notices, and every one published
    assert 'stopped with status -9; starting it again in 1 s' in cluster.log.read_text()
