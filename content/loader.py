"""Put records (JSON Lines dicts) into the site: all of them or none.

A record is ``{"type": ..., "id": ..., "title": ..., <fields>}`` as written
by ``camra export``; importers of text and Word files produce the same.
"""
import re
from dataclasses import dataclass

from camra.schemas.base import FileType
from camra.schemas.validation import ValidationError

from .association import fill_place
from .attachments import Attachment
from .filetypes import UploadError, check, clean_filename
from .item import PUBLISHED
from .naming import unique_name
from .registry import TYPES, validate
from .revisions import current_values, history_of

_NAME = re.compile(r'^[\w][\w.\-]{0,99}$')


class ImportFailed(ValueError):
    """Some records are invalid; ``problems`` is ``[(line, message)]``.

    Raised before anything is written, so a failed import changes nothing.
    """

    def __init__(self, problems, unit='行'):
        self.problems = problems
        super().__init__('\n'.join(f'第 {line} {unit}：{msg}' if line else msg
                                   for line, msg in problems))


@dataclass
class Prepared:
    line: int
    info: object
    name: str
    values: dict


def prepare(records, unit='行', max_size=FileType.max_size):
    """Validate ``[(line, record)]``; return ``[Prepared]`` or raise ``ImportFailed``.

    ``unit`` names what the numbers count in messages: 行 (a JSON line) or
    条 (a record an importer made from a text file). Files pass the checks
    of uploads (``filetypes``): their names lose any folder part, and their
    bytes must be of a kind we keep and match their extension, within
    ``max_size`` bytes."""
    problems, prepared = [], []
    for line, record in records:
        if not isinstance(record, dict):
            problems.append((line, '每行应为一个 JSON 对象'))
            continue
        values = dict(record)
        type_name = values.pop('type', None)
        name = values.pop('id', None)
        info = TYPES.get(type_name)
        try:
            clean = validate(type_name, values)
        except ValidationError as exc:
            problems.append((line, str(exc)))
            continue
        if name is not None and (not isinstance(name, str) or not _NAME.match(name)):
            problems.append((line, f'id 不可用作网址名称：“{name}”（字母、数字、汉字、“-”“.”“_”）'))
            continue
        if info.name == 'association':
            clean = fill_place(clean)
        refused = _check_files(info, clean, max_size)
        if refused:
            problems += [(line, message) for message in refused]
            continue
        prepared.append(Prepared(line, info, name, clean))
    _check_duplicates(prepared, problems)
    if problems:
        raise ImportFailed(sorted(problems), unit)
    return prepared


def _check_files(info, values, max_size):
    """Check and name, in place, the new files of ``values``; return the
    messages of those refused."""
    refused = []
    for field in info.file_fields:
        if field not in values:
            continue
        value = values[field]
        many = isinstance(value, (list, tuple))
        checked = []
        for file in (value if many else [value]):
            if isinstance(file, dict):          # new bytes; stored attachments pass as they are
                name = clean_filename(file['filename'])
                try:
                    if not name:
                        raise UploadError(f'文件名不可用：“{file["filename"]}”')
                    file = {**file, 'filename': name, 'content_type': check(name, file['data'], max_size)}
                except UploadError as exc:
                    refused.append(str(exc))
            checked.append(file)
        values[field] = checked if many else checked[0]
    return refused


def _check_duplicates(prepared, problems):
    seen = {}
    for p in prepared:
        if p.name is None:
            continue
        key = (p.info.container, p.name)
        if key in seen:
            problems.append((p.line, f'id “{p.name}” 与第 {seen[key]} 行重复'))
        seen[key] = p.line


IMPORT = 'import'       # who wrote what the command line imported


def apply(site, prepared, who=IMPORT):
    """Write prepared records into ``site``; return counts added/updated/unchanged.

    An updated item gets a revision by ``who``, like an edit; a new one
    imported by a person starts its history with a revision by them.

    A record with an ``id`` replaces the fields of the item of that name; one
    without is matched on its type's key fields (a notice by its number), so
    importing the same text twice adds nothing the second time.
    """
    counts = {'added': 0, 'updated': 0, 'unchanged': 0}
    for p in prepared:
        folder = site[p.info.container] if p.info.container else site
        values = materialise(p.values)
        item = _find(folder, p, values)
        if item is None:
            name = p.name or unique_name(folder, p.info.make_name(values))
            item = folder.add(name, p.info.cls(**values))
            if who != IMPORT:       # a person's import: theirs, as if they had typed it
                history_of(item, who)
            counts['added'] += 1
        elif record_update(item, values, who):
            counts['updated'] += 1
        else:
            counts['unchanged'] += 1
    return counts


def record_update(item, values, who):
    """Update ``item`` as a new revision (the values it had are kept as the
    revision before); the public sees the import at once. False if nothing
    changed (then nothing is written at all)."""
    if all(getattr(item, name, None) == value for name, value in values.items()):
        return False
    history = history_of(item)
    item.update(**values)
    info = history.add(current_values(item), who, '导入更新')
    if item.state == PUBLISHED:
        item.live_revision = info.number
    return True


def _find(folder, p, values):
    if p.name is not None:
        item = folder.get(p.name)
        if item is not None and getattr(item, 'type_name', None) != p.info.name:
            raise ImportFailed([(p.line, f'“{p.name}” 已被其他类型的内容占用')])
        return item
    return next(p.info.same_items(folder, values), None)


def materialise(values):
    """Turn validated file dicts into ``Attachment`` blobs."""
    def file(value):
        if isinstance(value, dict):
            return Attachment(value['filename'], value['data'], value['content_type'])
        return value
    out = {}
    for key, value in values.items():
        if key in ('file', 'cover', 'pdf'):
            value = file(value)
        elif key == 'attachments':
            value = [file(v) for v in value]
        elif key in ('toc', 'related'):
            value = list(value)
        out[key] = value
    return out
