"""Many files imported at once, each all or nothing: one bad file is named
and the others still import (``camra import DIR`` and the editors' import
form).

Each file is read, checked and written inside its own savepoint of the
caller's transaction; a file that fails rolls back to it, leaving no trace.
"""
import dataclasses
import os

import transaction

from .actions import ActionError, ImportRecords
from .importers import Parsed, read_bytes
from .loader import ImportFailed, prepare

EXTENSIONS = ('.docx', '.pdf', '.txt', '.jsonl')
KIND_TITLES = {'notice': '通知', 'official_doc': '资讯', 'handbook': '手册', 'jsonl': 'JSON Lines'}


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one file became: ``ok``, and a line for the report."""

    name: str
    ok: bool
    report: str


def files_in(folder):
    """The importable files of ``folder`` (its own, not its subfolders'),
    sorted by name; hidden files and others are left out."""
    names = sorted(n for n in os.listdir(folder)
                   if not n.startswith('.') and os.path.splitext(n)[1].lower() in EXTENSIONS)
    return [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]


def import_each(site, actor, files, drafts=False, tm=None, progress=None):
    """Import ``files`` (``[(name, bytes)]``) into ``site`` one by one as
    ``actor``; returns ``[Outcome]`` in order. ``drafts``: every item is
    made as a draft for review, and a file whose item exists already is
    refused (changes to it go through its edit form). ``progress`` is
    called after each file."""
    tm = tm or transaction.manager
    outcomes = []
    for name, data in files:
        savepoint = tm.get().savepoint()
        try:
            outcomes.append(_one(site, actor, name, data, drafts))
        except (ImportFailed, ActionError) as exc:
            savepoint.rollback()
            outcomes.append(Outcome(name, False, '未导入：' + ' '.join(str(exc).split('\n'))))
        if progress is not None:
            progress(name)
    return outcomes


def _one(site, actor, name, data, drafts):
    parsed = read_bytes(data, name)
    records = [(line, {**r, 'state': 'private'} if drafts else r) for line, r in parsed.records]
    prepared = prepare(records, '行' if parsed.kind == 'jsonl' else '条记录')
    if drafts:
        for p in prepared:
            folder = site[p.info.container] if p.info.container else site
            existing = next(p.info.same_items(folder, p.values), None)
            if existing is not None:
                raise ActionError(f'《{existing.title}》已存在：请在它的编辑页修改', 409)
    [(_, kind, counts)] = ImportRecords(site, actor, [(name, Parsed(parsed.kind, records,
                                                                   parsed.handbook_version), prepared)]).execute()
    first = records[0][1] if records else {}
    words = [KIND_TITLES.get(kind, kind), first.get('number'), first.get('title') and f'《{first["title"]}》']
    done = '，'.join(f'{title} {counts[key]}' for key, title in (('added', '新增'), ('updated', '更新'),
                                                                 ('unchanged', '未变')) if counts.get(key))
    return Outcome(name, True, ' '.join(w for w in words if w) + f'（{done}）')
