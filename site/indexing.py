"""Keeping this process's search index current with the database.

The index follows the database's transaction log (``camra.search.sync``):
at start-up, after every request that may have written (POST and the like),
and every ``search.interval`` seconds in a background thread, which is what
picks up writes of other processes (ZEO), of a process that died between
its commit and its index write, and items whose scheduled publication or
expiry time has come, with no one online. Indexing errors are logged, never shown to
visitors: the data is committed and the index converges on the next try.

A damaged index (truncated, zeroed or deleted files) is found at start (a
quick check, then every checksum in the background), every
``search.verify_hours`` and whenever reading it fails; it is then thrown
away and rebuilt in the background while searches say so.
"""
import logging
import threading
import time

from transaction.interfaces import TransientError

from camra.content import changes, clock, searchable
from camra.content.root import APP_ROOT
from camra.search import sync, words
from camra.search.index import IndexBusy, IndexUnreadable, SearchIndex

from .settings import SettingsError

log = logging.getLogger(__name__)

# A first start that must index more items than this builds the index in the
# background instead of delaying start-up (``camra reindex`` is faster).
STARTUP_REBUILD_LIMIT = 5000
REQUEST_TIMEOUT = 2.0   # seconds a request waits for the index writer
# A request indexes what it changed before answering only when that is at
# most this many documents; a release cut or an import is answered first.
REQUEST_MOST = 50
RECHECK_AFTER = 30.0    # seconds before a sound index is checked again on suspicion


def includeme(config):
    settings = config.registry.settings
    config.registry.search_index = make_index(settings)
    config.registry.search_weights = type_weights(settings)
    config.add_tween('camra.site.indexing.catch_up_tween_factory', over='pyramid_tm.tm_tween_factory')


def make_index(settings):
    """The search index that ``search.backend`` chooses: ``whoosh`` (files
    in ``search.index``, one index per process) or ``postgres`` (tables in
    the database ``search.postgres`` names, shared by every process)."""
    backend = (settings.get('search.backend') or 'whoosh').strip().lower()
    cache_mb = float(settings.get('search.cache_mb') or 256)
    if backend == 'whoosh':
        return SearchIndex(settings['search.index'], cache_mb=cache_mb)
    if backend != 'postgres':
        raise SettingsError(f'search.backend 应为 whoosh 或 postgres（现为 {backend!r}）')
    try:
        import psycopg2  # noqa: F401 - only to say clearly what is missing
    except ImportError:
        raise SettingsError('search.backend = postgres 需要 psycopg2：pip install "camra[postgres]"') from None
    from camra.search.pg_index import PgSearchIndex
    return PgSearchIndex(postgres_dsn(settings), cache_mb=cache_mb,
                         connections=int(settings.get('threads') or 4) + 4)


def postgres_dsn(settings):
    """The search index's database: ``search.postgres`` (a libpq string or
    URL), else the content's own when ``zodbconn.uri`` is RelStorage on
    PostgreSQL (``postgres://user:password@host:port/database?...``)."""
    dsn = (settings.get('search.postgres') or '').strip()
    if dsn:
        return dsn
    uri = settings.get('zodbconn.uri') or ''
    scheme, _, rest = uri.partition('://')
    if scheme in ('postgres', 'postgresql'):
        return 'postgresql://' + rest.split('?', 1)[0]
    raise SettingsError('search.backend = postgres：请用 search.postgres 设定 PostgreSQL 数据库'
                     '（如 postgresql://camra:密码@db.example:5432/camra），或以 RelStorage 存放内容')


def type_weights(settings):
    """``{type name: ranking factor}`` from the ``search.weight.<type>`` settings."""
    prefix = 'search.weight.'
    weights = {}
    for key, value in settings.items():
        if key.startswith(prefix):
            try:
                weights[key[len(prefix):]] = max(0.0, float(value))
            except (TypeError, ValueError):
                raise SettingsError(f'{key} 应为数字（现为 {value!r}）') from None
    return weights


def catch_up(db, index, timeout=5.0, procs=1, progress=None, most=None):
    """Bring ``index`` up to ``db``; returns the ``sync.Report`` (see
    ``sync.catch_up`` for ``most``)."""
    return sync.catch_up(db, index, changes.changed_paths, searchable.documents,
                         timeout=timeout, procs=procs, progress=progress,
                         now=lambda: clock.now().timestamp(), most=most)


def rebuild(db, index, procs=1, progress=None):
    """Rebuild ``index`` from ``db`` (``procs`` processes; not in a server)."""
    return sync.rebuild(db, index, searchable.documents, procs=procs, progress=progress)


def catch_up_tween_factory(handler, registry):
    """After a request that may have committed, index what it changed, so an
    editor finds what they just published; a big change (a release cut,
    an import) is left to the follower's thread and answered at once."""
    def catch_up_tween(request):
        response = handler(request)
        if request.method not in ('GET', 'HEAD', 'OPTIONS'):
            follower = getattr(registry, 'search_follower', None)
            if follower is not None:
                follower.follow(timeout=REQUEST_TIMEOUT, most=REQUEST_MOST if follower.interval > 0 else None)
        return response
    return catch_up_tween


class Follower:
    """Catches ``index`` up with ``db`` now and then, in a daemon thread."""

    def __init__(self, db, index, interval, verify_hours=24.0):
        self.db = db
        self.index = index
        self.interval = interval
        self.verify_every = verify_hours * 3600
        self._stopped = threading.Event()
        self._wake = threading.Event()     # catch up now, not at the next interval
        self._thread = None
        self._repair = None         # the thread checking (and rebuilding) on suspicion
        self._repair_lock = threading.Lock()
        self._checked = 0.0         # time.monotonic() when a suspicion last proved wrong

    def start(self):
        """Check the index quickly, catch up once now (in the background if
        that means indexing all of a big site again), then keep following
        (and check every checksum first)."""
        self._check(full=False)
        if not self._big_rebuild():
            self.follow()
        if self.interval > 0:
            self._thread = threading.Thread(target=self._run, name='camra-search-follower', daemon=True)
            self._thread.start()
        return self

    @property
    def repairing(self):
        """Whether a check or rebuild started by ``suspect`` is running."""
        return self._repair is not None and self._repair.is_alive()

    def suspect(self):
        """Reading the index failed, or it lost its state: check it in the
        background and rebuild it if damaged (at most one check at a time,
        and a sound index again only after ``RECHECK_AFTER`` seconds)."""
        with self._repair_lock:
            if self.repairing or time.monotonic() - self._checked < RECHECK_AFTER:
                return
            self._repair = threading.Thread(target=self._check_and_follow, name='camra-search-repair',
                                            daemon=True)
            self._repair.start()

    def _check_and_follow(self):
        if not self._check(full=True):
            self._checked = time.monotonic()
        self.follow()

    def _check(self, full):
        """Rebuild from scratch (when ``follow`` next runs) if the index is
        damaged; return whether it was."""
        try:
            found = self.index.problems(full=full)
        except IndexBusy:
            return False
        if not found:
            return False
        log.error('search index %s is damaged, rebuilding it: %s', self.index.path, '; '.join(found))
        try:
            self.index.reset()
        except Exception:
            log.exception('search index: could not reset %s', self.index.path)
        return True

    def stop(self):
        self._stopped.set()
        self._wake.set()
        for thread in (self._thread, self._repair):
            if thread is not None:
                thread.join(timeout=30)

    def follow(self, timeout=5.0, most=None):
        """Catch up once; return the report, or None if that failed (logged)
        or would write more than ``most`` documents (the thread does it now)."""
        try:
            report = catch_up(self.db, self.index, timeout=timeout, most=most)
        except sync.TooMany:
            self._wake.set()
            return None
        except IndexBusy:
            log.info('search index busy; will catch up later')
            return None
        except TransientError as exc:       # the database out of reach (a ZEO server restarting)
            log.warning('search index: the database did not answer (%s); will catch up later', exc)
            return None
        except IndexUnreadable as exc:      # the index's own database out of reach (PostgreSQL)
            log.warning('search index %s did not answer (%s); will catch up later', self.index.path, exc)
            return None
        except Exception:
            log.exception('search index: catching up failed; will check it and retry')
            self.suspect()
            return None
        if report.kind != 'current':
            log.info('search index: %s, %d transactions, %d documents',
                     report.kind, report.transactions, report.documents)
        return report

    def _run(self):
        words.warm_up()     # in this thread: start-up does not wait for it
        if self._check(full=True):
            self.follow()
        verified = time.monotonic()
        # Every round, even with no new transaction: a scheduled time may
        # have come (catching up when nothing is due costs a file read).
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            if self._stopped.is_set():
                return
            if self.verify_every and time.monotonic() - verified > self.verify_every:
                verified = time.monotonic()
                self._check(full=True)
            self.follow()

    def _big_rebuild(self):
        try:
            if not sync.needs_rebuild(self.db, self.index, changes.changed_paths):
                return False
        except IndexUnreadable as exc:      # out of reach at start: the thread keeps trying
            log.warning('search index %s did not answer (%s); will catch up later', self.index.path, exc)
            return True
        with sync.connection(self.db) as conn:
            site = conn.root().get(APP_ROOT)
            return site is not None and searchable.count(site) > STARTUP_REBUILD_LIMIT


def start(registry, db):
    """Start following ``db`` with this app's index (``search.interval``
    seconds between checks; 0 only catches up after requests)."""
    interval = float(registry.settings.get('search.interval') or 0)
    verify_hours = float(registry.settings.get('search.verify_hours') or 0)
    registry.search_follower = Follower(db, registry.search_index, interval, verify_hours).start()
    return registry.search_follower
