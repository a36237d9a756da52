"""camra import, export and evolve: what goes into the database and out of it."""
import os
import sys
import tempfile

import transaction
from tqdm import tqdm

from camra.content import batch
from camra.content import evolve as evolve_module
from camra.content.actions import SYSTEM, ActionError, ImportRecords
from camra.content.database import open_database
from camra.content.importers import read_file
from camra.content.jsonl import export_lines
from camra.content.loader import ImportFailed, prepare
from camra.content.root import APP_ROOT

from .. import indexing
from .site import open_database_of, open_site, settings_of


def register(sub, common):
    imp = sub.add_parser('import', parents=[common], help='import handbook text, official documents or JSON Lines')
    imp.add_argument('files', nargs='+', metavar='FILE')
    imp.add_argument('--dry-run', action='store_true', help='check the files, write nothing')
    imp.set_defaults(func=import_files)
    exp = sub.add_parser('export', parents=[common], help='export every item as JSON Lines')
    exp.add_argument('file', metavar='FILE', help="output file, '-' for standard output")
    exp.set_defaults(func=export)
    evo = sub.add_parser('evolve', parents=[common], help='apply pending evolve steps to stored data')
    evo.set_defaults(func=evolve)


def import_files(args):
    """Import files, all in one transaction: every file or none; a folder's
    files each on its own (``import_folder``)."""
    settings = settings_of(args)
    if any(os.path.isdir(path) for path in args.files):
        return import_folder(args, settings)
    files = []
    try:
        for path in args.files:
            parsed = read_file(path)
            files.append((path, parsed, prepare(parsed.records, '行' if parsed.kind == 'jsonl' else '条记录')))
    except ImportFailed as exc:
        print(f'camra import: {path}: 未导入任何内容。', file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 1
    if args.dry_run:
        for path, parsed, prepared in files:
            print(f'{path}: {parsed.kind}, {len(prepared)} 条记录可以导入（未写入）')
        return 0
    with open_database_of(settings) as db, open_site(settings, db) as (site, tm):
        try:
            done = ImportRecords(site, SYSTEM, files).execute()
        except ActionError as exc:
            print(f'camra import: {exc}', file=sys.stderr)
            return 1
        for path, kind, counts in done:
            print(f"{path}: {kind}，新增 {counts['added']}，更新 {counts['updated']}，"
                  f"未变 {counts['unchanged']}" + (f"，移入回收站 {counts['removed']}" if counts.get('removed') else ''))
        release = site['handbook'].current_release()
        if release is not None and any(kind == 'handbook' for _, kind, _ in done):
            print(f'手册当前发布版本：{release.label}（{len(release.sections)} 节）；'
                  '新导入的内容在工作稿中，审核后在网页上发布新版本')
        tm.get().note(f'camra import {" ".join(os.path.basename(p) for p in args.files)}')
        tm.commit()
        report = indexing.catch_up(db, indexing.make_index(settings), procs=os.cpu_count() or 1)
        print(f'搜索索引已更新（{report.documents} 条）')
    return 0


def import_folder(args, settings):
    """Import the files of the folders (and files) named, each all or nothing,
    with a progress bar, then report what each became."""
    paths = []
    for path in args.files:
        paths.extend(batch.files_in(path) if os.path.isdir(path) else [path])
    if not paths:
        print('camra import: 文件夹中没有可导入的文件（.docx .pdf .txt .jsonl）', file=sys.stderr)
        return 1
    files = []
    for path in paths:
        try:
            with open(path, 'rb') as f:
                files.append((path, f.read()))
        except OSError as exc:
            print(f'camra import: 无法读取 {path}：{exc.strerror}', file=sys.stderr)
            return 1
    with open_database_of(settings) as db, open_site(settings, db) as (site, tm):
        with tqdm(total=len(files), unit='个文件', disable=None, file=sys.stderr) as bar:
            outcomes = batch.import_each(site, SYSTEM, files, tm=tm, progress=lambda name: bar.update())
        if args.dry_run:
            tm.abort()
        else:
            tm.get().note(f'camra import {len(files)} files')
            tm.commit()
        for outcome in outcomes:
            print(f'{"✓" if outcome.ok else "✗"} {outcome.name}：{outcome.report}')
        failed = sum(not o.ok for o in outcomes)
        print(f'共 {len(outcomes)} 个文件：导入 {len(outcomes) - failed} 个，未导入 {failed} 个'
              + ('（试运行，未写入）' if args.dry_run else ''))
        if not args.dry_run:
            report = indexing.catch_up(db, indexing.make_index(settings), procs=os.cpu_count() or 1)
            print(f'搜索索引已更新（{report.documents} 条）')
    return 1 if failed else 0


def export(args):
    """Write every item as JSON Lines to a file (atomically) or stdout."""
    settings = settings_of(args)
    with open_site(settings) as (site, tm):
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


def evolve(args):
    """Apply pending evolve steps (also done at every start of the app)."""
    settings = settings_of(args)
    db = open_database(settings['zodbconn.uri'])
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        root = conn.root()
        if APP_ROOT not in root:
            print('camra evolve: 数据库中还没有站点，无需升级。')
            return 0
        applied = evolve_module.run(root, root[APP_ROOT], tm=tm)
        print('camra evolve: ' + (f'已执行步骤 {applied}' if applied else '数据已是最新'))
        return 0
    finally:
        tm.abort()
        conn.close()    # also when a step failed: the database closes with nothing held
        db.close()
