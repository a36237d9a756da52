"""Writer processes that die with the process that started them.

Whoosh's multi-process writer forks its workers. Killed, the parent (``camra
reindex``, a big ``camra import``) would leave them running, holding what
they inherited (the database's lock among it) until someone found them. On
Linux each forked child asks the kernel to kill it when its parent dies
(``PR_SET_PDEATHSIG``); elsewhere nothing changes.
"""
import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
_registered = False
_parent = None


def die_with_parent():
    """From now on, every child this process forks is killed when it exits."""
    global _registered
    if not _registered and sys.platform.startswith('linux'):
        os.register_at_fork(before=_note_parent, after_in_child=_ask_kernel)
        _registered = True


def _note_parent():
    global _parent
    _parent = os.getpid()


def _ask_kernel():
    libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6', use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != _parent:
        os._exit(1)         # the parent died before the kernel was asked
