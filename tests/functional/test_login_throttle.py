"""The login throttle cannot be turned against other people: unknown
names count against their address, a wrong password against the account
from that address, and behind a trusted proxy each reader has their own."""
import io
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from webtest import TestApp

PROXY, READER, ATTACKER = '127.0.0.1', '198.51.100.7', '203.0.113.66'


def _login(testapp, name, password, status, addr=READER):
    token = testapp.get('/login', extra_environ={'REMOTE_ADDR': addr}).forms['login']['csrf_token'].value
    return testapp.post('/login', {'name': name, 'password': password, 'csrf_token': token},
                        extra_environ={'REMOTE_ADDR': addr}, status=status)


def test_other_names_failures_from_one_address_never_refuse_a_real_user(users, password):
    shared = TestApp(users)
    for i in range(8):
        _login(shared, f'nobody{i}', 'guess guess guess', status=400 if i < 5 else 429)
    # The same address: a real account's correct password still signs in...
    _login(TestApp(users), 'ed', password, status=303)
    # ...while wrong passwords from it are refused, for real names too.
    assert '登录失败次数过多' in _login(shared, 'rev', 'not the password', status=429).text


def test_an_accounts_failures_from_one_address_do_not_lock_it_elsewhere(users, password):
    attacker = TestApp(users)
    for _ in range(5):
        _login(attacker, 'ed', 'not the password', status=400, addr=ATTACKER)
    _login(attacker, 'ed', password, status=429, addr=ATTACKER)     # guessing stops here
    _login(TestApp(users), 'ed', password, status=303, addr=READER)


class _Client:
    """A cookie-keeping HTTP client that sends ``X-Forwarded-For`` as a proxy would."""

    def __init__(self, base, forwarded_for):
        import http.cookiejar

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        self.base, self.forwarded_for = base, forwarded_for
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def login(self, name, password):
        headers = {'X-Forwarded-For': self.forwarded_for}
        with self.opener.open(urllib.request.Request(self.base + '/login', headers=headers)) as page:
            text = page.read().decode()
        token = text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        data = urllib.parse.urlencode({'name': name, 'password': password, 'csrf_token': token}).encode()
        try:
            self.opener.open(urllib.request.Request(self.base + '/login', data=data, headers=headers))
        except urllib.error.HTTPError as exc:
            return exc.code
        return 200


@pytest.fixture
def serve(tmp_var, monkeypatch, cli, password, ports):
    """``serve(**env)``: ``camra serve`` with user ``ed`` and ``env`` added;
    returns its base URL."""
    procs = []

    def start(**env):
        monkeypatch.setattr('sys.stdin', io.StringIO(password + '\n'))
        assert cli('adduser', 'ed', '--role', 'editor') == 0
        port = ports()
        procs.append(subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'serve'],
                                      env={**os.environ, 'CAMRA_PORT': str(port), **env},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        base = f'http://127.0.0.1:{port}'
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + '/login', timeout=2).close()
                return base
            except OSError:
                assert time.monotonic() < deadline and procs[-1].poll() is None, 'camra serve did not start'
                time.sleep(0.1)
    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_behind_a_trusted_proxy_each_reader_has_their_own_address(serve, password):
    base = serve(CAMRA_PROXY_TRUSTED=PROXY)
    attacker = _Client(base, ATTACKER)
    assert [attacker.login(f'nobody{i}', 'guess guess guess') for i in range(6)] == [400] * 5 + [429]
    assert [attacker.login('ed', 'not the password') for _ in range(6)] == [429] * 6
    assert _Client(base, READER).login('ed', password) == 303       # another reader: unaffected


@pytest.mark.slow
def test_without_a_trusted_proxy_forwarded_addresses_are_not_believed(serve, password):
    base = serve()
    answers = [_Client(base, f'10.0.0.{i}').login(f'nobody{i}', 'guess guess guess') for i in range(6)]
    assert answers == [400] * 5 + [429]         # one address, however the header varies
    assert _Client(base, READER).login('ed', password) == 303
