"""A PostgreSQL server of our own, in a folder on this machine.

For ``camra cluster --db postgres`` (trying RelStorage locally) and for the
tests; in production the site uses the association's PostgreSQL. The server
listens on 127.0.0.1 only, with a password generated when the folder is
made (``.password`` beside the data, readable by its owner only). PostgreSQL
will not run as root: run as root, the server runs as the ``postgres`` user
(Debian's package makes it), who then owns the folder.
"""
import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile

USER = DATABASE = 'camra'


class PostgresError(RuntimeError):
    """The local server could not be made or started (Chinese message)."""


class PostgresMissing(PostgresError):
    """PostgreSQL's programs are not installed here."""


def binaries():
    """The folder of ``initdb``, ``pg_ctl`` and ``postgres``; ``PostgresMissing`` if none."""
    found = shutil.which('pg_ctl')
    candidates = ([os.path.dirname(os.path.realpath(found))] if found else []) + \
        sorted(glob.glob('/usr/lib/postgresql/*/bin'), reverse=True)
    for folder in candidates:
        if all(os.path.exists(os.path.join(folder, name)) for name in ('initdb', 'pg_ctl', 'postgres')):
            return folder
    raise PostgresMissing('未找到 PostgreSQL（initdb、pg_ctl）：请先安装（Debian：apt install postgresql）')


class LocalPostgres:
    """The server whose data is in ``folder`` (made on first start), on ``port``."""

    def __init__(self, folder, port):
        self.folder = os.path.abspath(folder)
        self.data = os.path.join(self.folder, 'data')
        self.port = port
        self.bin = binaries()
        self.runner = _runner()

    @property
    def password(self):
        with open(os.path.join(self.folder, '.password'), encoding='utf-8') as f:
            return f.read().strip()

    def uri(self, database=DATABASE, **options):
        """The zodburi URI of ``database``, with RelStorage ``options``."""
        query = '&'.join(f'{k}={v}' for k, v in options.items())
        return (f'postgres://{USER}:{self.password}@127.0.0.1:{self.port}/{database}'
                + (f'?{query}' if query else ''))

    def dsn(self, database=DATABASE):
        """A libpq connection string for ``database``."""
        return f"host=127.0.0.1 port={self.port} dbname={database} user={USER} password='{self.password}'"

    def create_database(self, name):
        """Make an empty database ``name`` (letters, digits and ``_``)."""
        self._run('createdb', '-h', '127.0.0.1', '-p', str(self.port), '-U', USER, name)

    def drop_database(self, name):
        """Drop the database ``name``."""
        self._run('dropdb', '-h', '127.0.0.1', '-p', str(self.port), '-U', USER, name)

    def start(self):
        """Make the folder (first time) and start the server; return self."""
        if not os.path.exists(os.path.join(self.data, 'PG_VERSION')):
            self._init()
        self._run('pg_ctl', '-D', self.data, '-l', os.path.join(self.folder, 'server.log'), '-w', '-t', '60',
                  '-o', f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", 'start')
        if not self._has_database():
            self.create_database(DATABASE)
        return self

    def stop(self):
        """Stop the server (fast: open connections are cut, nothing committed is lost)."""
        if os.path.exists(os.path.join(self.data, 'postmaster.pid')):
            self._run('pg_ctl', '-D', self.data, '-m', 'fast', '-w', 'stop', check=False)

    def _init(self):
        os.makedirs(self.folder, exist_ok=True)
        if self.runner and subprocess.run(['runuser', '-u', self.runner, '--', 'test', '-x',
                                           os.path.dirname(self.folder)]).returncode != 0:
            raise PostgresError(f'以 root 运行时 PostgreSQL 由 {self.runner} 用户运行，它须能进入 '
                                f'{os.path.dirname(self.folder)}：请换一个数据目录（CAMRA_VAR），或以普通用户运行')
        password = os.path.join(self.folder, '.password')
        with open(os.open(password, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 'w') as f:
            f.write(secrets.token_urlsafe(24) + '\n')
        if self.runner:
            account = pwd.getpwnam(self.runner)
            for path in (self.folder, password):
                os.chown(path, account.pw_uid, account.pw_gid)
        self._run('initdb', '-D', self.data, '-U', USER, '-E', 'UTF8', '--locale', 'C.UTF-8',
                  '--auth', 'scram-sha-256', '--pwfile', password)

    def _has_database(self):
        found = self._run('psql', '-h', '127.0.0.1', '-p', str(self.port), '-U', USER, '-d', 'postgres',
                          '-tAc', f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'")
        return found.stdout.strip() == '1'

    def _run(self, program, *args, check=True):
        command = [os.path.join(self.bin, program) if os.path.exists(os.path.join(self.bin, program))
                   else program, *args]
        if self.runner:
            command = ['runuser', '-u', self.runner, '--'] + command
        result = subprocess.run(command, capture_output=True, text=True, cwd='/',
                                env={**os.environ, 'PGPASSWORD': self.password})
        if check and result.returncode != 0:
            raise PostgresError(f'PostgreSQL {program} 失败：{(result.stderr or result.stdout).strip()[-800:]}')
        return result


@contextlib.contextmanager
def temporary_server():
    """A server in a new temporary folder on a free port, for as long as
    the block runs (tests and benchmarks); then stopped and removed."""
    folder = tempfile.mkdtemp(prefix='camra-pg-')    # in /tmp: a folder the postgres user can reach
    try:
        with socket.socket() as s:
            s.bind(('127.0.0.1', 0))
            port = s.getsockname()[1]
        server = LocalPostgres(folder, port).start()
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _runner():
    """The account to run PostgreSQL's programs as: ``None`` (this one)
    unless this is root, then ``postgres``."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam('postgres')
    except KeyError:
        raise PostgresMissing('以 root 运行时需要 postgres 用户来运行 PostgreSQL（Debian 的 postgresql 软件包会创建它）')
    return 'postgres'
