"""``camra cluster``: a database server and several app processes on one machine.

What production runs on several machines or under a process manager, in
one command: to try it locally, and for the tests that need more than one
process. The database is a ZEO server (``--db zeo``, the default) or a
PostgreSQL server of its own under ``var/postgres`` holding a RelStorage
database (``--db postgres``), which then also holds the one search index
that every app process shares (``--search whoosh``: one each). Every app
process gets its own folder under ``var/`` (search index, blob cache) and the
same session secret, so a signed-in editor may be sent to any of them.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def zeo_config(folder, port):
    """Write ``folder/zeo.conf`` for a ZEO server on ``port``; return its path."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, 'zeo.conf')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(f'<zeo>\n  address 127.0.0.1:{port}\n</zeo>\n'
                f'<filestorage>\n  path {os.path.join(folder, "Data.fs")}\n'
                f'  blob-dir {os.path.join(folder, "blobs")}\n</filestorage>\n')
    return path


class Member:
    """One supervised process: started again with back-off when it dies."""

    FIRST_DELAY, MAX_DELAY, STEADY = 1.0, 30.0, 60.0   # seconds

    def __init__(self, name, command, env=None):
        self.name, self.command, self.env = name, command, env
        self.process = None
        self.started = 0.0
        self.delay = self.FIRST_DELAY
        self.restart_at = None      # time.monotonic() of the next start, once dead

    def start(self):
        self.process = subprocess.Popen(self.command, env=self.env)
        self.started = time.monotonic()
        self.restart_at = None
        return self.process

    def watch(self, out):
        """Note a death (say when it starts again) and start it when due."""
        now = time.monotonic()
        if self.restart_at is None and self.process.poll() is not None:
            if now - self.started > self.STEADY:
                self.delay = self.FIRST_DELAY    # it had been running well: not a crash loop
            self.restart_at = now + self.delay
            print(f'camra cluster: {self.name} (pid {self.process.pid}) stopped with status '
                  f'{self.process.returncode}; starting it again in {self.delay:.0f} s', file=out, flush=True)
            self.delay = min(self.delay * 2, self.MAX_DELAY)
        elif self.restart_at is not None and now >= self.restart_at:
            self.start()
            print(f'camra cluster: {self.name} started again (pid {self.process.pid})', file=out, flush=True)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def run(settings, apps, first_port, db_port, config_file=None, out=sys.stdout, db='zeo', search='whoosh'):
    """Start the database server (``db``: ``zeo`` or ``postgres``, on
    ``db_port``), then ``apps`` app processes on ports from ``first_port``,
    searching an index each (``search``: ``whoosh``) or one index in the
    PostgreSQL database that they share (``postgres``, with ``db`` postgres);
    a process that dies is started again (after 1 s, then twice as long
    each time up to 30 s) while the others keep serving, and the log says
    so. Waits until interrupted (SIGINT or SIGTERM), then stops them all and
    returns 0."""
    var = settings['var']
    members = []
    stopping = []
    postgres = None
    previous = {sig: signal.signal(sig, lambda *_: stopping.append(1)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        if db == 'postgres':
            from .local_postgres import LocalPostgres
            if os.geteuid() == 0:
                # Run as root, PostgreSQL runs as its own user, who must pass
                # through var/ (entering only: listing stays closed, and the
                # secret in it is its owner's alone).
                os.chmod(var, os.stat(var).st_mode | 0o011)
            postgres = LocalPostgres(os.path.join(var, 'postgres'), db_port).start()
            described = f'PostgreSQL 127.0.0.1:{db_port}'
        else:
            conf = zeo_config(os.path.join(var, 'zeo'), db_port)
            members.append(Member('ZEO', [sys.executable, '-m', 'ZEO.runzeo', '-C', conf]))
            _wait_port(db_port, members[0].start())
            described = f'ZEO 127.0.0.1:{db_port}'
        for i in range(apps):
            folder = os.path.join(var, f'app{i + 1}')
            if postgres:
                # Blobs live in the database; each process keeps a cache of them.
                uri = postgres.uri(blob_dir=f'{folder}/blobcache', shared_blob_dir='false')
            else:
                uri = f'zeo://127.0.0.1:{db_port}?blob_dir={folder}/blobcache&shared_blob_dir=false'
            env = {**os.environ, 'CAMRA_VAR': folder, 'CAMRA_PORT': str(first_port + i),
                   'CAMRA_SECRET': settings['secret'], 'CAMRA_ZODBCONN_URI': uri, 'CAMRA_SEARCH_BACKEND': search}
            command = [sys.executable, '-m', 'camra.site.cli', 'serve']
            if config_file:
                command += ['-c', config_file]
            members.append(Member(f'app{i + 1} (port {first_port + i})', command, env))
            # The first process creates a new site; the others start after it.
            _wait_url(f'http://127.0.0.1:{first_port + i}/', members[-1].start())
        print(f'camra cluster: {described}; apps '
              + ', '.join(f'http://127.0.0.1:{first_port + i}/' for i in range(apps)), file=out, flush=True)
        while not stopping:
            for member in members:
                member.watch(out)
            time.sleep(0.2)
        return 0
    finally:
        for member in reversed(members):     # apps first, the database last
            member.stop()
        if postgres:
            postgres.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _wait_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=5) as probe:
                # Read ZEO's greeting before closing: closing with it unread
                # resets the connection, which the server logs as an ERROR.
                probe.recv(64)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f'port {port} did not open')
            time.sleep(0.1)


def _wait_url(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f'{url} did not answer')
            time.sleep(0.2)
