"""The time by which content is judged: stamped, scheduled, expired.

Everything in ``content`` asks ``now()`` here, so tests (and a rehearsal
of a publication schedule) can move time with ``set_clock`` without
waiting for it.
"""
import datetime

_source = None


def now():
    """The current time, timezone-aware UTC."""
    return _source() if _source is not None else datetime.datetime.now(datetime.timezone.utc)


def set_clock(source):
    """Make ``source()`` the current time (None: the real clock again)."""
    global _source
    _source = source


def in_window(publish_at, expire_at, when):
    """Whether ``when`` lies in the publication window from ``publish_at``
    to before ``expire_at`` (either may be None: no limit)."""
    return (publish_at is None or when >= publish_at) and (expire_at is None or when < expire_at)
