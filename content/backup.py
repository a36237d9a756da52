"""Backups of a FileStorage and its blobs, restores, and packing.

A backup folder holds ``filestorage/`` (a repozo repository: one full
backup, then incremental ones) and ``blobs/`` (a copy of every blob file).
ZODB blob files never change once written, so copying the files not yet
copied is a complete incremental backup of them. The database file is
backed up first and the blobs after, so every blob the backed-up data
refers to is there. Both are safe while the site runs: repozo reads the
database read-only up to its last committed transaction.
"""
import datetime
import os
import shutil
import time
from urllib.parse import parse_qs, urlparse

from ZODB.scripts import repozo

REPOSITORY, BLOBS = 'filestorage', 'blobs'


class BackupError(RuntimeError):
    """A backup or restore that cannot be done (Chinese message)."""


def file_storage_paths(uri):
    """``(Data.fs path, blob folder or None)`` of a ``file://`` zodburi URI;
    ``BackupError`` for other storages (back them up where they live)."""
    parsed = urlparse(uri)
    if parsed.scheme != 'file':
        raise BackupError(f'只能备份本机的 FileStorage（file://），当前数据库为 {parsed.scheme}://：'
                          '请在 ZEO 服务器上用 --data-fs 和 --blobs 指定文件')
    blobs = parse_qs(parsed.query).get('blobstorage_dir', [None])[0]
    return parsed.path, blobs


def backup(data_fs, blobs, dest, full=False):
    """Back ``data_fs`` and the ``blobs`` folder up into ``dest``; return
    ``(the repozo file written, blob files copied)``."""
    if not os.path.exists(data_fs):
        raise BackupError(f'数据库文件不存在：{data_fs}')
    repository = os.path.join(dest, REPOSITORY)
    os.makedirs(repository, exist_ok=True)
    before = set(os.listdir(repository))
    # repozo names files by the second; two backups in one second would
    # share a name and the later could not be recovered.
    while any(name.startswith(time.strftime('%Y-%m-%d-%H-%M-%S', time.gmtime())) for name in before):
        time.sleep(0.2)
    options = repozo.parseargs(['-B', '-r', repository, '-f', data_fs] + (['-F'] if full else []))
    try:
        repozo.do_backup(options)
    except repozo.RepozoError as exc:
        raise BackupError(f'备份失败：{exc}') from exc
    written = sorted(f for f in set(os.listdir(repository)) - before if f.endswith(('.fs', '.deltafs')))
    copied = _copy_new_files(blobs, os.path.join(dest, BLOBS)) if blobs else 0
    return (written[0] if written else None), copied


def restore(source, data_fs, blobs, when=None):
    """Write the database as it was at ``when`` (a UTC datetime; latest by
    default) from the backup folder ``source`` to ``data_fs``, and put the
    backed-up blobs in ``blobs``. Returns ``(files copied, kept)``: an
    existing ``data_fs`` is kept beside it as ``kept``,
    ``<name>.before-restore-<UTC time>``, one for every restore; and there is
    no moment without a ``data_fs`` (a start then would make an empty site)."""
    repository = os.path.join(source, REPOSITORY)
    if not os.path.isdir(repository) or not os.listdir(repository):
        raise BackupError(f'{source} 中没有备份')
    os.makedirs(os.path.dirname(os.path.abspath(data_fs)), exist_ok=True)
    date = when.strftime('%Y-%m-%d-%H-%M-%S') if when else None
    restoring = data_fs + '.restoring'
    options = repozo.parseargs(['-R', '-r', repository, '-o', restoring] + (['-D', date] if date else []))
    try:
        repozo.do_recover(options)
    except repozo.RepozoError as exc:
        for leftover in (restoring, restoring + '.index'):
            if os.path.exists(leftover):
                os.remove(leftover)
        raise BackupError(f'恢复失败（原数据库未动）：{exc}') from exc
    # Only now, with the recovered file complete: the old one is kept under
    # a second name (a hard link, so no copy), then replaced in one step.
    kept = _keep(data_fs) if os.path.exists(data_fs) else None
    for suffix in ('.index', '.tmp'):
        if os.path.exists(data_fs + suffix):
            os.remove(data_fs + suffix)
    os.replace(restoring, data_fs)
    if os.path.exists(restoring + '.index'):
        os.replace(restoring + '.index', data_fs + '.index')
    copied = _copy_new_files(os.path.join(source, BLOBS), blobs) if blobs else 0
    return copied, kept


def _keep(data_fs):
    """A second name for ``data_fs`` that no earlier restore used; returns it."""
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime('%Y%m%dT%H%M%SZ')
    kept, n = f'{data_fs}.before-restore-{stamp}', 1
    while os.path.exists(kept):
        n += 1
        kept = f'{data_fs}.before-restore-{stamp}-{n}'
    try:
        os.link(data_fs, kept)
    except OSError:         # a file system without hard links
        shutil.copy2(data_fs, kept)
    return kept


def pack(db, days):
    """Remove from ``db`` the old revisions of objects older than ``days``
    (current data is never removed) and unreferenced blobs."""
    db.pack(days=days)


def parse_when(text):
    """``2026-11-20`` or ``2026-11-20T08:00`` (UTC) for ``restore``."""
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        raise BackupError(f'时间格式不正确：“{text}”（应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM，UTC）') from None


def _copy_new_files(source, dest):
    """Copy the files of ``source`` missing in ``dest`` (same tree); return how many."""
    copied = 0
    if not source or not os.path.isdir(source):
        return 0
    for folder, _, files in os.walk(source):
        target = os.path.join(dest, os.path.relpath(folder, source))
        os.makedirs(target, exist_ok=True)
        for name in files:
            if name.endswith('.lock') or os.path.exists(os.path.join(target, name)):
                continue
            tmp = os.path.join(target, name + '.copying')
            shutil.copy2(os.path.join(folder, name), tmp)
            os.replace(tmp, os.path.join(target, name))
            copied += 1
    return copied
