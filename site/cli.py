"""The ``camra`` command: serve, import, export, reindex, search, evolve, adduser,
backup, restore, pack, cluster.

Every subcommand reads the same settings as the app (``-c FILE``, else the
built-in development defaults; ``CAMRA_*`` variables override either).
"""
import argparse
import contextlib
import getpass
import html
import logging
import os
import re
import sys
import tempfile

import transaction

from camra.content import evolve as evolve_module
from camra.content.backup import BackupError, backup, file_storage_paths, pack, parse_when, restore
from camra.content.database import DatabaseBusy, open_database
from camra.content.importers import read_file
from camra.content.jsonl import export_lines
from camra.content.loader import ImportFailed, apply, prepare
from camra.content.principals import ROLES, PrincipalError
from camra.content.releases import import_version
from camra.content.root import APP_ROOT
from camra.content.searchable import count as count_items
from camra.search import results as search_results
from camra.search.index import IndexBusy, SearchIndex

from . import indexing
from . import settings as settings_module
from .hosts import HostError
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
    except IndexBusy:
        print('camra: 搜索索引正被另一个进程写入（可能正在重建），请稍后再试。', file=sys.stderr)
        return 1
    except (BackupError, HostError) as exc:
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

    rei = sub.add_parser('reindex', parents=[common], help='rebuild the search index from the database')
    rei.add_argument('--procs', type=int, default=os.cpu_count() or 1,
                     help='indexing processes (default: one per CPU)')
    rei.set_defaults(func=cmd_reindex)

    sea = sub.add_parser('search', parents=[common], help='search the site and print the results')
    sea.add_argument('query')
    sea.add_argument('--type', action='append', default=[], help='only this content type (repeatable)')
    sea.add_argument('--year', action='append', default=[], help='only this year (repeatable)')
    sea.add_argument('--sort', choices=search_results.SORTS, default='relevance')
    sea.add_argument('--limit', type=int, default=10, help='results to print (default 10)')
    sea.set_defaults(func=cmd_search)

    evo = sub.add_parser('evolve', parents=[common], help='apply pending evolve steps to stored data')
    evo.set_defaults(func=cmd_evolve)

    add = sub.add_parser('adduser', parents=[common],
                         help='create a user (password from a prompt, or the first line of stdin)')
    add.add_argument('name')
    add.add_argument('--role', choices=list(ROLES), required=True)
    add.add_argument('--title', default='', help='display name (default: the user name)')
    add.set_defaults(func=cmd_adduser)

    files = argparse.ArgumentParser(add_help=False)
    files.add_argument('--data-fs', metavar='FILE', help='the Data.fs (default: from the settings)')
    files.add_argument('--blobs', metavar='DIR', help='the blob folder (default: from the settings)')
    bak = sub.add_parser('backup', parents=[common, files],
                         help='back the database and its blobs up (incremental; safe while serving)')
    bak.add_argument('dest', nargs='?', help='backup folder (default: the backup.dir setting)')
    bak.add_argument('--full', action='store_true', help='a full backup even if an incremental one would do')
    bak.set_defaults(func=cmd_backup)
    res = sub.add_parser('restore', parents=[common, files],
                         help='restore the database and blobs from a backup (stop the site first)')
    res.add_argument('source', nargs='?', help='backup folder (default: the backup.dir setting)')
    res.add_argument('--at', metavar='WHEN', help='the state at this UTC time, YYYY-MM-DD[THH:MM] (default: latest)')
    res.set_defaults(func=cmd_restore)
    pak = sub.add_parser('pack', parents=[common],
                         help='drop old revisions of the database (keeps pack.keep_days days of history)')
    pak.add_argument('--days', type=float, help='days of history to keep (default: the pack.keep_days setting)')
    pak.set_defaults(func=cmd_pack)
    clu = sub.add_parser('cluster', parents=[common],
                         help='run a ZEO server and several app processes here (try production locally)')
    clu.add_argument('--apps', type=int, default=2, help='how many app processes (default 2)')
    clu.add_argument('--port', type=int, help='the first app port (default: the port setting)')
    clu.add_argument('--zeo-port', type=int, default=8100)
    clu.set_defaults(func=cmd_cluster)
    return parser


def _settings(args, **defaults):
    return settings_module.load(args.config, defaults=defaults)


@contextlib.contextmanager
def _database(settings):
    """The database, prepared (an empty site created if it is new)."""
    db = open_database(settings['zodbconn.uri'])
    try:
        prepare_database(db, {**settings, 'demo': 'false'})
        yield db
    finally:
        db.close()


@contextlib.contextmanager
def _site(settings, db=None):
    """The site in a fresh transaction (created empty if the database is new)."""
    with contextlib.ExitStack() as stack:
        if db is None:
            db = stack.enter_context(_database(settings))
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            yield conn.root()[APP_ROOT], tm
        finally:
            tm.abort()
            conn.close()


def cmd_serve(args):
    """Serve the site with waitress until interrupted."""
    from zc.lockfile import LockError

    from . import main as make_app
    from .server import make_server
    settings = _settings(args, demo='true')
    host = args.host or settings['host']
    port = args.port or settings['port']
    try:
        app = make_app({}, **settings)
    except LockError:
        raise DatabaseBusy(f"数据库 {settings['var']} 正被另一个进程使用：请先停止它，或改用 ZEO。")
    print(f'camra: serving {settings["var"]} on http://{host}:{port}/', flush=True)
    logging.basicConfig()       # waitress's warnings (requests queueing) on stderr
    make_server(app, host=host, port=int(port), threads=int(settings['threads']), ident='camra',
                **settings_module.proxy_options(settings)).run()


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
    with _database(settings) as db, _site(settings, db) as (site, tm):
        try:
            for path, result, prepared in parsed:
                if result.kind == 'handbook':
                    counts = import_version(site, prepared, result.handbook_version)
                else:
                    counts = apply(site, prepared)
                print(f"{path}: {result.kind}，新增 {counts['added']}，更新 {counts['updated']}，"
                      f"未变 {counts['unchanged']}" + (f"，移入回收站 {counts['removed']}" if counts.get('removed') else ''))
            release = site['handbook'].current_release()
            if release is not None and any(r.kind == 'handbook' for _, r, _ in parsed):
                print(f'手册当前发布版本：{release.label}（{len(release.sections)} 节）；'
                      '新导入的内容在工作稿中，审核后在网页上发布新版本')
        except ImportFailed as exc:
            print(f'camra import: 未导入任何内容。\n{exc}', file=sys.stderr)
            return 1
        tm.get().note(f'camra import {" ".join(os.path.basename(p) for p in args.files)}')
        tm.commit()
        report = indexing.catch_up(db, SearchIndex(settings['search.index']), procs=os.cpu_count() or 1)
        print(f'搜索索引已更新（{report.documents} 条）')
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


def cmd_reindex(args):
    """Rebuild the search index from the database, with a progress bar."""
    from tqdm import tqdm
    settings = _settings(args)
    with _database(settings) as db:
        with _site(settings, db) as (site, tm):
            total = count_items(site)
        index = SearchIndex(settings['search.index'])
        with tqdm(total=total, unit='条', desc='重建索引', file=sys.stderr, mininterval=0.5) as bar:
            report = indexing.rebuild(db, index, procs=max(1, args.procs), progress=lambda n: bar.update(1))
            bar.update(max(0, total - bar.n))   # unpublished items are counted but not indexed
    print(f'camra reindex: 已索引 {report.documents} 条内容（{settings["search.index"]}）')
    return 0


def cmd_search(args):
    """Print the results of a search in the index as it is."""
    settings = _settings(args)
    index = SearchIndex(settings['search.index'])
    if index.tid is None:
        print('camra search: 搜索索引尚未建立：请先运行 camra reindex（或启动网站）。', file=sys.stderr)
        return 1
    found = search_results.search(index, args.query, types=args.type, years=args.year,
                                  sort=args.sort, page_size=max(1, args.limit),
                                  weights=indexing.type_weights(settings))
    if found.query.empty:
        print('camra search: 请给出要查找的词语。', file=sys.stderr)
        return 2
    print(f'共 {found.total} 条结果')
    for number, hit in enumerate(found.hits, 1):
        print(f'\n{number}. {_plain(hit.title_html)}  [{hit.type}{" " + hit.date if hit.date else ""}]  {hit.path}')
        if hit.snippet_html:
            print('   ' + _plain(hit.snippet_html).replace('\n', ' '))
    return 0


def _plain(fragment):
    """Search HTML as terminal text: matches in 【】."""
    fragment = fragment.replace('<mark>', '【').replace('</mark>', '】')
    return html.unescape(re.sub(r'<[^>]+>', '', fragment))


def _file_storage(args, settings):
    data_fs, blobs = (args.data_fs, args.blobs) if args.data_fs else file_storage_paths(settings['zodbconn.uri'])
    return data_fs, args.blobs or blobs


def _backup_dir(settings, given):
    return os.path.abspath(given or os.path.join(settings['var'], settings.get('backup.dir') or 'backups'))


def cmd_backup(args):
    """Back up the FileStorage (repozo) and the blobs not yet copied."""
    settings = _settings(args)
    data_fs, blobs = _file_storage(args, settings)
    dest = _backup_dir(settings, args.dest)
    written, copied = backup(data_fs, blobs, dest, full=args.full)
    print(f'camra backup: {dest}：数据库 {written or "无新变化"}，新复制附件 {copied} 个')
    return 0


def cmd_restore(args):
    """Restore the database and blobs from a backup folder."""
    settings = _settings(args)
    data_fs, blobs = _file_storage(args, settings)
    source = _backup_dir(settings, args.source)
    when = parse_when(args.at) if args.at else None
    lock = data_fs + '.lock'
    if os.path.exists(lock):
        from zc.lockfile import LockError, LockFile
        try:
            LockFile(lock).close()
        except LockError:
            raise DatabaseBusy('数据库正在使用中：请先停止 camra serve 再恢复。') from None
    copied = restore(source, data_fs, blobs, when)
    print(f'camra restore: 已从 {source} 恢复到 {data_fs}（附件 {copied} 个）；'
          '原数据库保留为 .before-restore；搜索索引将在下次启动时重建。')
    return 0


def cmd_pack(args):
    """Pack the database, keeping ``pack.keep_days`` days of history."""
    settings = _settings(args)
    days = args.days if args.days is not None else float(settings.get('pack.keep_days') or 30)
    db = open_database(settings['zodbconn.uri'])
    try:
        pack(db, days)
    finally:
        db.close()
    print(f'camra pack: 完成，保留最近 {days:g} 天的历史')
    return 0


def cmd_cluster(args):
    """A ZEO server and ``--apps`` app processes until interrupted."""
    from . import cluster
    settings = _settings(args)
    return cluster.run(settings, args.apps, args.port or int(settings['port']), args.zeo_port, args.config)


def cmd_adduser(args):
    """Create a user; the password never appears on the command line."""
    settings = _settings(args)
    if sys.stdin.isatty():
        password = getpass.getpass('密码：')
        if getpass.getpass('再输入一次：') != password:
            print('camra adduser: 两次输入的密码不一致，未创建用户。', file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip('\r\n')
    with _site(settings) as (site, tm):
        try:
            user = site.principals.add(args.name, args.role, password, args.title)
        except PrincipalError as exc:
            print(f'camra adduser: {exc}', file=sys.stderr)
            return 1
        site.audit.record('', 'adduser', detail=f'{user.name} ({user.role}) from the command line')
        tm.get().note(f'camra adduser {user.name}')
        tm.commit()
    print(f'camra adduser: 已创建用户 {args.name}（{ROLES[args.role]}）')
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
