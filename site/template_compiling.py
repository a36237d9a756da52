"""Templates are compiled one at a time.

Chameleon compiles a template (and each macro file it loads) the first time
it is used, in the thread of the request that uses it. CPython 3.11 keeps
the AST converter's recursion depth in state shared by all threads, so two
threads compiling at once can fail with "SystemError: AST constructor
recursion depth mismatch" (CPython gh-106905): a 500 for a visitor, seen
under the soak's load just after start. Compiling is rare (once per
template and process), so one lock costs nothing after the first pages.
"""
import threading

from chameleon.template import BaseTemplate

_LOCK = threading.RLock()
_cook = BaseTemplate._cook


def _cook_alone(self, *args, **kwargs):
    with _LOCK:
        return _cook(self, *args, **kwargs)


def includeme(config):
    """Compile Chameleon's templates under one lock."""
    BaseTemplate._cook = _cook_alone
