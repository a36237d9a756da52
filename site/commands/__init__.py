"""The ``camra`` command: serve, import, export, reindex, search, evolve, adduser,
backup, restore, pack, cluster; one module a group of commands.

Every subcommand reads the same settings as the app (``-c FILE``, else the
built-in development defaults; ``CAMRA_*`` variables override either) and
reaches the site through ``site.open_site``.
"""
import argparse
import sys

from camra.content.backup import BackupError
from camra.content.database import DatabaseBusy, StorageError
from camra.search.index import IndexBusy, IndexUnreadable

from ..hosts import HostError
from ..local_postgres import PostgresError
from ..settings import SettingsError
from . import accounts, data, searching, serving, storage

GROUPS = (serving, data, searching, accounts, storage)


def main(argv=None):
    """Entry point of the ``camra`` console script; returns the exit status."""
    args = parser().parse_args(argv)
    try:
        return args.func(args) or 0
    except DatabaseBusy as exc:
        print(f'camra: {exc}', file=sys.stderr)
        return 1
    except IndexBusy:
        print('camra: 搜索索引正被另一个进程写入（可能正在重建），请稍后再试。', file=sys.stderr)
        return 1
    except (BackupError, HostError, StorageError, PostgresError, SettingsError) as exc:
        print(f'camra: {exc}', file=sys.stderr)
        return 1
    except IndexUnreadable as exc:
        print(f'camra: 无法读取搜索索引：{exc}', file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def parser():
    """The argument parser of every command."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument('-c', '--config', metavar='FILE',
                        help='ini file with an [app:main] section (default: built-in development settings)')
    top = argparse.ArgumentParser(
        prog='camra', parents=[common],
        description='Publishing system for trade associations: pages, handbook, notices, standards.')
    sub = top.add_subparsers(title='commands', metavar='COMMAND', required=True)
    for group in GROUPS:
        group.register(sub, common)
    return top
