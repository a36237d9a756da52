"""Page benchmark: the site under HTTP load, against a bare Pyramid view.

    .venv/bin/python bench/pages.py                     # 1,000, 10,000 and 100,000 items
    .venv/bin/python bench/pages.py --sizes 1000 -d 3   # a quick smoke run

For each size it builds a site (the seed handbook, notice and report, plus
generated news and notices), indexes it, starts ``camra serve -c
production.ini`` on it (FileStorage instead of ZEO, one process) and loads
it with wrk (Debian package ``wrk``) over loopback: the home page, a
handbook section, a notice, the notices listing, a search, and a
conditional GET answered 304. The same wrk run measures a bare Pyramid view
returning a short text through waitress with the same thread count: the
ceiling. It prints requests/s, p50 and p99 latency, each page as a share of
the ceiling, and the server's peak memory. The machine is shared: read the
ratios, not the absolute figures.

Pages are measured twice: as readers get them while the site is unchanged
(a page is rendered once per version and then kept), and "rendered", where
every request carries a query string no one asked before (``unique.lua``),
so each one is rendered again; the rendered search goes through the judged
queries of ``bench/queries.tsv`` in turn (``queries.lua``), as visitors' own
searches would.

``--corpus lookalike`` builds the site from the look-alike corpus of
``bench/corpus.py`` instead (the seeds cut into sections, the directory, and
SIZE distractor notices made of the seeds' sentences; 2000 gives the
2,147-document corpus that search is compared on), imported with ``camra
import``.
"""
import argparse
import datetime
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import transaction

from camra.content.database import open_database
from camra.content.importers import read_file
from camra.content.importers.handbook_version import import_version
from camra.content.loader import prepare
from camra.content.news import NewsItem
from camra.content.notice import Notice
from camra.content.root import bootstrap
from camra.search.index import SearchIndex
from camra.site import indexing

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get('CAMRA_SEEDS', ROOT / 'tests' / 'seeds'))
CEILING_APP = '''
import sys
from pyramid.config import Configurator
from pyramid.response import Response
import waitress

def hello(request):
    return Response('ok')

with Configurator() as config:
    config.add_route('hello', '/')
    config.add_view(hello, route_name='hello')
waitress.serve(config.make_wsgi_app(), host='127.0.0.1', port=int(sys.argv[1]), threads=int(sys.argv[2]),
               _quiet=True)
'''


def sentences():
    text = '\n'.join(p.read_text(encoding='utf-8') for p in sorted(SEEDS.glob('*.txt')))
    parts = re.split(r'(?<=[。！？；])|\n', re.sub(r'\[bookmark:[^\]]*\]', '', text))
    return [p.strip() for p in parts if len(p.strip()) >= 8]


def build_site(var, size, rng):
    """The seeds plus ``size`` generated items (70 % news, 30 % notices),
    dated over 25 years; a notice is numbered in the year of its date."""
    db = open_database(f'file://{var}/Data.fs?blobstorage_dir={var}/blobs')
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    site, _ = bootstrap(conn.root())
    for seed in sorted(SEEDS.glob('00[04]_*.txt')):
        parsed = read_file(seed)
        import_version(site, prepare(parsed.records), parsed.handbook_version)
    pool = sentences()
    start = datetime.date(2000, 1, 1)
    for i in range(size):
        body = '\n\n'.join(rng.choice(pool) for _ in range(6))
        day = start + datetime.timedelta(days=i % 9000)
        if i % 10 < 7:
            site['news'].add(f'n{i}', NewsItem(title=rng.choice(pool)[:40], body=body, date=day))
        else:
            site['notices'].add(f'b{i}', Notice(title=rng.choice(pool)[:40], body=body, date=day,
                                                number=f'中汽修协字〔{day.year}〕{i % 1000 + 1}号'))
        if i % 5000 == 4999:
            tm.commit()
            conn.cacheGC()
    tm.commit()
    conn.close()
    indexing.rebuild(db, SearchIndex(os.path.join(var, 'index')), procs=os.cpu_count() or 1)
    db.close()


def build_lookalike(var, size):
    """The look-alike corpus with ``size`` distractors, imported into ``var``."""
    corpus = os.path.join(var, 'corpus.jsonl')
    subprocess.run([sys.executable, str(ROOT / 'bench' / 'corpus.py'), str(SEEDS), corpus, str(size)],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, '-m', 'camra.site.cli', 'import', corpus], check=True, capture_output=True,
                   env={**os.environ, 'CAMRA_VAR': var})


def query_file(var):
    """The judged queries, URL-encoded, one a line (for ``queries.lua``)."""
    path = os.path.join(var, 'queries.txt')
    lines = [line.split('\t')[1] for line in (ROOT / 'bench' / 'queries.tsv').read_text(encoding='utf-8').splitlines()
             if line.strip() and not line.startswith('#')]
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(urllib.parse.quote(q) + '\n' for q in lines))
    return path


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait(url, timeout=600, process=None):
    """The response of ``url`` once it answers (raises ``OSError`` after
    ``timeout`` seconds, or as soon as ``process`` has exited)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response
        except OSError:
            if time.monotonic() > deadline or (process is not None and process.poll() is not None):
                raise
            time.sleep(0.2)


def wrk(url, duration, connections, headers=(), script=None, env=None):
    """``(requests/s, p50 ms, p99 ms)`` of ``url`` under wrk (``script``: a
    wrk script of ``bench/`` that makes every request new)."""
    command = ['wrk', '-t2', f'-c{connections}', f'-d{duration}s', '--latency', url]
    for header in headers:
        command[1:1] = ['-H', header]
    if script:
        command[1:1] = ['-s', str(ROOT / 'bench' / script)]
    out = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
    rate = float(re.search(r'Requests/sec:\s+([\d.]+)', out)[1])
    latency = dict(re.findall(r'^\s+(50|99)%\s+([\d.]+\w+)', out, re.M))
    return rate, _ms(latency['50']), _ms(latency['99'])


def _ms(text):
    value, unit = re.match(r'([\d.]+)(\w+)', text).groups()
    return float(value) * {'us': 0.001, 'ms': 1, 's': 1000, 'm': 60000}[unit]


def peak_mb(pid):
    with open(f'/proc/{pid}/status') as f:
        return int(re.search(r'VmHWM:\s+(\d+)', f.read())[1]) / 1024


def run(size, duration, connections, corpus='generated'):
    rng = random.Random(size)
    with tempfile.TemporaryDirectory(prefix='camra-pages-') as var:
        started = time.perf_counter()
        if corpus == 'lookalike':
            build_lookalike(var, size)
        else:
            build_site(var, size, rng)
        built = time.perf_counter() - started
        wrk_env = {**os.environ, 'CAMRA_BENCH_QUERIES': query_file(var)}
        port, ceiling_port = free_port(), free_port()
        env = {**os.environ, 'CAMRA_VAR': var, 'CAMRA_PORT': str(port), 'CAMRA_SEARCH_INTERVAL': '1',
               'CAMRA_SEARCH_PER_ADDRESS': '0',     # wrk is one address asking as fast as it can
               'CAMRA_ZODBCONN_URI': f'file://{var}/Data.fs?blobstorage_dir={var}/blobs'}
        threads = '8'
        log = open(os.path.join(var, 'server.log'), 'w+')
        server = subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'serve', '-c',
                                   str(ROOT / 'production.ini')], env=env, stdout=log, stderr=log)
        # waitress warns on stderr whenever requests queue: expected under load.
        ceiling = subprocess.Popen([sys.executable, '-c', CEILING_APP, str(ceiling_port), threads],
                                   stderr=subprocess.DEVNULL)
        try:
            base = f'http://127.0.0.1:{port}'
            try:
                wait(base + '/', process=server)
            except OSError:
                log.seek(0)
                sys.exit(f'the server did not start:\n{log.read()[-3000:]}')
            wait(f'http://127.0.0.1:{ceiling_port}/')
            if corpus == 'lookalike':
                notice, section = base + '/notices/syn-1/', base + '/handbook/hb-7.3/'
            else:
                notice, section = base + '/notices/2022-35/', base + '/handbook/7-3/'
            etag = wait(notice).headers['ETag']
            content = [('home', base + '/'),
                       ('handbook section', section),
                       ('notice', notice),
                       ('notices listing', base + '/notices/'),
                       ('search', base + '/search?q=%E4%BC%9A%E5%91%98%E6%9C%8D%E5%8A%A1')]
            pages = ([('ceiling', f'http://127.0.0.1:{ceiling_port}/', (), None)]
                     + [(name, url, (), None) for name, url in content]
                     + [('304', notice, (f'If-None-Match: {etag}',), None)]
                     + [(f'{name}, rendered', url, (), 'queries.lua' if name == 'search' else 'unique.lua')
                        for name, url in content])
            results = {}
            for name, url, headers, script in pages:
                # Render once alone, then warm up under load: the figures are
                # of a running site, not of its first rendering.
                wait(url)
                wrk(url, 1, connections, headers, script, wrk_env)
                results[name] = wrk(url, duration, connections, headers, script, wrk_env)
            memory = peak_mb(server.pid)
        finally:
            for process in (server, ceiling):
                process.terminate()
                process.wait(timeout=30)
            log.close()
    return built, results, memory


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--sizes', default='1000,10000,100000')
    parser.add_argument('-d', '--duration', type=int, default=5, help='seconds of load per page')
    parser.add_argument('-c', '--connections', type=int, default=8)
    parser.add_argument('--corpus', choices=('generated', 'lookalike'), default='generated',
                        help='generated news and notices, or the look-alike corpus (SIZE distractors)')
    args = parser.parse_args(argv)
    if subprocess.run(['which', 'wrk'], capture_output=True).returncode:
        sys.exit('bench/pages.py needs wrk: apt-get install wrk')
    print('| items | page | req/s | p50 ms | p99 ms | share of ceiling |')
    print('|---|---|---|---|---|---|')
    shares = {}
    for size in (int(s) for s in args.sizes.split(',')):
        built, results, memory = run(size, args.duration, args.connections, args.corpus)
        top = results['ceiling'][0]
        shares[size] = {name: rate / top for name, (rate, _, _) in results.items()}
        for name, (rate, p50, p99) in results.items():
            print(f'| {size} | {name} | {rate:.0f} | {p50:.1f} | {p99:.1f} | {rate / top:.0%} |', flush=True)
        print(f'| {size} | (built and indexed in {built:.0f} s; server peak {memory:.0f} MB) | | | | |', flush=True)
    if len(shares) > 1:
        # Each size has its own ceiling run, so sizes are compared by share.
        small, large = min(shares), max(shares)
        print(f'\n| page | share at {small} | share at {large} | slower by |')
        print('|---|---|---|---|')
        for name in shares[small]:
            if name != 'ceiling':
                before, after = shares[small][name], shares[large][name]
                print(f'| {name} | {before:.0%} | {after:.0%} | {before / after:.2f}x |')


if __name__ == '__main__':
    main()
