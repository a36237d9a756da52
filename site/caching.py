"""HTTP caching of public pages: validators, 304s and Cache-Control.

A public page depends on the database and the clock (an item scheduled for
later appears by itself); the search page on the search index too. Its ETag
is therefore made of the last committed transaction that changed what the
public sees (``public_version``: not a login or an opened form), the last scheduled
publication or expiry passed and the next one to come (kept by the index),
for the search page the transaction the index reflects, and what was asked
(host, path, query, Accept): it changes whenever the page may.
``Last-Modified`` is the later of that transaction's time and the last
scheduled time that has passed.

A request that repeats an ETag gets a 304 before anything is rendered, and
a page rendered once is kept in memory under its ETag (``PageCache``), so a
burst of readers of a new notice costs one rendering. For anonymous
visitors both are answered in front of Pyramid's router (``FrontCache``),
which is what makes them cheap.

Only anonymous GETs are cached; signed-in users and edit views get
``private, no-store``. Static files carry a fingerprint of their content in
their URL and are cached for a year.
"""
import collections
import datetime
import email.utils
import hashlib
import os
import threading

from pyramid.response import Response
from pyramid.static import QueryStringConstantCacheBuster
from webob.request import BaseRequest
from ZODB.TimeStamp import TimeStamp

from camra.content import clock
from camra.content.root import SECTIONS
from camra.search.index import IndexUnreadable

from .public_version import PublicVersion
from .security import SESSION_KEY

YEAR = 365 * 24 * 3600
# Seconds shared caches and browsers may reuse a page without asking again.
MAX_AGE = {'content': 300, 'listing': 60, 'search': 30}
NEVER = 'private, no-store'
VALIDATORS = 'camra.validators'     # environ key: validators FrontCache computed already
SESSION_COOKIE = 'session'          # the session factory's cookie (set in camra.site.main)
UNCACHED_NAMES = ('login', 'logout')
LISTINGS = frozenset(name for name, _, _ in SECTIONS)   # the sections of the site


def caching_tween_factory(handler, registry):
    """Label every response; keep public pages; answer what ``FrontCache``
    left to the router (anonymous visitors with a session cookie)."""
    pages = registry.page_cache

    def caching_tween(request):
        if request.path_info.startswith('/static/'):
            return handler(request)         # fingerprinted: cached for a year by the static view
        if request.method not in ('GET', 'HEAD') or _signed_in(request) or _private_path(request.path_info):
            response = handler(request)
            if request.method in ('GET', 'HEAD'):
                _never(response)
            return response
        validators = request.environ.get(VALIDATORS) or Validators(registry, request)
        known = validators.known(request.if_none_match, pages, request.path_info)
        if known is not None:
            return known
        response = handler(request)
        if response.status_int == 200 and 'no-store' not in response.headers.get('Cache-Control', '') \
                and not response.headers.get('Set-Cookie'):
            validators.apply(response)
            response.headers['Cache-Control'] = cache_policy(request.path_info)
            response.vary = ('Accept',)
            response.conditional_response = True
            pages.put(validators.tag, response)
        elif 'Cache-Control' not in response.headers:
            _never(response)
        return response
    return caching_tween


class FrontCache:
    """In front of Pyramid's router: an anonymous GET (no session cookie)
    whose page is known is answered here, a 304 for a repeated ETag or the
    kept page, without making a Pyramid request. Everything else goes to
    the app, whose tween renders, labels and keeps pages."""

    def __init__(self, app):
        self.app = app
        self.registry = app.registry

    def __call__(self, environ, start_response):
        if environ.get('REQUEST_METHOD') in ('GET', 'HEAD'):
            request = BaseRequest(environ)
            try:
                path = request.path_info
                cacheable = (not path.startswith('/static/') and not _private_path(path)
                             and SESSION_COOKIE not in request.cookies)
                if cacheable:
                    validators = Validators(self.registry, request)
                    environ[VALIDATORS] = validators
                    known = validators.known(request.if_none_match, self.registry.page_cache, path)
                    if known is not None:
                        return known(environ, start_response)
            except UnicodeDecodeError:
                pass                # the app answers 400
        return self.app(environ, start_response)


class PageCache:
    """Rendered public pages by ETag, the least recently used dropped first
    (at most ``entries`` pages and ``size`` bytes). An ETag names one
    version of one page, so an entry is never stale: it just stops being
    asked for."""

    def __init__(self, entries=2000, size=64 * 1024 * 1024, largest=1024 * 1024):
        self.entries, self.size, self.largest = entries, size, largest
        self._pages = collections.OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, tag):
        with self._lock:
            kept = self._pages.get(tag)
            if kept is not None:
                self._pages.move_to_end(tag)
            return kept

    def put(self, tag, response):
        body = response.body
        if len(body) > self.largest:
            return
        with self._lock:
            if tag in self._pages:
                return
            self._pages[tag] = (body, tuple(response.headerlist))
            self._bytes += len(body)
            while len(self._pages) > self.entries or self._bytes > self.size:
                _, (old, _) = self._pages.popitem(last=False)
                self._bytes -= len(old)


class Validators:
    """The ETag and Last-Modified of a public page as the data stand now,
    for what ``request`` asks (host, path, query, Accept)."""

    def __init__(self, registry, request):
        tid = registry.public_version.current(registry._zodb_databases[''])
        try:
            schedule, acted, indexed = registry.search_index.times()
        except IndexUnreadable:     # the shared index's database out of reach: taken as behind
            schedule, acted, indexed = {}, 0, ''
        now = clock.now().timestamp()
        upcoming = min((t for t in schedule.values() if t > now), default=0)
        pending = max((t for t in schedule.values() if t <= now), default=0)
        passed = max(pending, acted)
        # A clock set back before a time already acted on changes pages
        # back (until the index has judged every item again).
        set_back = 'set back' if now < acted else ''
        # The host too: a page kept for one accepted host name holds its URLs.
        asked = f'{request.host_url}{request.path_qs}\n{request.accept}\n{registry.page_version}'
        if kind_of(request.path_info) == 'search':
            # Only search reads the index: a search answered before the index
            # caught up with the last public change (or with a scheduled time
            # that has passed) must not be taken for the later one.
            caught_up = 'current' if indexed and bytes.fromhex(indexed) >= tid else f'behind {indexed}'
            state = f'{tid.hex()}|{upcoming}|{caught_up}|{pending}|{acted}|{set_back}|{asked}'
        else:
            # Other pages follow the clock by themselves; the index catching
            # up changes nothing on them.
            state = f'{tid.hex()}|{upcoming}|{passed}|{set_back}|{asked}'
        self.tag = hashlib.sha1(state.encode('utf-8')).hexdigest()[:20]
        self.etag = f'"{self.tag}"'
        modified = TimeStamp(tid).timeTime() if tid != b'\0' * 8 else 0
        self.last_modified = datetime.datetime.fromtimestamp(max(modified, passed), datetime.timezone.utc)

    @property
    def http_date(self):
        return email.utils.format_datetime(self.last_modified, usegmt=True)

    def apply(self, response):
        response.headers['ETag'] = self.etag
        response.headers['Last-Modified'] = self.http_date

    def known(self, if_none_match, pages, path):
        """The response when the asker has this version (a 304, the
        cheapest answer the site gives) or it is kept; else None."""
        kept = pages.get(self.tag)
        if self.tag in if_none_match:
            return Response(status=304, headerlist=[
                ('ETag', self.etag), ('Last-Modified', self.http_date),
                ('Cache-Control', cache_policy(path)), ('Vary', 'Accept')])
        if kept is not None:
            return Response(body=kept[0], headerlist=list(kept[1]), conditional_response=True)
        return None


def _signed_in(request):
    # The session is only read when a session cookie came with the request.
    return SESSION_COOKIE in request.cookies and request.session.get(SESSION_KEY) is not None


def _private_path(path):
    names = path.strip('/').split('/')
    return any(n.startswith('@@') or n in UNCACHED_NAMES for n in names)


def kind_of(path):
    """What the public page at ``path`` is, for caching: ``search``, a
    ``listing`` (the home page, a section, a feed, the sitemap) or
    ``content`` (an item, a release, a page)."""
    names = [name for name in path.split('/') if name]
    if names == ['search']:
        return 'search'
    if not names or names == [names[0]] and names[0] in LISTINGS or names[-1] in ('feed', 'sitemap.xml'):
        return 'listing'
    return 'content'


def cache_policy(path):
    """The ``Cache-Control`` of the public page at ``path``: one table for
    the pages rendered here and for the 304s answered in front of them."""
    return f'public, max-age={MAX_AGE[kind_of(path)]}'


def _never(response):
    response.headers['Cache-Control'] = NEVER
    response.headers.pop('ETag', None)
    response.headers.pop('Last-Modified', None)


def fingerprint(folder):
    """A digest of every file under ``folder``: changes whenever one does."""
    digest = hashlib.sha1()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            with open(os.path.join(root, name), 'rb') as f:
                digest.update(name.encode() + f.read())
    return digest.hexdigest()[:12]


def includeme(config):
    config.add_tween('camra.site.caching.caching_tween_factory',
                     under='camra.site.tweens.readable_requests_factory', over='camra.site.indexing.catch_up_tween_factory')
    here = os.path.dirname(__file__)
    static = fingerprint(os.path.join(here, 'static'))
    # Pages change with the templates too: a new version must not be answered 304.
    config.registry.page_cache = PageCache()
    config.registry.public_version = PublicVersion()
    config.registry.page_version = f'{static}-{fingerprint(os.path.join(here, "templates"))}'
    config.add_static_view('static', 'camra.site:static', cache_max_age=YEAR)
    config.add_cache_buster('camra.site:static/', QueryStringConstantCacheBuster(static))
