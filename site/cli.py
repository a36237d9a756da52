"""The ``camra`` command: serve, import, export, evolve.

Every subcommand reads the same settings as the app (``-c FILE``, else the
built-in development defaults; ``CAMRA_*`` variables override either).
"""
import argparse
import contextlib
import os
import sys
import tempfile

import transaction

from camra.content import evolve as evolve_module
from camra.content.database import DatabaseBusy, open_database
from camra.content.importers import read_file
from camra.content.jsonl import export_lines
from camra.content.loader import ImportFailed, apply, prepare
from camra.content.root import APP_ROOT

from . import settings as settings_module
from .root import prepare_database


def main(argv=None):
    """Entry point of the ``camra`` console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except DatabaseBusy as exc:
        print(f'camra: {exc}', file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser():
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument('-c', '--config', metavar='FILE',
                        help='ini file with an [app:main] section (default: built-in development settings)')
    parser = argparse.ArgumentParser(
        prog='camra', parents=[common],
        description='Publishing system for trade associations: pages, handbook, notices, standards.')
    sub = parser.add_subparsers(title='commands', metavar='COMMAND', required=True)

    serve = sub.add_parser('serve', parents=[common], help='start the web site (demo content in a new data folder)')
    serve.add_argument('--host', help='address to listen on (default 127.0.0.1, or CAMRA_HOST)')
    serve.add_argument('--port', help='port to listen on (default 6543, or CAMRA_PORT)')
    serve.set_defaults(func=cmd_serve)

    imp = sub.add_parser('import', parents=[common], help='import handbook text, official documents or JSON Lines')
    imp.add_argument('files', nargs='+', metavar='FILE')
    imp.add_argument('--dry-run', action='store_true', help='check the files, write nothing')
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser('export', parents=[common], help='export every item as JSON Lines')
    exp.add_argument('file', metavar='FILE', help="output file, '-' for standard output")
    exp.set_defaults(func=cmd_export)

    evo = sub.add_parser('evolve', parents=[common], help='apply pending evolve steps to stored data')
    evo.set_defaults(func=cmd_evolve)
    return parser


def _settings(args, **defaults):
    return settings_module.load(args.config, defaults=defaults)


@contextlib.contextmanager
def _site(settings):
    """The site in a fresh transaction (created empty if the database is new)."""
    db = open_database(settings['zodbconn.uri'])
    try:
        prepare_database(db, {**settings, 'demo': 'false'})
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            yield conn.root()[APP_ROOT], tm
        finally:
            tm.abort()
            conn.close()
    finally:
        db.close()


def cmd_serve(args):
    """Serve the site with waitress until interrupted."""
    import waitress
    from zc.lockfile import LockError

    from . import main as make_app
    settings = _settings(args, demo='true')
    host = args.host or settings['host']
    port = args.port or settings['port']
    try:
        app = make_app({}, **settings)
    except LockError:
        raise DatabaseBusy(f"数据库 {settings['var']} 正被另一个进程使用：请先停止它，或改用 ZEO。")
    print(f'camra: serving {settings["var"]} on http://{host}:{port}/', flush=True)
    waitress.serve(app, host=host, port=int(port), threads=int(settings['threads']), ident='camra')


def cmd_import(args):
    """Import files, all in one transaction: every file or none."""
    settings = _settings(args)
    parsed = []
    try:
        for path in args.files:
            result = read_file(path)
            parsed.append((path, result, prepare(result.records, '行' if result.kind == 'jsonl' else '条记录')))
    except ImportFailed as exc:
        print(f'camra import: {path}: 未导入任何内容。', file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 1
    if args.dry_run:
        for path, result, prepared in parsed:
            print(f'{path}: {result.kind}, {len(prepared)} 条记录可以导入（未写入）')
        return 0
    with _site(settings) as (site, tm):
        try:
            for path, result, prepared in parsed:
                counts = apply(site, prepared)
                if result.handbook_version:
                    site['handbook'].version = result.handbook_version
                print(f"{path}: {result.kind}，新增 {counts['added']}，更新 {counts['updated']}，"
                      f"未变 {counts['unchanged']}")
        except ImportFailed as exc:
            print(f'camra import: 未导入任何内容。\n{exc}', file=sys.stderr)
            return 1
        tm.get().note(f'camra import {" ".join(os.path.basename(p) for p in args.files)}')
        tm.commit()
    return 0


def cmd_export(args):
    """Write every item as JSON Lines to a file (atomically) or stdout."""
    settings = _settings(args)
    with _site(settings) as (site, tm):
        lines = list(export_lines(site))
    text = ''.join(line + '\n' for line in lines)
    if args.file == '-':
        sys.stdout.write(text)
        return 0
    folder = os.path.dirname(os.path.abspath(args.file))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix='.camra-export-')
    with os.fdopen(fd, 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(tmp, args.file)
    print(f'{args.file}: {len(lines)} 条记录', file=sys.stderr)
    return 0


def cmd_evolve(args):
    """Apply pending evolve steps (also done at every start of the app)."""
    settings = _settings(args)
    db = open_database(settings['zodbconn.uri'])
    try:
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        root = conn.root()
        if APP_ROOT not in root:
            print('camra evolve: 数据库中还没有站点，无需升级。')
            return 0
        applied = evolve_module.run(root, root[APP_ROOT], tm=tm)
        print('camra evolve: ' + (f'已执行步骤 {applied}' if applied else '数据已是最新'))
        conn.close()
    finally:
        db.close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
