"""Hostile load: do normal readers notice an attacker?

    .venv/bin/python bench/hostile.py              # 2,000 look-alike notices, 10 s each phase
    .venv/bin/python bench/hostile.py -d 3         # a smoke run

Builds the look-alike site of ``bench/pages.py`` (the seeds and 2,000
notices), starts ``camra serve -c production.ini`` on it and measures normal
readers with wrk (2 threads, 8 connections at a steady rate; the home page,
the notices and a search, as kept pages are read) twice: alone, then while attackers send, as
fast as the server answers them, the requests that once cost seconds each:
an 80 KB URL, a POST announcing a 200 MB body (and sending a little of it),
and a search of 100 one-character words (each one new), one connection
each, at the lowest CPU priority: a real attacker's sending costs its own
machine, not ours. It prints the readers' figures
for both, what the attackers got, and whether the readers' p99 stayed
under twice its quiet value. Compare within one run: the machine is shared.
"""
import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from pages import ROOT, build_lookalike, free_port, wait, wrk

PAUSE_MS = 20          # 8 connections: about 400 requests a second
READERS = ['/', '/notices/', '/search?q=' + urllib.parse.quote('会费标准')]


def readers_script(var, base):
    """A wrk script going round ``READERS``, each connection pausing
    ``PAUSE_MS`` between requests: readers at a steady rate, not a load that
    takes every core by itself (then anything else would slow them)."""
    path = os.path.join(var, 'readers.lua')
    paths = ', '.join(f'"{p}"' for p in READERS)
    with open(path, 'w') as f:
        f.write(f'local paths = {{{paths}}}\nlocal n = 0\n'
                'request = function()\n  n = n + 1\n  return wrk.format("GET", paths[n % #paths + 1])\nend\n'
                f'delay = function() return {PAUSE_MS} end\n')
    return path


def _request(path, body=b'', length=None):
    head = f'{"POST" if body or length else "GET"} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n'
    if body or length:
        head += f'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {length or len(body)}\r\n'
    return head.encode('ascii') + b'\r\n' + body


# Made once: the attacker's own costs stay small (it shares the machine's cores with the server).
LONG_URL = [_request('/notices/' + 'x/' * 40000 + f'?n={n}') for n in range(20)]
BIG_BODY = [_request('/login', b'x' * 65536, length=200 * 1024 * 1024)]
_RANDOM = random.Random(1)
MANY_WORDS = [_request('/search?' + urllib.parse.urlencode({'q': ' '.join(chr(0x4e00 + _RANDOM.randrange(20000))
                                                                          for _ in range(100))}))
              for _ in range(5000)]     # each one new: none answered from the page cache


def send(base, request):
    """Send ``request`` (bytes) and return the answer's status (0 if none)."""
    host, port = base.rsplit('/', 1)[1].split(':')
    answer = b''
    with socket.create_connection((host, int(port)), timeout=60) as s:
        try:
            s.sendall(request)
            while chunk := s.recv(65536):      # the answer to its end, as a client reads it
                answer = answer or chunk
        except ConnectionResetError:
            pass        # refused before all was sent: the server closed on what it had
    return int(answer.split()[1]) if answer.startswith(b'HTTP/') else 'reset'


ATTACKS = {'80 KB URL': LONG_URL, '200 MB body': BIG_BODY, '100-word search': MANY_WORDS}


def attack(base, requests, stop, results):
    # The attacker's own work stands aside (nice 19) for the server and the
    # readers: on this machine it shares their cores, an attacker would not.
    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    n = 0
    while not stop.is_set():
        started = time.perf_counter()
        try:
            status = send(base, requests[n % len(requests)])
        except OSError as exc:
            status = type(exc).__name__
        results.append((status, time.perf_counter() - started))
        n += 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-d', '--duration', type=int, default=10, help='seconds of each phase')
    parser.add_argument('--size', type=int, default=2000, help='look-alike notices')
    parser.add_argument('--attacks', default=','.join(ATTACKS), help='which attacks (default: all at once)')
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix='camra-hostile-') as var:
        build_lookalike(var, args.size)
        port = free_port()
        env = {**os.environ, 'CAMRA_VAR': var, 'CAMRA_PORT': str(port),
               'CAMRA_ZODBCONN_URI': f'file://{var}/Data.fs?blobstorage_dir={var}/blobs'}
        log = open(os.path.join(var, 'server.log'), 'w+')
        server = subprocess.Popen([sys.executable, '-m', 'camra.site.cli', 'serve', '-c', str(ROOT / 'production.ini')],
                                  env=env, stdout=log, stderr=log)
        base = f'http://127.0.0.1:{port}'
        try:
            try:
                wait(base + '/', process=server)
            except OSError:
                log.seek(0)
                sys.exit(f'the server did not start:\n{log.read()[-3000:]}')
            script = readers_script(var, base)
            for path in READERS:
                wait(base + path)                       # rendered once, then kept
            wrk(base + '/', 1, 8, script=script)        # warm-up
            quiet = wrk(base + '/', args.duration, 8, script=script)
            stop, results = threading.Event(), {name: [] for name in ATTACKS if name in args.attacks.split(',')}
            attackers = [threading.Thread(target=attack, args=(base, requests, stop, results[name]))
                         for name, requests in ATTACKS.items() if name in args.attacks.split(',')]
            for thread in attackers:
                thread.start()
            try:
                time.sleep(0.5)
                loud = wrk(base + '/', args.duration, 8, script=script)
            finally:
                stop.set()
                for thread in attackers:
                    thread.join(timeout=120)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print('| readers | req/s | p50 ms | p99 ms |')
    print('|---|---|---|---|')
    for name, (rate, p50, p99) in [('alone', quiet), ('under attack', loud)]:
        print(f'| {name} | {rate:.0f} | {p50:.1f} | {p99:.1f} |')
    print()
    print('| attack | requests | answers | median s | slowest s |')
    print('|---|---|---|---|---|')
    for name, got in results.items():
        times = sorted(t for _, t in got) or [0]
        answers = ', '.join(f'{s}×{sum(1 for g, _ in got if g == s)}' for s in sorted({g for g, _ in got}, key=str))
        print(f'| {name} | {len(got)} | {answers} | {times[len(times) // 2]:.3f} | {times[-1]:.3f} |')
    ratio = loud[2] / quiet[2] if quiet[2] else float('inf')
    print(f'\nreaders p99 under attack / alone: {ratio:.2f} ({"under" if ratio < 2 else "NOT under"} 2x)')


if __name__ == '__main__':
    main()
