"""Connections to the search index's PostgreSQL database, kept open for reuse."""
import threading

from .index import IndexBusy


class Pool:
    """At most ``most`` connections to ``dsn`` (autocommit), kept open once
    made (psycopg2's own pools close every one beyond their minimum)."""

    def __init__(self, dsn, most):
        self.dsn = dsn
        self._idle = []
        self._slots = threading.BoundedSemaphore(most)
        self._lock = threading.Lock()

    def get(self):
        """An idle connection, or a new one; raises ``IndexBusy`` when all
        are in use for 10 seconds."""
        import psycopg2
        if not self._slots.acquire(timeout=10):
            raise IndexBusy('PostgreSQL: every connection in use')
        with self._lock:
            if self._idle:
                return self._idle.pop()
        try:
            conn = psycopg2.connect(self.dsn, connect_timeout=5)
        except BaseException:
            self._slots.release()
            raise
        conn.autocommit = True
        return conn

    def put(self, conn, close=False):
        """Give back ``conn`` (closed, when ``close`` or broken)."""
        if close or conn.closed:
            conn.close()
        else:
            with self._lock:
                self._idle.append(conn)
        self._slots.release()

    def close(self):
        """Close the idle connections (those in use close when given back)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
