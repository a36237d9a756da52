"""Several processes, one database: ``camra cluster`` runs a ZEO server and
two app processes; editors publishing through both at once all succeed,
and each process's search finds what the other published."""
import io
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

PASSWORD = 'a long enough password'


@pytest.fixture
def cluster(tmp_var, ports, cli, monkeypatch):
    """``camra cluster`` with 2 apps; yields their base URLs."""
    first, zeo = _two_free_ports(ports), ports()
    while zeo in (first, first + 1):
        zeo = ports()
    log = tmp_var.parent / 'cluster.log'
    with open(log, 'w') as out:
        process = subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'cluster', '--apps', '2',
                                    '--port', str(first), '--zeo-port', str(zeo)],
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while 'camra cluster: ZEO' not in log.read_text():
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, 'the cluster did not start'
            time.sleep(0.2)
        # Users are added while it runs: ZEO lets any process in.
        monkeypatch.setenv('CAMRA_ZODBCONN_URI', f'zeo://127.0.0.1:{zeo}?blob_dir={tmp_var}/cli-blobs'
                                                 '&shared_blob_dir=false')
        for name in ('rev1', 'rev2'):
            monkeypatch.setattr('sys.stdin', io.StringIO(PASSWORD + '\n'))
            assert cli('adduser', name, '--role', 'reviewer') == 0
        yield [f'http://127.0.0.1:{first}', f'http://127.0.0.1:{first + 1}']
        errors = [line for line in log.read_text().splitlines() if 'Traceback' in line or 'Error' in line]
        assert not errors, log.read_text()[-5000:]
    finally:
        process.terminate()
        process.wait(timeout=60)


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
def test_two_processes_publishing_at_once_both_succeed(cluster, http_client):
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
