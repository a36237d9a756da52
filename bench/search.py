"""Search benchmark: index and query generated corpora of 1,000 to 100,000 items.

    .venv/bin/python bench/search.py                  # 1,000, 10,000 and 100,000 items
    .venv/bin/python bench/search.py --sizes 1000     # a quick smoke run

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
from camra.search.results import search
from camra.site import indexing

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


def build_database(path, size, pool, rng):
    """A FileStorage with ``size`` generated news items; returns the text MB."""
    db = open_database(f'file://{path}/Data.fs?blobstorage_dir={path}/blobs')
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


def cold_first_query(index_path):
    """Seconds from a new interpreter's start to its first answered query."""
    code = ('import time; t = time.perf_counter()\n'
            'from camra.search.index import SearchIndex\n'
            'from camra.search.results import search\n'
            f'search(SearchIndex({str(index_path)!r}), "会员服务")\n'
            'print(time.perf_counter() - t)')
    start = time.perf_counter()
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    return float(out.stdout), time.perf_counter() - start


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


def run(size, procs, pool):
    rng = random.Random(size)
    with tempfile.TemporaryDirectory(prefix='camra-bench-') as tmp:
        db, text_mb = build_database(tmp, size, pool, rng)
        index = SearchIndex(os.path.join(tmp, 'index'))
        start = time.perf_counter()
        report = indexing.rebuild(db, index, procs=procs)
        took = time.perf_counter() - start
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
        cold_query, cold_process = cold_first_query(index.path)
        fresh = publish_to_found(db, index)
        db.close()
        return {
            'items': size, 'text MB': text_mb, 'reindex s': took, 'items/s': size / took,
            'MB/s': text_mb / took, 'index MB': folder_mb(index.path),
            'p50 ms': statistics.median(times) * 1000, 'p95 ms': times[int(len(times) * 0.95)] * 1000,
            'cold s': cold_query, 'cold+python s': cold_process, 'publish→found s': fresh,
            'peak MB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            'peak child MB': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='1000,10000,100000')
    parser.add_argument('--procs', type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    pool = sentences()
    print(f'{len(pool)} seed sentences; {args.procs} indexing processes', flush=True)
    rows = []
    for size in (int(s) for s in args.sizes.split(',')):
        rows.append(run(size, args.procs, pool))
        print(' '.join(f'{k}={v:.2f}' if isinstance(v, float) else f'{k}={v}' for k, v in rows[-1].items()),
              flush=True)
    keys = list(rows[0])
    print('\n| ' + ' | '.join(keys) + ' |')
    print('|' + '---|' * len(keys))
    for row in rows:
        print('| ' + ' | '.join(f'{row[k]:.2f}' if isinstance(row[k], float) else str(row[k]) for k in keys) + ' |')


if __name__ == '__main__':
    main()
