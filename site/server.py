"""The HTTP server: waitress, keeping connections open after a 304.

waitress (3.0.2) closes the connection after every response that has no
body (a 304 Not Modified above all), because it finds no length to frame
it with. Such a response needs none: it ends with its headers (RFC 9112,
section 6.3). Closed, every revalidation by a browser or a reverse proxy
pays for a new connection, and the 304, the cheapest answer the site
gives, costs more than a whole kept page. The fix is proposed upstream
(Pylons/waitress pull request 502); until it is released, the server here
keeps an HTTP/1.1 connection open after a bodiless response unless the
client asked to close it. Everything else is waitress as it is.
"""
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import WSGITask


class _Task(WSGITask):
    def set_close_on_finish(self):
        bodiless = not self.has_body and self.version == '1.1'
        if bodiless and self.request.headers.get('CONNECTION', '').lower() != 'close':
            return
        super().set_close_on_finish()


class _Channel(HTTPChannel):
    task_class = _Task


def make_server(app, **options):
    """A waitress server of ``app`` (``options`` as for ``waitress.serve``),
    not yet running: call its ``run()``."""
    sockets = {}
    server = create_server(app, map=sockets, **options)
    for dispatcher in list(sockets.values()):
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = _Channel
    return server
