"""``camra cluster``: a ZEO server and several app processes on one machine.

What production runs on several machines or under a process manager, in
one command: to try it locally, and for the tests that need more than one
process. Every app process gets its own folder under ``var/`` (search
index, blob cache) and the same session secret, so a signed-in editor may
be sent to any of them.
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


def run(settings, apps, first_port, zeo_port, config_file=None, out=sys.stdout):
    """Start the ZEO server, then ``apps`` app processes on ports from
    ``first_port``; wait until interrupted (SIGINT or SIGTERM), then stop
    them all. Returns 0, or 1 if a process died on its own."""
    var = settings['var']
    processes = []
    stopping = []
    previous = {sig: signal.signal(sig, lambda *_: stopping.append(1)) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        conf = zeo_config(os.path.join(var, 'zeo'), zeo_port)
        processes.append(subprocess.Popen([sys.executable, '-m', 'ZEO.runzeo', '-C', conf]))
        _wait_port(zeo_port, processes[0])
        for i in range(apps):
            folder = os.path.join(var, f'app{i + 1}')
            env = {**os.environ, 'CAMRA_VAR': folder, 'CAMRA_PORT': str(first_port + i),
                   'CAMRA_SECRET': settings['secret'],
                   'CAMRA_ZODBCONN_URI': (f'zeo://127.0.0.1:{zeo_port}?blob_dir={folder}/blobcache'
                                          '&shared_blob_dir=false')}
            command = [sys.executable, '-m', 'camra.site.cli', 'serve']
            if config_file:
                command += ['-c', config_file]
            processes.append(subprocess.Popen(command, env=env))
            # The first process creates a new site; the others start after it.
            _wait_url(f'http://127.0.0.1:{first_port + i}/', processes[-1])
        print(f'camra cluster: ZEO 127.0.0.1:{zeo_port}; apps '
              + ', '.join(f'http://127.0.0.1:{first_port + i}/' for i in range(apps)), file=out, flush=True)
        while not stopping:
            if any(p.poll() is not None for p in processes):
                print('camra cluster: a process stopped on its own; stopping the others', file=sys.stderr)
                return 1
            time.sleep(0.2)
        return 0
    finally:
        for process in reversed(processes):     # apps first, the database last
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _wait_port(port, process, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
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
