"""Relevance benchmark: does search put the right document in the first three?

Builds the look-alike corpus of ``bench/corpus.py`` (a copy of
``../shared/corpus.py``: the seeds' handbook sections ``hb-…``, report sections
``nb-…``, directory entries ``dir-…``, and N distractor notices ``syn-…``
recombined from the seeds' own sentences), imports it with ``camra import``
into a temporary data folder, and runs the judged queries of
``bench/queries.tsv`` through the search engine as the site runs it (type
weights and synonyms from the default settings). Prints, per kind of query
and overall, success@3 (a right id in the first three) and MRR@10, and the
query times (p50, p95). For a mistyped query, what counts is the page the
visitor reaches by following "did you mean".

    .venv/bin/python bench/relevance.py --sizes 0,2000,20000 [--show] [--backend postgres]

With ``--backend postgres`` the site's index is in a PostgreSQL server of the
benchmark's own (``search.backend = postgres``), a database for each size.
"""
import argparse
import collections
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get('CAMRA_SEEDS', ROOT / 'tests' / 'seeds'))


def judged():
    """``[(kind, query, {ids})]`` from ``bench/queries.tsv``."""
    rows = []
    for line in (ROOT / 'bench' / 'queries.tsv').read_text(encoding='utf-8').splitlines():
        if line.strip() and not line.startswith('#'):
            kind, query, ids = line.split('\t')
            rows.append((kind, query, set(ids.split(','))))
    return rows


def build(var, size):
    """Import the corpus with ``size`` distractors into ``var``; returns
    ``(ids in the corpus, seconds)``."""
    corpus = Path(var) / 'corpus.jsonl'
    subprocess.run([sys.executable, str(ROOT / 'bench' / 'corpus.py'), str(SEEDS), str(corpus), str(size)],
                   check=True, capture_output=True)
    import json
    ids = {json.loads(line)['id'] for line in corpus.read_text(encoding='utf-8').splitlines()}
    from camra.site.cli import main as cli
    os.environ['CAMRA_VAR'] = var
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert cli(['import', str(corpus)]) == 0
    return ids, time.perf_counter() - started


def run(size, show, server=None):
    from camra.search.results import search
    from camra.site import indexing, settings
    weights = indexing.type_weights(settings.DEFAULTS)
    with tempfile.TemporaryDirectory(prefix='camra-relevance-') as var:
        chosen = {'search.backend': 'whoosh', 'search.index': os.path.join(var, 'index')}
        if server is not None:
            name = f'camra_relevance_{size}'
            server.create_database(name)
            chosen = {'search.backend': 'postgres', 'search.postgres': server.dsn(name)}
        os.environ.update({'CAMRA_' + k.upper().replace('.', '_'): v for k, v in chosen.items()})
        present, seconds = build(var, size)
        index = indexing.make_index(chosen)
        scores, times = collections.defaultdict(list), []
        for kind, query, wanted in judged():
            if not wanted & present:
                continue
            started = time.perf_counter()
            found = search(index, query, page_size=10, weights=weights)
            times.append(time.perf_counter() - started)
            if kind == 'typo' and found.suggestion:
                found = search(index, found.suggestion, page_size=10, weights=weights)
            names = [hit.name for hit in found.hits]
            rank = next((i for i, name in enumerate(names, 1) if name in wanted), None)
            scores[kind].append((rank is not None and rank <= 3, 1 / rank if rank else 0.0))
            if show and (rank is None or rank > 3):
                print(f'  miss [{kind}] {query}: wanted {sorted(wanted)}, got {names[:5]}'
                      + (f' (suggested {found.query.text})' if kind == 'typo' else ''))
        index.close()
        if server is not None:
            server.drop_database(name)
    return scores, times, len(present), seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='0,2000,20000', help='numbers of distractor notices')
    parser.add_argument('--show', action='store_true', help='print the queries that miss the first three')
    parser.add_argument('--backend', choices=('whoosh', 'postgres'), default='whoosh')
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        server = None
        if args.backend == 'postgres':
            from camra.site.local_postgres import temporary_server
            server = stack.enter_context(temporary_server())
        report(args, server)


def report(args, server):
    """Print the table, size by size."""
    print(f'{args.backend}:\n')
    print('| distractors | documents | import s | items/s | kind | queries | success@3 | MRR@10 |')
    print('|---|---|---|---|---|---|---|---|')
    for size in (int(s) for s in args.sizes.split(',')):
        scores, times, documents, seconds = run(size, args.show, server)
        every = [s for kind in scores for s in scores[kind]]
        for kind in sorted(scores) + ['all']:
            rows = every if kind == 'all' else scores[kind]
            hits = sum(1 for ok, _ in rows if ok) / len(rows)
            mrr = sum(r for _, r in rows) / len(rows)
            print(f'| {size} | {documents} | {seconds:.1f} | {documents / seconds:.0f} | {kind} | {len(rows)} '
                  f'| {hits:.2f} | {mrr:.2f} |', flush=True)
        ms = sorted(t * 1000 for t in times)
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        print(f'| {size} | | | | query ms p50 / p95 | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} |',
              flush=True)


if __name__ == '__main__':
    main()
