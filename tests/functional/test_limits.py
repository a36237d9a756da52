"""Bounded cost per request: long URLs, big bodies, many idle connections."""
import socket
import urllib.request

import pytest
from webtest import TestApp

from camra.site.limits import MAX_URL


def test_a_very_long_url_gets_414_with_a_page_that_says_why(testapp):
    for url in ['/notices/' + 'x/' * 40000, '/search?q=' + '%E4%BC%9A' * 3000]:
        response = testapp.get(url, status=414)
        assert '网址过长' in response.text
        assert response.headers['X-Frame-Options'] == 'DENY'
    testapp.get('/notices/' + 'x' * (MAX_URL - 100), status=404)     # long, but allowed: an ordinary 404


def test_a_body_past_the_limit_gets_413_before_anything_reads_it(app_factory):
    testapp = TestApp(app_factory(demo='true', **{'uploads.max_request_mb': '1'}))
    response = testapp.post('/login', b'x' * (1024 * 1024 + 1), content_type='application/octet-stream', status=413)
    assert '一次提交不能超过 1 MB' in response.text
    testapp.post('/login', {'name': 'x', 'password': 'y'}, status=400)      # small: reaches the CSRF check


def _ask(port, request):
    with socket.create_connection(('127.0.0.1', port), timeout=10) as s:
        s.sendall(request)
        return s.recv(4096).decode('latin-1')


@pytest.mark.slow
def test_the_server_refuses_a_huge_body_at_once_and_serves_past_many_idle_connections(server):
    port = int(server.rsplit(':', 1)[1])
    # 200 MB announced, nothing sent: refused from the headers, not after reading it all.
    answer = _ask(port, b'POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 209715200\r\n'
                        b'Content-Type: application/x-www-form-urlencoded\r\n\r\n')
    assert answer.startswith('HTTP/1.1 413')
    idle = []
    try:
        for _ in range(150):        # waitress alone stops accepting at 100
            idle.append(socket.create_connection(('127.0.0.1', port), timeout=10))
        with urllib.request.urlopen(server + '/', timeout=10) as response:
            assert response.status == 200
    finally:
        for s in idle:
            s.close()
