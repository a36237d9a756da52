"""Fixtures for the editing tests: one user per role, signed-in TestApps.

    app ── users (ed: editor, rev: reviewer, boss: admin) ── as_user(name)
"""
import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import transaction
from webtest import TestApp

from camra.content.root import APP_ROOT
from camra.site import database

PASSWORD = 'correct horse battery'
USERS = {'ed': 'editor', 'rev': 'reviewer', 'boss': 'admin'}


def add_users(app):
    """Make the users of ``USERS`` in ``app``'s database; return ``app``."""
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    site = conn.root()[APP_ROOT]
    for name, role in USERS.items():
        site.principals.add(name, role, PASSWORD)
    tm.commit()
    conn.close()
    return app


@pytest.fixture
def users(app):
    return add_users(app)


@pytest.fixture
def with_users():
    """``with_users(app)``: make the users of ``USERS`` in ``app``; returns ``app``."""
    return add_users


@pytest.fixture
def signed_in(app_factory):
    """``signed_in(name, **settings)``: a TestApp of a new demo app made
    with ``settings``, signed in as ``name``."""
    def make(name, **settings):
        testapp = TestApp(add_users(app_factory(demo='true', **settings)))
        sign_in(testapp, name)
        return testapp
    return make


def sign_in(testapp, name, password=PASSWORD, status=303):
    """Post the login form of ``testapp`` as ``name``."""
    form = testapp.get('/login').forms['login']
    form['name'], form['password'] = name, password
    return form.submit(status=status)


def csrf_token(testapp):
    """The CSRF token of ``testapp``'s session."""
    return re.search(r'name="csrf_token" value="([^"]+)"', testapp.get('/login').text)[1]


def wait_until(condition, timeout=10, what='not within the time'):
    """Wait until ``condition()`` is true; fail saying ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def wait_indexed(app, timeout=30):
    """Wait until ``app``'s search index reflects its database's last
    transaction (a big change, a release cut, is indexed after the answer)."""
    deadline = time.monotonic() + timeout
    while app.registry.search_index.tid != database(app).lastTransaction():
        assert time.monotonic() < deadline, 'the search index did not catch up'
        time.sleep(0.05)


@pytest.fixture
def indexed():
    """``indexed(app)``: wait until ``app``'s search index has caught up."""
    return wait_indexed


@pytest.fixture
def login():
    """``login(testapp, name, password=PASSWORD, status=303)``."""
    return sign_in


@pytest.fixture
def csrf():
    """``csrf(testapp)``: the session's CSRF token."""
    return csrf_token


@pytest.fixture
def password():
    return PASSWORD


def user_apps(app):
    """``make(name)``: a TestApp of ``app`` signed in as ``name`` (None: anonymous)."""
    def make(name=None):
        testapp = TestApp(app)
        if name:
            sign_in(testapp, name)
        return testapp
    return make


@pytest.fixture
def as_user(users):
    """A signed-in TestApp per user name (None: anonymous)."""
    return user_apps(users)


@pytest.fixture
def seeded_users(app_factory, cli, seeds):
    """``as_user``-like factory on a site made from the seed files (the
    handbook released as V1.0), with the users of ``USERS``."""
    assert cli('import', seeds('000'), seeds('004')) == 0
    return user_apps(add_users(app_factory()))


class Browser:
    """A cookie-keeping HTTP client that does not follow redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._NoRedirect)

    def get(self, path, accept='text/html'):
        request = urllib.request.Request(self.base + path, headers={'Accept': accept})
        with self.opener.open(request, timeout=30) as response:
            return response.read().decode('utf-8')

    def post(self, path, fields):
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.get('/login'))[1]
        data = urllib.parse.urlencode({**fields, 'csrf_token': token}).encode()
        try:
            self.opener.open(urllib.request.Request(self.base + path, data=data), timeout=60)
        except urllib.error.HTTPError as exc:
            if exc.code != 303:
                raise AssertionError(f'{path}: {exc.code} {exc.read()[:300]!r}')
            return exc.headers['Location']
        raise AssertionError(f'{path}: no redirect')


@pytest.fixture
def http_client():
    """``Browser(base)``: a cookie-keeping HTTP client for real servers."""
    return Browser


@pytest.fixture
def zeo_address(tmp_path, ports):
    """A ZEO server (the ZEO package's runzeo) on a FileStorage with blobs."""
    port = ports()
    (tmp_path / 'zeo').mkdir()
    config = tmp_path / 'zeo' / 'zeo.conf'
    config.write_text(f"""
<zeo>
  address 127.0.0.1:{port}
</zeo>
<filestorage>
  path {tmp_path / 'zeo' / 'Data.fs'}
  blob-dir {tmp_path / 'zeo' / 'blobs'}
</filestorage>
""")
    proc = subprocess.Popen([sys.executable, '-m', 'ZEO.runzeo', '-C', str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail('ZEO server did not start')
            time.sleep(0.1)
    yield f'127.0.0.1:{port}'
    proc.terminate()
    proc.wait(timeout=10)


def zeo_uri(address, blob_cache):
    """A zodburi URI for the ZEO server at ``address``, with its own blob cache."""
    return f'zeo://{address}?blob_dir={blob_cache}&shared_blob_dir=false'


