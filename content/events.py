"""Subscribers to the site's writes: each executed action is an event.

``subscribe(Transition, handler)`` calls ``handler(action)`` after every
``Transition`` action has written (in the same transaction: a handler that
sends mail should join it, so nothing goes out for a write that rolls back).
A subscriber registered for ``Action`` hears every action.
"""
_SUBSCRIBERS = []


def subscribe(kind, handler):
    """Call ``handler(action)`` after every action that is a ``kind``."""
    _SUBSCRIBERS.append((kind, handler))


def unsubscribe(kind, handler):
    """Undo ``subscribe(kind, handler)``."""
    _SUBSCRIBERS.remove((kind, handler))


def notify(action):
    """Tell every subscriber of ``action``'s kind that it was executed."""
    for kind, handler in list(_SUBSCRIBERS):
        if isinstance(action, kind):
            handler(action)
