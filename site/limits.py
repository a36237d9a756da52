"""What one request may cost: a bounded URL and body, and waitress's limits.

A URL longer than ``MAX_URL`` gets 414 and a body longer than
``uploads.max_request_mb`` (Content-Length, read before anything else)
413, before any of it is parsed, routed or read, with a page saying why.
waitress itself refuses a body past twice that (also chunked ones, which
carry no length) and headers past ``MAX_HEADERS``, closes connections idle
for ``IDLE_TIMEOUT`` seconds and serves up to ``CONNECTIONS`` at once (with
``poll``, not ``select``, which stops at 1,024 file descriptors).
"""
from . import settings as settings_module
from .refusals import refusal_page

MAX_URL = 8 * 1024              # path and query string, as sent
MAX_HEADERS = 64 * 1024
CONNECTIONS = 1000
IDLE_TIMEOUT = 30


def body_limit(settings):
    """The largest request body accepted, in bytes (``uploads.max_request_mb``)."""
    return int(float(settings.get('uploads.max_request_mb') or settings_module.DEFAULTS['uploads.max_request_mb'])
               * 1024 * 1024)


class Limits:
    """WSGI middleware: 414 for a URL past ``MAX_URL``, 413 for a body
    whose Content-Length passes ``body_limit``."""

    def __init__(self, app, settings):
        self.app, self.registry = app, app.registry
        self.max_body = body_limit(settings)

    def __call__(self, environ, start_response):
        url = len(environ.get('PATH_INFO', '')) + len(environ.get('QUERY_STRING', ''))
        if url > MAX_URL:
            return self._refuse(start_response, '414 URI Too Long', '网址过长',
                                f'网址不能长于 {MAX_URL // 1024} KB，请检查链接。')
        try:
            length = int(environ.get('CONTENT_LENGTH') or 0)
        except ValueError:
            return self._refuse(start_response, '400 Bad Request', '请求有误', '请求的长度（Content-Length）无法识别。')
        if length > self.max_body:
            return self._refuse(start_response, '413 Content Too Large', '提交的内容过大',
                                f'一次提交不能超过 {self.max_body // 1048576} MB：'
                                '附件较多时，请分几次上传。')
        return self.app(environ, start_response)

    @staticmethod
    def _refuse(start_response, status, title, message):
        body = refusal_page(title, message).encode('utf-8')
        start_response(status, [('Content-Type', 'text/html; charset=utf-8'), ('Content-Length', str(len(body))),
                                ('Connection', 'close')])
        return [body]


def server_options(settings):
    """waitress's limits for ``camra serve`` (see the module's docstring)."""
    return {'max_request_body_size': 2 * body_limit(settings), 'max_request_header_size': MAX_HEADERS,
            'connection_limit': CONNECTIONS, 'channel_timeout': IDLE_TIMEOUT, 'cleanup_interval': 10,
            'asyncore_use_poll': True}
