"""JSON Lines export and import of the whole site."""
import base64
import datetime
import json

from camra.schemas.text import scrub

from .attachments import Attachment
from .loader import ImportFailed, apply, prepare
from .registry import TYPES


def export_lines(site):
    """Yield one JSON line (no newline) per item, in a stable order.

    Types come in registry order, items in their folder's order (the
    handbook in number order); keys are ``type``, ``id``, the type's fields,
    then ``state``. Export, import into an empty site and export again gives
    the same text.
    """
    for info in TYPES.values():
        folder = site[info.container] if info.container else site
        items = [obj for obj in folder.values() if getattr(obj, 'type_name', None) == info.name]
        if info.name == 'handbook_section':
            items.sort(key=lambda s: s.key)
        for item in items:
            yield json.dumps(to_record(item), ensure_ascii=False)


def to_record(item):
    """The JSON-ready dict of one item."""
    record = {'type': item.type_name, 'id': item.__name__}
    for name in item.all_fields():
        record[name] = _plain(getattr(item, name, None))
    record['state'] = item.state
    return record


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec='seconds')
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Attachment):
        return {'filename': value.filename, 'content_type': value.content_type,
                'data': base64.b64encode(value.read()).decode('ascii')}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, str):
        return scrub(value)       # stored before text was cleaned on the way in
    return value


def read_records(lines):
    """Parse JSON lines into ``[(line number, record)]``; blank lines are skipped.

    Raises ``ImportFailed`` listing every line that is not JSON.
    """
    records, problems = [], []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append((number, f'不是有效的 JSON：{exc.msg}（第 {exc.colno} 列）'))
        except RecursionError:
            problems.append((number, '不是可导入的记录：嵌套过深'))
    if problems:
        raise ImportFailed(problems)
    return records


def import_lines(site, lines):
    """Import JSON Lines into ``site``; all or nothing (``ImportFailed``)."""
    return apply(site, prepare(read_records(lines)))
