"""Nothing lost: the server is killed (SIGKILL) again and again while an
editor publishes through the web; every publication it acknowledged is in
the database and in the search index afterwards, and the storage checks.
Run on a FileStorage and on RelStorage over PostgreSQL."""
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

PASSWORD = 'a long enough password'


def start_server(port):
    return subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'serve'],
                            env={**os.environ, 'CAMRA_PORT': str(port)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.mark.slow
@pytest.mark.parametrize('storage', ['filestorage', 'postgres'])
def test_acknowledged_publications_survive_repeated_kills(storage, request, tmp_var, ports, cli, monkeypatch,
                                                          http_client):
    if storage == 'postgres':
        monkeypatch.setenv('CAMRA_ZODBCONN_URI', request.getfixturevalue('postgres_database').uri())
    monkeypatch.setattr('sys.stdin', io.StringIO(PASSWORD + '\n'))
    assert cli('adduser', 'rev', '--role', 'reviewer') == 0
    port = ports()
    base = f'http://127.0.0.1:{port}'
    server = start_server(port)
    acknowledged, stop = [], threading.Event()

    def up():
        try:
            http_client(base).get('/')
            return True
        except (OSError, http.client.HTTPException):
            return False

    def publish():
        n = 0
        while not stop.is_set():
            try:
                browser = http_client(base)
                browser.post('/login', {'name': 'rev', 'password': PASSWORD})
                while not stop.is_set():
                    n += 1
                    location = browser.post('/notices/@@add?type=notice', {
                        'title': f'断电测试第{n}号通知', 'number': f'中汽修协字〔2032〕{n}号',
                        'date': '2032-01-01', 'body': f'第{n}号', 'save': '1'})
                    path = urllib.parse.urlparse(location).path.replace('@@edit', '')
                    browser.post(path + '@@transition', {'name': 'publish'})
                    acknowledged.append((n, path))        # the server said: published
            except (OSError, http.client.HTTPException, AssertionError):
                time.sleep(0.05)                           # killed mid-request: not acknowledged

    _wait(up)
    thread = threading.Thread(target=publish)
    thread.start()
    try:
        for _ in range(3):
            before = len(acknowledged)
            _wait(lambda: len(acknowledged) >= before + 2)
            time.sleep(0.05 + 0.1 * (len(acknowledged) % 3))   # not always at the same point
            server.send_signal(signal.SIGKILL)
            server.wait()
            server = start_server(port)
            _wait(up)
        before = len(acknowledged)
        _wait(lambda: len(acknowledged) >= before + 2)
    finally:
        stop.set()
        thread.join(timeout=60)
    try:
        assert len(acknowledged) >= 8
        reader = http_client(base)
        for n, path in acknowledged:
            data = json.loads(reader.get(path, 'application/json'))
            assert data['title'] == f'断电测试第{n}号通知' and data['state'] == 'published'

        def all_found():
            found = json.loads(reader.get('/search?' + urllib.parse.urlencode(
                {'q': '断电测试', 'per_page': 100}), 'application/json'))
            return found['total'] >= len(acknowledged)
        _wait(all_found)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if storage != 'filestorage':
        return
    check = subprocess.run([sys.executable, '-m', 'ZODB.scripts.fstest', str(tmp_var / 'Data.fs')],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def _wait(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, 'not within the time'
        time.sleep(0.05)
