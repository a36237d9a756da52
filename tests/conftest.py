"""Fixtures: a fresh data folder and app per test, the seed files, servers.

    tmp_var ── site_settings ── app ── testapp
                      └── seeded_var (seeds imported with `camra import`)
"""
import itertools
import os
import shutil
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


# The environment a test starts with (``tmp_var``): only these CAMRA_* variables.
_TEST_ENVIRONMENT = {'CAMRA_VAR', 'CAMRA_SEARCH_PER_ADDRESS', 'CAMRA_SEEDS', 'CAMRA_CHROMIUM'}


@pytest.fixture(scope='session')
def demo_template(tmp_path_factory):
    """A data folder with a new demo site and its index, made once per run:
    a test's plain demo app starts from a copy (half a second less than
    making the site again, for hundreds of tests)."""
    from camra.site import close, main
    var = tmp_path_factory.mktemp('demo-template') / 'var'
    with pytest.MonkeyPatch.context() as patch:
        for name in {n for n in os.environ if n.startswith('CAMRA_')} - _TEST_ENVIRONMENT:
            patch.delenv(name)
        patch.setenv('CAMRA_VAR', str(var))
        close(main({}, demo='true'))
    return var


@pytest.fixture
def app_factory(tmp_var, demo_template):
    """Make WSGI apps with the given settings; their databases close at teardown."""
    from camra.site import close, main
    apps = []

    def make(**settings):
        if settings == {'demo': 'true'} and not tmp_var.exists() \
                and not {n for n in os.environ if n.startswith('CAMRA_')} - _TEST_ENVIRONMENT:
            shutil.copytree(demo_template, tmp_var, ignore=shutil.ignore_patterns('*.lock'))
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


@pytest.fixture(scope='session')
def postgres_server():
    """A PostgreSQL server of the tests' own (``LocalPostgres``) on a free
    port; skipped where PostgreSQL is not installed, except in CI."""
    from camra.site.local_postgres import PostgresMissing, temporary_server
    try:
        with temporary_server() as running:     # not under pytest's folder: root's, closed to postgres
            yield running
    except PostgresMissing as exc:
        if os.environ.get('CI'):
            pytest.fail(f'PostgreSQL is needed in CI: {exc}')
        pytest.skip(f'PostgreSQL is not installed here: {exc}')


_DATABASES = itertools.count(1)


class PostgresDatabase:
    """A new empty database on the tests' PostgreSQL server."""

    def __init__(self, server, name, folder):
        self.server, self.name, self.folder = server, name, folder

    def uri(self, cache='blobcache', **options):
        """Its zodburi URI (history-preserving, blobs in the database) for a
        process whose blob cache is the folder ``cache``."""
        return self.server.uri(self.name, blob_dir=self.folder / cache, shared_blob_dir='false', **options)


@pytest.fixture
def postgres_database(postgres_server, tmp_path):
    """A ``PostgresDatabase`` made for this test."""
    name = f'test_{os.getpid()}_{next(_DATABASES)}'
    postgres_server.create_database(name)
    return PostgresDatabase(postgres_server, name, tmp_path)


def new_search_database(server):
    """The libpq string of a new empty database on the tests' PostgreSQL."""
    name = f'search_{os.getpid()}_{next(_DATABASES)}'
    server.create_database(name)
    return server.dsn(name)


@pytest.fixture(params=['whoosh', 'postgres'])
def search_backend(request):
    """Each search backend in turn (``search.backend``)."""
    return request.param


def search_environment(backend, request):
    """The CAMRA_* variables of a site searching with ``backend`` (a new
    database of its own for PostgreSQL)."""
    if backend == 'whoosh':
        return {}
    return {'CAMRA_SEARCH_BACKEND': 'postgres',
            'CAMRA_SEARCH_POSTGRES': new_search_database(request.getfixturevalue('postgres_server'))}


@pytest.fixture
def search_env(search_backend, request, monkeypatch):
    """Apps, commands and servers of this test search with ``search_backend``
    (set in the environment, which all of them read)."""
    for name, value in search_environment(search_backend, request).items():
        monkeypatch.setenv(name, value)
    return search_backend


@pytest.fixture
def new_index(search_backend, tmp_path, request):
    """``make(name)``: a new empty search index of ``search_backend``."""
    from camra.search.index import SearchIndex
    from camra.search.pg_index import PgSearchIndex
    made = []

    def make(name='index'):
        if search_backend == 'whoosh':
            index = SearchIndex(str(tmp_path / name))
        else:
            index = PgSearchIndex(new_search_database(request.getfixturevalue('postgres_server')))
        made.append(index)
        return index
    yield make
    for index in made:
        index.close()


@pytest.fixture(autouse=True, scope='session')
def quick_password_hashing():
    """Passwords are hashed at argon2id's smallest cost in the tests' own
    process (as Django's tests do with their hashers): a hash at the real
    cost takes 0.14 s, and hundreds of tests add users and sign in. The
    hashes are argon2id all the same, and the servers tests start hash at
    the real cost (rehashing a cheap hash at its owner's first sign-in)."""
    from argon2 import PasswordHasher

    from camra.content import principals
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(principals, '_hasher', PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield
