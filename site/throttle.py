"""Throttling: after too many events of one key, refuse for a while.

Logins count their failures, searches every search that had to be run
(``camra.site.views.search``): per key, in this process's memory, over a
sliding window. The login view counts a wrong password against the account *and
the address it came from*, and an unknown name against the address, so that
nobody's failures lock out anyone else (``camra.site.views.auth.login``).
The address is the reader's own only when the reverse proxy in front is
trusted (``proxy.trusted``); otherwise every reader has the proxy's.
Several processes each keep their own count: an attacker gets at most
``limit`` tries per process.
"""
import threading
import time


class Throttle:
    """At most ``limit`` events per key within ``window`` seconds."""

    def __init__(self, limit=5, window=900, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._failures = {}
        self._lock = threading.Lock()

    def wait(self, *keys):
        """Seconds until the keys may try again (0: they may now)."""
        now = self.clock()
        with self._lock:
            waits = [self._recent(key, now) for key in keys]
        return max([0] + [round(times[0] + self.window - now) + 1
                          for times in waits if len(times) >= self.limit])

    def count(self, *keys):
        """Count an event (a failed login, a search) against each key."""
        now = self.clock()
        with self._lock:
            for key in keys:
                self._failures[key] = self._recent(key, now) + [now]

    def forget(self, *keys):
        """Forget the keys' events (a login that succeeded)."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _recent(self, key, now):
        recent = [t for t in self._failures.get(key, ()) if now - t < self.window]
        if recent:
            self._failures[key] = recent
        else:
            self._failures.pop(key, None)
        return recent
