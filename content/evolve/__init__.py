"""Numbered evolve steps: how stored objects follow changes of the code.

A step is a module ``stepNNN_what.py`` in this package with a function
``evolve(site)``. ``run`` applies the steps a database has not had yet, in
order, each in its own transaction with a note; a new database is marked
as having had them all (it is built by the current code).

A step is marked as changing the whole site, so every process's search
index is rebuilt after it, unless its module says ``REINDEX = False``: a
step that changes nothing search sees, which spares a big site that
rebuild.
"""
import importlib
import pkgutil
import re

import transaction

from camra.content.changes import record_everything

KEY = 'camra.evolve.done'
_STEP = re.compile(r'^step(\d{3})_\w+$')


def available_steps():
    """``[(number, module)]`` of every step in this package, in order."""
    steps = []
    for info in pkgutil.iter_modules(__path__):
        match = _STEP.match(info.name)
        if match:
            steps.append((int(match[1]), importlib.import_module(f'{__name__}.{info.name}')))
    return sorted(steps, key=lambda s: s[0])


def mark_all_done(zodb_root, steps=None):
    """Record every step as done (for a database the current code just built)."""
    steps = available_steps() if steps is None else steps
    zodb_root[KEY] = max((n for n, _ in steps), default=0)


def run(zodb_root, site, steps=None, tm=None):
    """Apply pending ``steps`` to ``site``; return the numbers applied.

    Each step commits on its own with the note ``camra evolve step N``, so an
    interrupted run resumes where it stopped.
    """
    steps = available_steps() if steps is None else steps
    tm = tm or transaction.manager
    done = zodb_root.get(KEY, 0)
    applied = []
    for number, module in steps:
        if number <= done:
            continue
        module.evolve(site)
        zodb_root[KEY] = number
        if getattr(module, 'REINDEX', True):
            record_everything(tm.get())
        tm.get().note(f'camra evolve step {number}: {(module.__doc__ or "").strip()}')
        tm.commit()
        applied.append(number)
    return applied
