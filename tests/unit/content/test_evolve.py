"""Evolve steps: each pending one once, in order, in its own transaction."""
import types

import transaction

from camra.content import changes, evolve


def test_evolve_runs_pending_steps_once_in_order():
    tm = transaction.TransactionManager()
    calls = []
    steps = [(n, types.SimpleNamespace(__doc__=f'step {n}', evolve=lambda site, n=n: calls.append((n, tm.get().extension))))
             for n in (1, 2, 3)]
    zodb_root, site = {}, object()
    zodb_root[evolve.KEY] = 1
    assert evolve.run(zodb_root, site, steps, tm) == [2, 3]
    assert [n for n, _ in calls] == [2, 3] and zodb_root[evolve.KEY] == 3
    # Each step ran in its own committed transaction, noted and marked as
    # changing the whole site for the search index.
    first, second = (extension for _, extension in calls)
    assert first is not second
    assert changes.changed_paths(first) == ['/'] and changes.changed_paths(second) == ['/']
    assert evolve.run(zodb_root, site, steps, tm) == []
    # A step that changes nothing search sees spares the index a rebuild.
    quiet = types.SimpleNamespace(__doc__='step 4', REINDEX=False,
                                  evolve=lambda site: calls.append((4, tm.get().extension)))
    assert evolve.run(zodb_root, site, steps + [(4, quiet)], tm) == [4]
    assert changes.changed_paths(calls[-1][1]) == []
    fresh = {}
    evolve.mark_all_done(fresh, steps)
    assert fresh[evolve.KEY] == 3
