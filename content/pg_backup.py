"""Backups and restores of a RelStorage database on PostgreSQL.

A backup is one file of ``pg_dump``'s custom format in ``postgres/`` of the
backup folder, named by its UTC time. The blobs are in the database, so the
dump holds everything; ``pg_dump`` reads one consistent snapshot, so it is
safe while the site runs. A restore first dumps the database it replaces
(``before-restore-<time>.dump``, one for every restore), then loads the
chosen dump in one transaction: it happens completely or not at all.
"""
import datetime
import glob
import os
import re
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

from .backup import BackupError
from .database import DatabaseBusy

FOLDER = 'postgres'
STAMP = '%Y%m%dT%H%M%SZ'
_DUMP = re.compile(r'^(\d{8}T\d{6}Z)(?:-\d+)?\.dump$')


def is_postgres(uri):
    """Whether the zodburi ``uri`` names a RelStorage database on PostgreSQL."""
    return uri.startswith('postgres://')


def backup(uri, dest, prefix=''):
    """Dump the database of ``uri`` into ``dest/postgres/``; return the file."""
    folder = os.path.join(dest, FOLDER)
    os.makedirs(folder, exist_ok=True)
    path = _new_name(folder, prefix)
    args, env = _connection(uri)
    _run('pg_dump', '--format=custom', '--no-owner', '--file', path + '.part', *args, env=env)
    os.replace(path + '.part', path)
    return path


def restore(uri, source, when=None):
    """Load the latest dump of ``source`` taken at or before ``when`` (a
    UTC datetime; the latest by default) into the database of ``uri``;
    returns ``(the dump loaded, the dump of the database it replaced)``.
    ``DatabaseBusy`` while any other session uses the database."""
    chosen = _latest(os.path.join(source, FOLDER), when)
    if _other_sessions(uri):
        raise DatabaseBusy('数据库正在使用中（有其他连接）：请先停止所有 camra serve 进程再恢复。')
    kept = backup(uri, source, prefix='before-restore-')
    args, env = _connection(uri)
    _run('pg_restore', '--clean', '--if-exists', '--no-owner', '--single-transaction', *args, chosen, env=env)
    return chosen, kept


def _latest(folder, when):
    dumps = []
    for name in os.listdir(folder) if os.path.isdir(folder) else ():
        found = _DUMP.match(name)
        if found:
            taken = datetime.datetime.strptime(found[1], STAMP)
            if when is None or taken <= when.replace(tzinfo=None):
                dumps.append((taken, name))
    if not dumps:
        raise BackupError(f'{folder} 中没有' + (f' {when:%Y-%m-%d %H:%M} 以前的' if when else '') + '备份')
    return os.path.join(folder, max(dumps)[1])


def _new_name(folder, prefix):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime(STAMP)
    path, n = os.path.join(folder, f'{prefix}{stamp}.dump'), 1
    while os.path.exists(path):
        n += 1
        path = os.path.join(folder, f'{prefix}{stamp}-{n}.dump')
    return path


def _connection(uri):
    """``(pg_dump/pg_restore arguments, environment)`` for ``uri``; the
    password goes in the environment, not on a command line others see."""
    parts = urlsplit(uri.replace('postgres://', 'http://', 1))
    args = ['--dbname', unquote(parts.path.lstrip('/')) or 'postgres']
    if parts.hostname:
        args += ['--host', parts.hostname]
    if parts.port:
        args += ['--port', str(parts.port)]
    if parts.username:
        args += ['--username', unquote(parts.username)]
    env = dict(os.environ)
    if parts.password:
        env['PGPASSWORD'] = unquote(parts.password)
    return args, env


def _other_sessions(uri):
    args, env = _connection(uri)
    found = _run('psql', '--no-psqlrc', '--tuples-only', '--no-align', *args, '--command',
                 'SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() '
                 'AND pid <> pg_backend_pid()', env=env)
    return int(found.strip() or 0)


def _run(program, *args, env):
    result = subprocess.run([_program(program), *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise BackupError(f'{program} 失败：{result.stderr.strip()[-800:]}')
    return result.stdout


def _program(name):
    """``name`` on the PATH, else in Debian's newest ``/usr/lib/postgresql/*/bin``."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f'/usr/lib/postgresql/*/bin/{name}'), reverse=True)),
                                       None)
    if not found:
        raise BackupError(f'未找到 {name}：请安装 PostgreSQL 客户端（Debian：apt install postgresql-client）')
    return found
