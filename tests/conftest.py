"""Fixtures: a fresh data folder and app per test, the seed files, servers.

    tmp_var ── site_settings ── app ── testapp
                      └── seeded_var (seeds imported with `camra import`)
"""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from webtest import TestApp

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get('CAMRA_SEEDS', ROOT / 'tests' / 'seeds'))


def seed(prefix):
    """The seed file whose name starts with ``prefix`` (000 handbook, 004 report)."""
    matches = sorted(SEEDS.glob(f'{prefix}_*.txt'))
    if not matches:
        pytest.fail(f'seed {prefix}_*.txt not found in {SEEDS} (CAMRA_SEEDS points elsewhere)')
    return matches[0]


@pytest.fixture(autouse=True)
def tmp_var(tmp_path, monkeypatch):
    """Every test gets its own data folder and no CAMRA_* from the caller's shell."""
    for name in list(os.environ):
        if name.startswith('CAMRA_') and name not in ('CAMRA_SEEDS', 'CAMRA_CHROMIUM'):
            monkeypatch.delenv(name)
    var = tmp_path / 'var'
    monkeypatch.setenv('CAMRA_VAR', str(var))
    # Tests (and the servers they start) search far faster than any reader:
    # the search throttle has its own test.
    monkeypatch.setenv('CAMRA_SEARCH_PER_ADDRESS', '0')
    return var


@pytest.fixture
def app_factory(tmp_var):
    """Make WSGI apps with the given settings; their databases close at teardown."""
    from camra.site import close, main
    apps = []

    def make(**settings):
        apps.append(main({}, **settings))
        return apps[-1]
    yield make
    for wsgi in apps:
        close(wsgi)


@pytest.fixture
def app(app_factory):
    return app_factory(demo='true')


@pytest.fixture
def testapp(app):
    return TestApp(app)


def run_cli(*args):
    """Run ``camra`` in-process; return its exit status."""
    from camra.site.cli import main
    return main([str(a) for a in args])


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope='session')
def seeds():
    return seed


@pytest.fixture
def seeded_app(app_factory):
    assert run_cli('import', seed('000'), seed('004')) == 0
    return TestApp(app_factory())


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


@pytest.fixture
def ports():
    """A function giving a free loopback port."""
    return free_port


def wait_for(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f'{url} did not answer within {timeout}s')


@pytest.fixture
def server(tmp_var):
    """``camra serve`` in a subprocess on a free port; yields its base URL."""
    port = free_port()
    env = {**os.environ, 'CAMRA_PORT': str(port)}
    proc = subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'serve'], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    try:
        wait_for(url + '/')
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
