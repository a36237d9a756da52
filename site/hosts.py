"""Which host names the site answers to, and the one its URLs are made from.

Absolute URLs (JSON, feeds, the sitemap, redirects, the stylesheet link)
are built from the request, and public pages are kept and shared between
readers. A request with a forged ``Host`` must therefore never reach a view:
``CanonicalHost`` answers 400 to any host name that is not accepted, before
anything is rendered or kept. With ``site.url`` set (the public base URL,
``https://www.camra.org.cn``; the site is served at the root of its host),
every accepted request is also rewritten to that scheme and host, so every URL the site writes is the public one,
whichever accepted name or proxy the request came through.

Accepted: the host of ``site.url``, the names in ``site.hosts`` (spaces or
commas between them; ``*`` accepts any, for a site behind a proxy that
checks names itself) and, always, the loopback names, so that local tools
and health checks work (with ``site.url`` set they still get public URLs).
"""
from urllib.parse import urlsplit

from pyramid.settings import aslist

LOOPBACK = ('localhost', '127.0.0.1', '::1')

BAD_HOST_PAGE = ('<!DOCTYPE html><html lang="zh-CN"><meta charset="utf-8">'
                 '<title>主机名不正确</title><h1>主机名不正确</h1>'
                 '<p>本站不接受这个主机名（Host）的请求。请使用本站的正式网址访问。</p>'
                 '<p>网站管理员：请把这个主机名加入设置 <code>site.hosts</code>（或设置 <code>site.url</code>）。</p>'
                 '</html>').encode('utf-8')


class HostError(ValueError):
    """``site.url`` is not an absolute http(s) URL."""


def base_url(settings):
    """``(scheme, host[:port])`` of ``site.url``, or None when unset.
    Raises ``HostError`` for a value that is not the root of an http(s) site."""
    value = (settings.get('site.url') or '').strip()
    if not value:
        return None
    parts = urlsplit(value)
    if (parts.scheme not in ('http', 'https') or not parts.hostname
            or parts.path.strip('/') or parts.query or parts.fragment):
        raise HostError(f'site.url 必须是网站根目录的完整网址，例如 https://www.camra.org.cn（现为 {value!r}）')
    return parts.scheme, parts.netloc.lower()


def accepted_hosts(settings):
    """The host names (without ports, lower case) the site answers to;
    contains ``*`` when any is accepted."""
    names = set(LOOPBACK)
    names.update(name.lower() for name in aslist(str(settings.get('site.hosts') or '').replace(',', ' ')))
    base = base_url(settings)
    if base is not None:
        names.add(_hostname(base[1]))
    listen = (settings.get('host') or '').strip().lower()
    if listen and listen not in ('0.0.0.0', '::'):
        names.add(listen)
    return frozenset(names)


def _hostname(host):
    """``Example.org:8080`` -> ``example.org``; ``[::1]:6543`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith('['):
        return host[1:].split(']', 1)[0]
    if host.count(':') == 1:
        return host.split(':', 1)[0]
    return host


class CanonicalHost:
    """WSGI middleware in front of the whole site: refuses requests for
    hosts not accepted, and gives the accepted ones ``site.url``'s scheme
    and host."""

    def __init__(self, app, base, hosts):
        self.app = app
        self.registry = app.registry
        self.base, self.hosts = base, hosts     # of ``base_url`` and ``accepted_hosts``

    def __call__(self, environ, start_response):
        host = environ.get('HTTP_HOST') or environ.get('SERVER_NAME') or ''
        if '*' not in self.hosts and _hostname(host) not in self.hosts:
            start_response('400 Bad Request', [('Content-Type', 'text/html; charset=utf-8'),
                                               ('Content-Length', str(len(BAD_HOST_PAGE))),
                                               ('Cache-Control', 'no-store')])
            return [BAD_HOST_PAGE]
        if self.base is not None:
            environ['wsgi.url_scheme'], environ['HTTP_HOST'] = self.base
        return self.app(environ, start_response)
