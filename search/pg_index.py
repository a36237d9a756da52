"""The search index in PostgreSQL: one index that every app process shares.

Same interface as ``camra.search.index.SearchIndex`` (the follower, the
commands and results use either). Tables, all named ``camra_search_*``:

- ``docs``: one row per document: its path, stored fields (jsonb), packed
  facts (``camra.search.pg_text.FACTS``) and a weighted ``tsvector`` with a
  GIN index, which quoted phrases are matched on (``<->``);
- ``postings``: each term's documents and frequencies, field by field, as
  arrays in chunks (one per batch that added documents holding it, merged
  when they pile up), which ranking reads whole, as it reads Whoosh's;
- ``deleted``: the numbers of documents deleted, in order, so that each
  process brings its arrays up to date by reading only what changed;
- ``state``: the one row with the transaction the index reflects, the
  schedule, the generation (counts full rebuilds) and the next document
  number.

A document number is never reused within a generation: a changed document
is deleted and added again under a new number. Exactly one process writes at
a time, holding a PostgreSQL advisory lock; a batch is one transaction, so
a process that dies half-way leaves nothing, and whoever writes next catches
up from the state's transaction: nothing lost, nothing doubled.
"""
import contextlib
import json
import threading
import time

from .fields import SCHEMA_VERSION
from .index import IndexBusy, IndexUnreadable
from .pg_batch import Batch
from .pg_pool import Pool
from .postings import ArrayCache

# The layout of the tables below: another one is dropped and made anew.
LAYOUT = 1
LOCK_KEY = 0x63616d72   # 'camr': the advisory lock of the one writer

TABLES = f"""
CREATE TABLE IF NOT EXISTS camra_search_state (
    id int PRIMARY KEY CHECK (id = 1),
    layout int NOT NULL,
    schema int NOT NULL,
    tid bytea,
    schedule jsonb NOT NULL DEFAULT '{{}}',
    passed double precision NOT NULL DEFAULT 0,
    generation bigint NOT NULL DEFAULT 1,
    next_docnum int NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS camra_search_docs (
    docnum int PRIMARY KEY,
    path text COLLATE "C" NOT NULL,
    stored jsonb NOT NULL,
    facts bytea NOT NULL,
    tsv tsvector NOT NULL);
CREATE INDEX IF NOT EXISTS camra_search_docs_path ON camra_search_docs (path);
CREATE INDEX IF NOT EXISTS camra_search_docs_tsv ON camra_search_docs USING gin (tsv);
CREATE TABLE IF NOT EXISTS camra_search_postings (
    field text COLLATE "C" NOT NULL,
    term text COLLATE "C" NOT NULL,
    first int NOT NULL,
    last int NOT NULL,
    docnums bytea NOT NULL,
    freqs bytea NOT NULL,
    PRIMARY KEY (field, term, first));
CREATE TABLE IF NOT EXISTS camra_search_deleted (
    seq bigserial PRIMARY KEY,
    docnum int NOT NULL);
CREATE TABLE IF NOT EXISTS camra_search_values (
    field text NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (field, value));
INSERT INTO camra_search_state (id, layout, schema) VALUES (1, {LAYOUT}, 0) ON CONFLICT DO NOTHING;
"""
DROP = ('DROP TABLE IF EXISTS camra_search_state, camra_search_docs, camra_search_postings, '
        'camra_search_deleted, camra_search_values')
# DELETE, not TRUNCATE: searches keep reading the old rows until a rebuild
# commits (TRUNCATE would lock every reader out for all of it).
CLEAR = ('DELETE FROM camra_search_docs; DELETE FROM camra_search_postings; '
         'DELETE FROM camra_search_deleted; DELETE FROM camra_search_values')


class PgSearchIndex:
    """The index in the PostgreSQL database at ``dsn`` (a libpq string or
    ``postgresql://`` URL), its tables made on first use. ``cache_mb``
    bounds the postings this process keeps as arrays."""

    def __init__(self, dsn, cache_mb=256, connections=16):
        self.dsn = dsn
        self.path = 'PostgreSQL ' + _described(dsn)     # what logs and messages name
        self.cache = ArrayCache(int(cache_mb * 1024 * 1024))
        self._max = connections
        self._pool = None
        self._lock = threading.RLock()      # this process's writer; the advisory lock: all processes'
        self._writer = None                 # the connection holding the advisory lock
        self._depth = 0
        self._made = False
        self.snapshot = None                # the latest ``pg_view.Snapshot`` read

    # -- connections ----------------------------------------------------------
    @contextlib.contextmanager
    def connection(self):
        """A pooled connection (autocommit) for this block."""
        if self._pool is None:
            with self._lock:
                if self._pool is None:
                    self._pool = Pool(self.dsn, self._max)
        pool = self._pool
        conn = pool.get()
        broken = False
        try:
            if not self._made:
                self._make(conn)
            yield conn
        except BaseException:
            broken = conn.closed or _rollback_failed(conn)
            raise
        finally:
            pool.put(conn, close=broken)

    def _make(self, conn):
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass('camra_search_state')")
            if cur.fetchone()[0]:
                cur.execute('SELECT layout FROM camra_search_state')
                row = cur.fetchone()
                if row and row[0] == LAYOUT:
                    self._made = True
                    return
            # Tables of another layout (or none): made anew by the one writer.
            cur.execute('SELECT pg_advisory_lock(%s)', (LOCK_KEY,))
            try:
                cur.execute("SELECT to_regclass('camra_search_state')")
                if cur.fetchone()[0]:
                    cur.execute('SELECT layout FROM camra_search_state')
                    row = cur.fetchone()
                    if not row or row[0] != LAYOUT:
                        cur.execute(DROP)
                cur.execute(TABLES)
            finally:
                cur.execute('SELECT pg_advisory_unlock(%s)', (LOCK_KEY,))
        self._made = True

    def close(self):
        """Close every pooled connection (the app closing); a later search
        opens new ones."""
        with self._lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
            if self._depth == 0:
                self._drop_writer()

    # -- state ------------------------------------------------------------------
    def _state(self):
        with self._reading() as conn, conn.cursor() as cur:
            cur.execute('SELECT schema, tid, schedule, passed FROM camra_search_state')
            return cur.fetchone() or (0, None, {}, 0)     # no row (emptied by hand): a new index

    @property
    def tid(self):
        schema, tid, _, _ = self._state()
        return bytes(tid) if schema == SCHEMA_VERSION and tid else None

    @property
    def schedule(self):
        """``{path: POSIX seconds}``: when items must be looked at again."""
        return self.times()[0]

    @property
    def passed(self):
        """The latest scheduled time (POSIX seconds) already acted on, 0 if none."""
        return self.times()[1]

    def times(self):
        """``(schedule, passed, tid as hex)`` read at once."""
        schema, tid, schedule, passed = self._state()
        if schema != SCHEMA_VERSION or not tid:
            return {}, passed or 0, ''
        return dict(schedule or {}), passed or 0, bytes(tid).hex()

    @contextlib.contextmanager
    def _reading(self):
        try:
            with self.connection() as conn:
                yield conn
        except Exception as exc:
            if _is_database_error(exc):
                raise IndexUnreadable(f'{type(exc).__name__}: {exc}'.strip()) from exc
            raise

    # -- damage -------------------------------------------------------------------
    def problems(self, full=True, timeout=5.0):
        """Nothing for this backend to find: PostgreSQL keeps its own data
        whole (checksums, write-ahead log); an unreachable server is
        ``IndexUnreadable`` when searching."""
        return []

    def reset(self, timeout=5.0):
        """Empty the index (``tid`` None), to be rebuilt."""
        with self.updating(timeout), self._transaction() as cur:
            cur.execute(CLEAR)
            cur.execute('UPDATE camra_search_state SET tid = NULL, schedule = %s, passed = 0, '
                        'generation = generation + 1, next_docnum = 0', ('{}',))

    # -- reading --------------------------------------------------------------------
    @contextlib.contextmanager
    def searcher(self):
        """A ``pg_view.Searcher``: one consistent snapshot of the index for
        a search. Raises ``IndexUnreadable`` when the server cannot be read."""
        from .pg_view import Searcher
        with self._reading() as conn, conn.cursor() as cur:
            cur.execute('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
            try:
                yield Searcher(self, cur)
            finally:
                cur.execute('ROLLBACK')

    def view(self, searcher):
        """The arrays of ``searcher``'s snapshot (``pg_view.View``)."""
        return searcher.view()

    # -- writing --------------------------------------------------------------------
    @contextlib.contextmanager
    def updating(self, timeout=5.0):
        """Be the one writer of every process (re-entrant): this process's
        lock, then PostgreSQL's advisory lock; ``IndexBusy`` after ``timeout``."""
        if not self._lock.acquire(timeout=timeout):
            raise IndexBusy(self.path)
        try:
            if self._depth == 0:
                self._lock_writer(timeout)
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._unlock_writer()
        finally:
            self._lock.release()

    def _lock_writer(self, timeout):
        """Take the advisory lock on the writer's own connection (kept for
        the next time; closing it, or the process dying, lets go of the lock)."""
        import psycopg2
        try:
            if not self._made:
                with self.connection():     # tables made before anything is written
                    pass
            if self._writer is None or self._writer.closed:
                self._writer = psycopg2.connect(self.dsn, connect_timeout=5)
                self._writer.autocommit = True
            deadline = time.monotonic() + timeout
            with self._writer.cursor() as cur:
                while True:
                    cur.execute('SELECT pg_try_advisory_lock(%s)', (LOCK_KEY,))
                    if cur.fetchone()[0]:
                        return
                    if time.monotonic() >= deadline:
                        raise IndexBusy(self.path)
                    time.sleep(0.05)
        except psycopg2.Error as exc:
            self._drop_writer()
            raise IndexUnreadable(f'{type(exc).__name__}: {exc}'.strip()) from exc

    def _unlock_writer(self):
        import psycopg2
        try:
            with self._writer.cursor() as cur:
                cur.execute('SELECT pg_advisory_unlock(%s)', (LOCK_KEY,))
        except psycopg2.Error:
            self._drop_writer()         # closing it lets go of the lock too

    def _drop_writer(self):
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    @contextlib.contextmanager
    def _transaction(self):
        cur = self._writer.cursor()
        cur.execute('BEGIN')
        try:
            yield cur
        except BaseException:
            if not self._writer.closed:
                cur.execute('ROLLBACK')
            raise
        cur.execute('COMMIT')
        cur.close()

    @contextlib.contextmanager
    def batch(self, tid, timeout=5.0, clear=False, procs=1, schedule=None, passed=None):
        """Write changes, then record ``tid`` as reflected, ``schedule`` and
        ``passed``, in one transaction: all or nothing (as
        ``SearchIndex.batch``; ``procs`` is not used: documents are
        analysed here and PostgreSQL writes them)."""
        with self.updating(timeout), self._transaction() as cur:
            cur.execute('SELECT schedule, passed, generation, next_docnum FROM camra_search_state FOR UPDATE')
            old_schedule, old_passed, generation, next_docnum = cur.fetchone()
            if clear:
                cur.execute(CLEAR)
                generation, next_docnum = generation + 1, 0
            changes = Batch(cur, next_docnum, passed, everything=clear)
            yield changes
            next_docnum = changes.finish()
            cur.execute('UPDATE camra_search_state SET schema = %s, tid = %s, schedule = %s, passed = %s, '
                        'generation = %s, next_docnum = %s',
                        (SCHEMA_VERSION, tid, json.dumps(old_schedule if schedule is None else schedule),
                         old_passed if changes.passed is None else changes.passed, generation, next_docnum))


def _described(dsn):
    """The database and host of ``dsn``, without its password."""
    try:
        from psycopg2.extensions import parse_dsn
        parts = parse_dsn(dsn)
    except Exception:       # noqa: BLE001 - only for messages
        return '(?)'
    return f"{parts.get('dbname', '?')}@{parts.get('host', 'localhost')}:{parts.get('port', 5432)}"


def _is_database_error(exc):
    try:
        import psycopg2
    except ImportError:
        return False
    return isinstance(exc, psycopg2.Error)


def _rollback_failed(conn):
    try:
        conn.rollback()
        return False
    except Exception:       # noqa: BLE001 - the connection is beyond use: closed, not pooled
        return True
