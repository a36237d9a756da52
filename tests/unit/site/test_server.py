"""The HTTP server keeps a connection open after a 304, and closes it when asked."""
import http.client
import threading

import pytest

from camra.site.server import make_server


def app(environ, start_response):
    """A page with an ETag, answered 304 when the client has it."""
    if environ.get('HTTP_IF_NONE_MATCH') == '"v1"':
        start_response('304 Not Modified', [('ETag', '"v1"')])
        return [b'']
    body = '通知'.encode('utf-8')
    start_response('200 OK', [('ETag', '"v1"'), ('Content-Type', 'text/plain; charset=utf-8'),
                              ('Content-Length', str(len(body)))])
    return [body]


@pytest.fixture
def port():
    server = make_server(app, host='127.0.0.1', port=0, threads=2, _start=True)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port
    server.close()


def test_a_304_leaves_the_connection_open_for_the_next_request(port):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
    conn.request('GET', '/')
    first = conn.getresponse()
    assert first.status == 200 and first.read().decode('utf-8') == '通知'
    sock = conn.sock
    for _ in range(3):
        conn.request('GET', '/', headers={'If-None-Match': '"v1"'})
        response = conn.getresponse()
        response.read()
        assert response.status == 304 and response.getheader('Connection') is None
        assert conn.sock is sock            # still the first connection
    conn.request('GET', '/')
    assert conn.getresponse().read().decode('utf-8') == '通知' and conn.sock is sock
    conn.close()


def test_a_client_that_asks_to_close_gets_it_closed(port):
    conn = http.client.HTTPConnection('127.0.0.1', port, timeout=10)
    conn.request('GET', '/', headers={'If-None-Match': '"v1"', 'Connection': 'close'})
    response = conn.getresponse()
    response.read()
    assert response.status == 304 and response.getheader('Connection') == 'close'
    conn.close()
