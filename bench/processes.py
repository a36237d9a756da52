"""Several app processes on one site: what search costs them, index per process or shared.

    .venv/bin/python bench/processes.py --items 10000 --apps 4

Makes a PostgreSQL server of its own (``camra.site.local_postgres``) with a
RelStorage site of ``--items`` generated news items (as ``bench/search.py``
makes them), then starts ``--apps`` ``camra serve`` processes on it at once,
first with a Whoosh index each (``search.backend = whoosh``), then with the
one index in PostgreSQL that they share (``postgres``). For each it prints:
seconds until every process finds the newest item, CPU seconds the apps and
the PostgreSQL server spent from start to then (indexing, mostly), the
search index's size on disk (all copies), and the apps' memory after a
query set. Compare as ratios within one run: the machine is shared.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from camra.site.local_postgres import temporary_server  # noqa: E402
from search import build_database, process_cpu, query_set, sentences, server_cpu  # noqa: E402  (a sibling script)


def rss_mb(pid):
    with open(f'/proc/{pid}/status') as f:
        return int(f.read().split('VmRSS:')[1].split()[0]) / 1024


def found(port, title):
    query = urllib.parse.urlencode({'q': title})
    request = urllib.request.Request(f'http://127.0.0.1:{port}/search?{query}', headers={'Accept': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            results = json.load(response)['results']
    except OSError:
        return False
    return bool(results) and results[0]['title'] == title


def free_ports(count):
    import socket
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(('127.0.0.1', 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def run(server, backend, items, apps, pool, folder):
    name = f'camra_processes_{backend}'
    server.create_database(name)
    uri = server.uri(name, blob_dir=f'{folder}/{backend}-build-blobs', shared_blob_dir='false')
    db, _ = build_database(folder, items, pool, random.Random(items), uri=uri)
    db.close()
    title = f'基准测试第{items - 1}条资讯标题'     # the newest, once indexed, is found first by its title
    _retitle(uri, items - 1, title)
    ports = free_ports(apps)
    before = server_cpu(server)
    procs = []
    for i, port in enumerate(ports):
        var = Path(folder) / f'{backend}-app{i + 1}'
        env = {**os.environ, 'CAMRA_VAR': str(var), 'CAMRA_PORT': str(port), 'CAMRA_DEMO': 'false',
               'CAMRA_SECRET': 'bench', 'CAMRA_SEARCH_BACKEND': backend, 'CAMRA_SEARCH_PER_ADDRESS': '0',
               'CAMRA_ZODBCONN_URI': server.uri(name, blob_dir=f'{var}/blobcache', shared_blob_dir='false')}
        procs.append(subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'serve'], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    started = time.monotonic()
    try:
        waiting = set(ports)
        while waiting:
            waiting = {p for p in waiting if not found(p, title)}
            assert all(p.poll() is None for p in procs), 'an app process died'
            time.sleep(0.5)
        ready = time.monotonic() - started
        app_cpu = sum(process_cpu(p.pid) for p in procs)
        pg_cpu = server_cpu(server) - before
        for port in ports:          # every process answers the same queries
            for q in query_set(pool, random.Random(1), count=100):
                urllib.request.urlopen(f'http://127.0.0.1:{port}/search?{urllib.parse.urlencode({"q": q})}',
                                       timeout=60).close()
        memory = [rss_mb(p.pid) for p in procs]
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)
    if backend == 'whoosh':
        disk = sum(f.stat().st_size for i in range(apps)
                   for f in (Path(folder) / f'whoosh-app{i + 1}' / 'index').iterdir()) / 1e6
    else:
        disk = _pg_index_mb(server, name)
    server.drop_database(name)
    return {'backend': backend, 'apps': apps, 'items': items, 'all found s': ready, 'app CPU s': app_cpu,
            'PostgreSQL CPU s': pg_cpu, 'index MB (all)': disk, 'app RSS MB (each)': sum(memory) / len(memory),
            'app RSS MB (all)': sum(memory)}


def _retitle(uri, number, title):
    import transaction

    from camra.content.database import open_database
    from camra.content.root import APP_ROOT
    db = open_database(uri)
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    conn.root()[APP_ROOT]['news'][f'n{number}'].update(title=title)
    tm.commit()
    db.close()


def _pg_index_mb(server, name):
    import psycopg2
    with psycopg2.connect(server.dsn(name)) as conn, conn.cursor() as cur:
        cur.execute("SELECT sum(pg_total_relation_size(oid)) FROM pg_class "
                    "WHERE relname LIKE 'camra_search_%' AND relkind = 'r'")
        return float(cur.fetchone()[0]) / 1e6


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--items', type=int, default=10000)
    parser.add_argument('--apps', type=int, default=4)
    args = parser.parse_args(argv)
    pool = sentences()
    rows = []
    with temporary_server() as server, tempfile.TemporaryDirectory(prefix='camra-processes-') as folder:
        os.chmod(folder, 0o755)     # run as root, PostgreSQL's user reaches nothing here but passes through
        for backend in ('whoosh', 'postgres'):
            rows.append(run(server, backend, args.items, args.apps, pool, folder))
            print(' '.join(f'{k}={v:.1f}' if isinstance(v, float) else f'{k}={v}' for k, v in rows[-1].items()),
                  flush=True)
    keys = list(rows[0])
    print('\n| ' + ' | '.join(keys) + ' |')
    print('|' + '---|' * len(keys))
    for row in rows:
        print('| ' + ' | '.join(f'{row[k]:.1f}' if isinstance(row[k], float) else str(row[k]) for k in keys) + ' |')


if __name__ == '__main__':
    main()
