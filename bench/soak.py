"""Soak: editors publishing and readers reading through the web for N minutes.

    .venv/bin/python bench/soak.py                      # 10 minutes, 4 editors, 16 readers
    .venv/bin/python bench/soak.py --minutes 1          # the CI smoke run

Starts ``camra serve`` on a new demo site and runs, against it, editors
(reviewers: each adds a notice and publishes it, again and again, never
following a redirect) and readers (the home page, listings, notice pages
and searches, as fast as the server answers). A checker searches each
acknowledged publication's exact title until it is the first result (the
publish → found lag; four checkers, so that they keep up with the editors). It prints acknowledged writes, errors by status,
p50/p99 of readers and writers, the server's RSS over time, and at the end,
with the server stopped: every acknowledged publication found by its exact
title, and drafts no one acknowledged (a write answered with an error that
was stored anyway). Compare within one run: the machine is shared.
"""
import argparse
import collections
import http.cookiejar
import json
import os
import queue
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from pages import free_port, wait

PASSWORD = 'soak test password 2026'
READ_PATHS = ['/', '/notices/', '/news/', '/handbook/', '/standards/', '/notices/2022-35/']
CHECKERS = 4
READ_QUERIES = ['会费标准', '维修企业', '负载测试', '通知', 'T/CAMRA 002-2016', '质量服务月']


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A cookie-keeping client that never follows redirects; records every answer."""

    def __init__(self, base, record):
        self.base, self.record = base, record
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def request(self, kind, path, data=None, accept='text/html'):
        """``(status, body, Location)``; the time and status go to ``record``."""
        started = time.perf_counter()
        request = urllib.request.Request(self.base + path, data=data, headers={'Accept': accept})
        try:
            with self.opener.open(request, timeout=60) as response:
                status, body, location = response.status, response.read(), response.headers.get('Location')
        except urllib.error.HTTPError as exc:
            status, body, location = exc.code, exc.read(), exc.headers.get('Location')
        except OSError as exc:
            status, body, location = type(exc).__name__, b'', None
        self.record(kind, status, time.perf_counter() - started)
        return status, body, location

    def post(self, kind, path, fields):
        status, page, _ = self.request('token', '/login')
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page)[1].decode()
        data = urllib.parse.urlencode({**fields, 'csrf_token': token}).encode()
        return self.request(kind, path, data)


class Figures:
    """Answers by kind: times of the good ones, counts of the others."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times = collections.defaultdict(list)
        self.statuses = collections.Counter()

    def record(self, kind, status, seconds):
        with self.lock:
            self.statuses[(kind, status)] += 1
            if status in (200, 303):
                self.times[kind].append(seconds)

    def errors(self):
        return {f'{kind} {status}': n for (kind, status), n in sorted(self.statuses.items(), key=str)
                if status not in (200, 303)}


def editor(base, name, figures, added, published, found_queue, stop):
    client = Client(base, figures.record)
    client.post('login', '/login', {'name': name, 'password': PASSWORD})
    number = int(name[-1])
    i = 0
    while not stop.is_set():
        title = f'负载测试{number}号编辑第{i}份通知'
        status, _, location = client.post('add', '/notices/@@add?type=notice', {
            'title': title, 'number': f'中汽修协字〔2035〕{number * 10000 + i}号', 'date': '2035-01-02',
            'body': f'{title}的正文。会员单位请知悉。', 'save': '1'})
        i += 1
        if status != 303 or not location:
            continue
        added.append(title)
        path = urllib.parse.urlparse(location).path.replace('@@edit', '')
        status, _, _ = client.post('publish', path + '@@transition', {'name': 'publish'})
        if status == 303:
            published.append((title, path))
            found_queue.put((title, path, time.monotonic()))


def reader(base, figures, stop, seed):
    client, rng = Client(base, figures.record), random.Random(seed)
    while not stop.is_set():
        if rng.random() < 0.4:
            query = urllib.parse.urlencode({'q': rng.choice(READ_QUERIES), 'page': rng.randint(1, 3)})
            client.request('search', '/search?' + query)
        else:
            client.request('page', rng.choice(READ_PATHS))


def first_result(base, title):
    query = urllib.parse.urlencode({'q': title, 'n': time.monotonic_ns()})      # never a kept page
    request = urllib.request.Request(f'{base}/search?{query}', headers={'Accept': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            results = json.loads(response.read())['results']
    except OSError:
        return None
    return urllib.parse.urlparse(results[0]['url']).path if results else None


def checker(base, found_queue, lags, stop):
    """Search each acknowledged publication until it is the first result."""
    while not (stop.is_set() and found_queue.empty()):
        try:
            title, path, acknowledged = found_queue.get(timeout=0.5)
        except queue.Empty:
            continue
        deadline = acknowledged + 60
        while first_result(base, title) != path and time.monotonic() < deadline:
            time.sleep(0.05)
        lags.append(time.monotonic() - acknowledged if time.monotonic() < deadline else None)


def rss_mb(pid):
    """The server's resident memory in MB: all of it, and its anonymous part
    (the heap; the rest is mapped files, such as the search index)."""
    try:
        with open(f'/proc/{pid}/status') as f:
            status = f.read()
        return tuple(int(re.search(rf'{key}:\s+(\d+)', status)[1]) / 1024 for key in ('VmRSS', 'RssAnon'))
    except (OSError, TypeError):
        return 0.0, 0.0


def mapped_deleted(pid):
    """How many of the server's memory maps are of files since deleted."""
    try:
        with open(f'/proc/{pid}/maps') as f:
            return sum(1 for line in f if line.rstrip().endswith('(deleted)'))
    except OSError:
        return 0


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else 0.0


def camra(var, *args, stdin=None):
    env = {**os.environ, 'CAMRA_VAR': var}
    return subprocess.run([sys.executable, '-m', 'camra.site.cli', *args], env=env, input=stdin,
                          capture_output=True, text=True, check=True)


def stored(var, added, published):
    """With the server stopped: ``(strays, doubled, lost)``: this run's
    notices stored though their add was answered with an error; titles
    stored twice; acknowledged publications not stored as published."""
    from camra.content.database import open_database
    from camra.content.root import APP_ROOT
    db = open_database(f'file://{var}/Data.fs')
    try:
        conn = db.open()
        mine = [n for n in conn.root()[APP_ROOT]['notices'].values() if n.title.startswith('负载测试')]
        titles = collections.Counter(n.title for n in mine)
        public = {n.title for n in mine if n.state == 'published'}
        conn.close()
    finally:
        db.close()
    told = set(added)
    return ([t for t in titles if t not in told], [t for t, n in titles.items() if n > 1],
            [t for t, _ in published if t not in public])


def start_server(env, log, wrap=()):
    server = subprocess.Popen([*wrap, sys.executable, '-m', 'camra.site.cli', 'serve'], env=env,
                              stdout=subprocess.DEVNULL, stderr=log)
    wait(f'http://127.0.0.1:{env["CAMRA_PORT"]}/', process=server)
    return server


def stop_server(server):
    # SIGTERM, as a process manager stops it: SIGINT is ignored by a server
    # started from a shell's background job (the soak run with nohup ... &).
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--minutes', type=float, default=10)
    parser.add_argument('--editors', type=int, default=4)
    parser.add_argument('--readers', type=int, default=16)
    parser.add_argument('--wrap', default='', help='run the server under this command, to profile it '
                                                   '(e.g. "heaptrack -o /tmp/soak")')
    args = parser.parse_args()

    var = os.path.join(tempfile.mkdtemp(prefix='camra-soak-'), 'var')
    port = free_port()
    base = f'http://127.0.0.1:{port}'
    env = {**os.environ, 'CAMRA_VAR': var, 'CAMRA_PORT': str(port), 'CAMRA_SEARCH_PER_ADDRESS': '0',
           'CAMRA_THREADS': str(max(4, args.readers // 2))}
    log = open(os.path.join(os.path.dirname(var), 'server.log'), 'w')
    stop_server(start_server(env, log))           # a new demo site, then its editors
    for e in range(1, args.editors + 1):
        camra(var, 'adduser', f'soak{e}', '--role', 'reviewer', stdin=PASSWORD + '\n')
    server = start_server(env, log, wrap=args.wrap.split())

    figures, added, published, lags, stop = Figures(), [], [], [], threading.Event()
    found_queue = queue.Queue()
    threads = [threading.Thread(target=editor, args=(base, f'soak{e}', figures, added, published, found_queue, stop))
               for e in range(1, args.editors + 1)]
    threads += [threading.Thread(target=reader, args=(base, figures, stop, seed)) for seed in range(args.readers)]
    checks = [threading.Thread(target=checker, args=(base, found_queue, lags, stop)) for _ in range(CHECKERS)]
    started = time.monotonic()
    rss = [(0.0, rss_mb(server.pid))]
    for thread in threads + checks:
        thread.start()
    seconds = args.minutes * 60
    sample = max(5.0, seconds / 20)
    while (left := seconds - (time.monotonic() - started)) > 0:
        time.sleep(min(sample, left))
        rss.append((time.monotonic() - started, rss_mb(server.pid)))
    stop.set()
    for thread in threads:
        thread.join()
    for thread in checks:
        thread.join()
    elapsed = time.monotonic() - started

    deleted_maps = mapped_deleted(server.pid)
    found_first = [title for title, path in published if first_result(base, title) == path]
    stop_server(server)
    strays, doubled, lost = stored(var, added, published)

    print(f'soak: {args.minutes:g} min, {args.editors} editors, {args.readers} readers, {base}')
    print(f'acknowledged: {len(published)} publications ({len(published) / elapsed:.1f}/s); '
          f'{sum(n for (k, s), n in figures.statuses.items() if s in (200, 303))} answers')
    print('errors by status:', figures.errors() or 'none')
    for kind in ('page', 'search', 'add', 'publish'):
        times = figures.times[kind]
        print(f'  {kind:8} {len(times):7} answers  p50 {percentile(times, 0.5):7.1f} ms  '
              f'p99 {percentile(times, 0.99):7.1f} ms')
    measured = [lag for lag in lags if lag is not None]
    print(f'publish → found: p50 {percentile(measured, 0.5):.0f} ms, p99 {percentile(measured, 0.99):.0f} ms, '
          f'max {max(measured, default=0) * 1000:.0f} ms; not found within 60 s: {lags.count(None)}')
    print('server RSS MB over time (anonymous part): '
          + ', '.join(f'{t:.0f}s {mb:.0f} ({anon:.0f})' for t, (mb, anon) in rss))
    third = max(1, len(rss) // 3)
    for part, label in ((0, 'RSS'), (1, 'anonymous (heap)')):
        middle = statistics.mean(r[part] for _, r in rss[third:2 * third] or rss)
        last = statistics.mean(r[part] for _, r in rss[-third:])
        print(f'{label}: middle third {middle:.0f} MB, last third {last:.0f} MB ({(last / middle - 1) * 100:+.1f}%)')
    # The rest of RSS is the search index's files mapped in, which grow with
    # the index (and are the kernel's to drop); the heap is what must level
    # off once the caches (zodb.cache_mb, the page and postings caches) are full.
    print(f'maps of deleted files at the end: {deleted_maps}')
    print(f'every acknowledged publication first for its exact title: '
          f'{len(found_first)}/{len(published)}')
    print(f'at the end (server stopped): {len(strays)} stray drafts (stored, answered with an error), '
          f'{len(doubled)} stored twice, {len(lost)} acknowledged publications not published')
    good = not figures.errors() and len(found_first) == len(published) and not (strays or doubled or lost)
    print('soak:', 'no errors, nothing lost, nothing doubled' if good else 'PROBLEMS (see above)')
    return 0 if good else 1


if __name__ == '__main__':
    sys.exit(main())
