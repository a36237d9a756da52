"""camra backup, restore and pack (a FileStorage, or RelStorage on PostgreSQL)."""
import os

from camra.content import pg_backup
from camra.content.backup import backup as backup_storage
from camra.content.backup import file_storage_paths, parse_when
from camra.content.backup import pack as pack_database
from camra.content.backup import restore as restore_storage
from camra.content.database import DatabaseBusy, open_database

from .site import settings_of


def register(sub, common):
    files = argparse_files()
    bak = sub.add_parser('backup', parents=[common, files],
                         help='back the database and its blobs up (incremental; safe while serving)')
    bak.add_argument('dest', nargs='?', help='backup folder (default: the backup.dir setting)')
    bak.add_argument('--full', action='store_true', help='a full backup even if an incremental one would do')
    bak.set_defaults(func=backup)
    res = sub.add_parser('restore', parents=[common, files],
                         help='restore the database and blobs from a backup (stop the site first)')
    res.add_argument('source', nargs='?', help='backup folder (default: the backup.dir setting)')
    res.add_argument('--at', metavar='WHEN', help='the state at this UTC time, YYYY-MM-DD[THH:MM] (default: latest)')
    res.set_defaults(func=restore)
    pak = sub.add_parser('pack', parents=[common],
                         help='drop old revisions of the database (keeps pack.keep_days days of history)')
    pak.add_argument('--days', type=float, help='days of history to keep (default: the pack.keep_days setting)')
    pak.set_defaults(func=pack)


def argparse_files():
    import argparse
    files = argparse.ArgumentParser(add_help=False)
    files.add_argument('--data-fs', metavar='FILE', help='the Data.fs (default: from the settings)')
    files.add_argument('--blobs', metavar='DIR', help='the blob folder (default: from the settings)')
    return files


def _file_storage(args, settings):
    data_fs, blobs = (args.data_fs, args.blobs) if args.data_fs else file_storage_paths(settings['zodbconn.uri'])
    return data_fs, args.blobs or blobs


def _backup_dir(settings, given):
    return os.path.abspath(given or os.path.join(settings['var'], settings.get('backup.dir') or 'backups'))


def backup(args):
    """Back up the FileStorage (repozo) and the blobs not yet copied, or
    dump the PostgreSQL database (blobs included)."""
    settings = settings_of(args)
    dest = _backup_dir(settings, args.dest)
    if pg_backup.is_postgres(settings['zodbconn.uri']):
        written = pg_backup.backup(settings['zodbconn.uri'], dest)
        print(f'camra backup: PostgreSQL 数据库（含附件）已备份为 {written}')
        return 0
    data_fs, blobs = _file_storage(args, settings)
    written, copied = backup_storage(data_fs, blobs, dest, full=args.full)
    print(f'camra backup: {dest}：数据库 {written or "无新变化"}，新复制附件 {copied} 个')
    return 0


def restore(args):
    """Restore the database and blobs from a backup folder."""
    settings = settings_of(args)
    source = _backup_dir(settings, args.source)
    when = parse_when(args.at) if args.at else None
    if pg_backup.is_postgres(settings['zodbconn.uri']):
        loaded, kept = pg_backup.restore(settings['zodbconn.uri'], source, when)
        print(f'camra restore: 已将 {loaded} 恢复到 PostgreSQL 数据库；原数据库备份为 {kept}；'
              '各进程的搜索索引将在启动时重建。')
        return 0
    data_fs, blobs = _file_storage(args, settings)
    lock = data_fs + '.lock'
    if os.path.exists(lock):
        from zc.lockfile import LockError, LockFile
        try:
            LockFile(lock).close()
        except LockError:
            raise DatabaseBusy('数据库正在使用中：请先停止 camra serve 再恢复。') from None
    copied, kept = restore_storage(source, data_fs, blobs, when)
    print(f'camra restore: 已从 {source} 恢复到 {data_fs}（附件 {copied} 个）；'
          + (f'原数据库保留为 {kept}；' if kept else '') + '搜索索引将在下次启动时重建。')
    return 0


def pack(args):
    """Pack the database, keeping ``pack.keep_days`` days of history."""
    settings = settings_of(args)
    days = args.days if args.days is not None else float(settings.get('pack.keep_days') or 30)
    db = open_database(settings['zodbconn.uri'])
    try:
        pack_database(db, days)
    finally:
        db.close()
    print(f'camra pack: 完成，保留最近 {days:g} 天的历史')
    return 0
