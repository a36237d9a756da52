"""Search benchmark: index and query generated corpora of 1,000 to 100,000 items.

    .venv/bin/python bench/search.py                  # 1,000, 10,000 and 100,000 items
    .venv/bin/python bench/search.py --sizes 1000     # a quick smoke run
    .venv/bin/python bench/search.py --backend postgres   # the index in PostgreSQL

With ``--backend postgres`` the index is in a PostgreSQL server of the
benchmark's own (``camra.site.local_postgres``, in a temporary folder, a
database for each size); its CPU column then adds the server's processes'.
"searcher MB" is the peak memory of a new process that searches the index
(the whole query set): what each app process adds for search.

Items are news items whose titles and bodies are sentences drawn from the
seed documents (``tests/seeds`` or ``CAMRA_SEEDS``), about 1.7 KB of
text each, stored in a real FileStorage. For each size it prints: the full
rebuild through ``camra.site.indexing.rebuild`` (ZODB read + multi-process
Whoosh writer) in items/s and MB/s, the index size, warm query latency p50 and
p95 over a mixed query set, the first query of a cold process, the time from
a commit to the item being found (catch-up + query), and peak memory.
Compare figures as ratios within one run: the machine is shared.
"""
import argparse
import contextlib
import datetime
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import transaction

from camra.content.database import open_database
from camra.content.news import NewsItem
from camra.content.root import APP_ROOT, bootstrap
from camra.search.index import SearchIndex
from camra.search.pg_index import PgSearchIndex
from camra.search.results import search
from camra.site import indexing
from camra.site.local_postgres import temporary_server

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get('CAMRA_SEEDS', ROOT / 'tests' / 'seeds'))
FIXED_QUERIES = ['汽修大讲堂', 'VOC排放', '安全生产培训', '结对帮扶', '绿色维修', '会员服务',
                 'T/CAMRA 002-2016', '010-63313302', '车', '"客户满意度" -调查', '怎么办理入会']


def sentences():
    """Sentences of the seed texts (at least 8 characters each)."""
    text = '\n'.join(p.read_text(encoding='utf-8') for p in sorted(SEEDS.glob('*.txt')))
    text = re.sub(r'\[bookmark:[^\]]*\]', '', text)
    parts = re.split(r'(?<=[。！？；])|\n', text)
    return [p.strip() for p in parts if len(p.strip()) >= 8]


def build_database(path, size, pool, rng, uri=None):
    """A FileStorage in ``path`` (or the database at ``uri``) with ``size``
    generated news items; returns it and the text MB."""
    db = open_database(uri or f'file://{path}/Data.fs?blobstorage_dir={path}/blobs')
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    site, _ = bootstrap(conn.root())
    news = site['news']
    chars = 0
    start = datetime.date(2015, 1, 1)
    for i in range(size):
        body = []
        while sum(len(s) for s in body) < 570:
            body.append(rng.choice(pool))
        title = rng.choice(pool)[:40]
        text = '\n\n'.join(body)
        chars += len(title.encode()) + len(text.encode())
        news.add(f'n{i}', NewsItem(title=title, body=text, date=start + datetime.timedelta(days=i % 4000)))
        if i % 5000 == 4999:
            tm.commit()
    tm.commit()
    conn.close()
    return db, chars / 1e6


def query_set(pool, rng, count=200):
    """Fixed queries plus substrings of seed sentences (2 to 6 characters)."""
    queries = list(FIXED_QUERIES)
    while len(queries) < count:
        s = rng.choice(pool)
        n = rng.randint(2, 6)
        i = rng.randint(0, max(0, len(s) - n))
        queries.append(s[i:i + n])
    return queries


def searching_process(opening, queries):
    """A new interpreter that opens the index (``opening``: Python code
    making ``index``) and searches: ``(seconds to its first answer,
    its peak memory in MB after all of ``queries``)``."""
    code = ('import sys, time; t = time.perf_counter()\n'
            'from camra.search.results import search\n'
            f'{opening}\n'
            'search(index, "会员服务")\n'
            'print(time.perf_counter() - t)\n'
            'for q in sys.stdin.read().splitlines(): search(index, q)\n'
            # VmHWM: ru_maxrss would count the benchmark's memory, copied at fork.
            'print(int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024)')
    out = subprocess.run([sys.executable, '-c', code], input='\n'.join(queries), capture_output=True,
                         text=True, check=True)
    first, peak = out.stdout.split()
    return float(first), float(peak)


def publish_to_found(db, index):
    """Seconds from a commit of a new item to it being found."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    conn.root()[APP_ROOT]['news'].add('fresh', NewsItem(title='刚刚发布的基准测试资讯', date=datetime.date.today()))
    tm.commit()
    conn.close()
    start = time.perf_counter()
    indexing.catch_up(db, index)
    assert search(index, '刚刚发布的基准测试').hits[0].name == 'fresh'
    return time.perf_counter() - start


def folder_mb(path):
    return sum(f.stat().st_size for f in Path(path).iterdir()) / 1e6


class Whoosh:
    """The embedded backend: an index folder."""

    def __init__(self, tmp, size):
        self.index = SearchIndex(os.path.join(tmp, 'index'))
        self.opening = f'from camra.search.index import SearchIndex; index = SearchIndex({self.index.path!r})'

    def megabytes(self):
        return folder_mb(self.index.path)

    def server_cpu(self):
        return 0.0

    def close(self):
        self.index.close()


class Postgres:
    """The shared backend: a new database on ``server`` (a LocalPostgres)."""

    def __init__(self, server, size):
        self.server, self.name = server, f'camra_bench_{size}'
        server.create_database(self.name)
        dsn = server.dsn(self.name)
        self.index = PgSearchIndex(dsn)
        self.opening = f'from camra.search.pg_index import PgSearchIndex; index = PgSearchIndex({dsn!r})'

    def megabytes(self):
        with self.index.connection() as conn, conn.cursor() as cur:
            cur.execute("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                        "WHERE c.relname LIKE 'camra_search_%' AND c.relkind = 'r'")
            return float(cur.fetchone()[0]) / 1e6

    def server_cpu(self):
        return server_cpu(self.server)

    def close(self):
        self.index.close()
        self.server.drop_database(self.name)


def server_cpu(server):
    """CPU seconds of a LocalPostgres ``server`` and every process it
    started (ended ones included, as the server reaped them)."""
    with open(os.path.join(server.data, 'postmaster.pid')) as f:
        postmaster = int(f.readline())
    return sum(process_cpu(pid) for pid in [postmaster] + _children(postmaster))


def process_cpu(pid):
    """CPU seconds of ``pid`` and its ended children (0 if it is gone)."""
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / os.sysconf('SC_CLK_TCK')     # utime stime cutime cstime


def _children(pid):
    """The processes ``pid`` started that still run (the kernel's own list)."""
    with open(f'/proc/{pid}/task/{pid}/children') as f:
        return [int(child) for child in f.read().split()]


def cpu_seconds():
    """CPU seconds of this process and its ended children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(size, procs, pool, server=None):
    rng = random.Random(size)
    with tempfile.TemporaryDirectory(prefix='camra-bench-') as tmp:
        db, text_mb = build_database(tmp, size, pool, rng)
        backend = Postgres(server, size) if server else Whoosh(tmp, size)
        index = backend.index
        start, cpu, pg_cpu = time.perf_counter(), cpu_seconds(), backend.server_cpu()
        report = indexing.rebuild(db, index, procs=procs)
        took = time.perf_counter() - start
        cpu = cpu_seconds() - cpu + backend.server_cpu() - pg_cpu
        assert report.documents == size
        queries = query_set(pool, rng)
        for text in queries[:20]:
            search(index, text)          # warm the OS cache and Python
        times = []
        for text in queries:
            t = time.perf_counter()
            search(index, text)
            times.append(time.perf_counter() - t)
        times.sort()
        cold_query, searcher_mb = searching_process(backend.opening, queries)
        fresh = publish_to_found(db, index)
        index_mb = backend.megabytes()
        backend.close()
        db.close()
        return {
            'items': size, 'text MB': text_mb, 'reindex s': took, 'items/s': size / took,
            'MB/s': text_mb / took, 'index CPU s': cpu, 'index MB': index_mb,
            'p50 ms': statistics.median(times) * 1000, 'p95 ms': times[int(len(times) * 0.95)] * 1000,
            'cold s': cold_query, 'publish→found s': fresh,
            'searcher MB': searcher_mb,
            'peak MB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            'peak child MB': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='1000,10000,100000')
    parser.add_argument('--procs', type=int, default=os.cpu_count() or 1)
    parser.add_argument('--backend', choices=('whoosh', 'postgres'), default='whoosh')
    args = parser.parse_args(argv)
    pool = sentences()
    print(f'{len(pool)} seed sentences; {args.backend}; {args.procs} indexing processes', flush=True)
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(temporary_server()) if args.backend == 'postgres' else None
        rows = [measured(run(int(size), args.procs, pool, server)) for size in args.sizes.split(',')]
    keys = list(rows[0])
    print('\n| ' + ' | '.join(keys) + ' |')
    print('|' + '---|' * len(keys))
    for row in rows:
        print('| ' + ' | '.join(f'{row[k]:.2f}' if isinstance(row[k], float) else str(row[k]) for k in keys) + ' |')


def measured(row):
    print(' '.join(f'{k}={v:.2f}' if isinstance(v, float) else f'{k}={v}' for k, v in row.items()), flush=True)
    return row


if __name__ == '__main__':
    main()
