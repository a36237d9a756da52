"""Edit forms made from the content schemas: the fields to show, and the
posted form back into the values a schema validates.

Field names are the schema's names. Lists are edited one entry per line;
lists of records (a magazine's table of contents) one record per line,
columns separated by ``|``. Files keep their stored value here (uploads are
added by the view).
"""
import dataclasses
import datetime

import colander

from camra.schemas.base import DateType, FileType

LONG_TEXT = {'body', 'scope', 'summary'}
NOT_IN_FORMS = {'state'}    # moved by workflow transitions only
COLUMN_SEPARATOR = '|'


@dataclasses.dataclass
class Field:
    """One form field: ``kind`` is text, textarea, markdown, select, date,
    number, lines, table or file."""

    name: str
    title: str
    kind: str
    value: str = ''
    required: bool = False
    choices: dict = None
    columns: list = None
    files: list = None
    error: str = None

    @property
    def columns_hint(self):
        """The column titles of a table field, as a line of it looks."""
        return f' {COLUMN_SEPARATOR} '.join(title for _, title in self.columns or ())


def fields(schema, values, errors=None):
    """The ``Field`` list of ``schema`` showing ``values`` (stored values or
    posted text) with ``errors`` (field name -> message); body last."""
    errors = errors or {}
    nodes = [n for n in schema.children if n.name not in NOT_IN_FORMS]
    nodes.sort(key=lambda n: n.name == 'body')
    return [_field(node, values.get(node.name), errors) for node in nodes]


def _field(node, value, errors):
    field = Field(node.name, node.title, _kind(node), required=node.missing is colander.required,
                  error=_error(node.name, errors))
    if field.kind == 'select':
        field.choices = node.choices
    if field.kind == 'table':
        field.columns = [(c.name, c.title) for c in node.children[0].children]
    if field.kind == 'file':
        field.files = [v for v in _as_list(value) if hasattr(v, 'filename')]
    else:
        field.value = as_text(value, field.columns)
    return field


def _kind(node):
    if isinstance(node.typ, colander.Sequence):
        item = node.children[0]
        if isinstance(item.typ, FileType):
            return 'file'
        return 'table' if isinstance(item.typ, colander.Mapping) else 'lines'
    if isinstance(node.typ, FileType):
        return 'file'
    if isinstance(node.typ, DateType):
        return 'date'
    if isinstance(node.typ, colander.Int):
        return 'number'
    if getattr(node, 'choices', None):
        return 'select'
    if node.name == 'body':
        return 'markdown'
    return 'textarea' if node.name in LONG_TEXT else 'text'


def _error(name, errors):
    found = [message for key, message in errors.items() if key == name or key.startswith(name + '.')]
    return '；'.join(found) or None


def as_text(value, columns=None):
    """A stored value as the text of its form field."""
    if value is None or value is colander.null:
        return ''
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple)):
        if columns:
            return '\n'.join(f' {COLUMN_SEPARATOR} '.join(str(row.get(name) or '') for name, _ in columns)
                             for row in value)
        return '\n'.join(str(v) for v in value)
    return str(value)


def from_post(schema, post, stored):
    """The cstruct that ``schema`` validates, from the ``post``ed form;
    file fields keep their ``stored`` values."""
    cstruct = {}
    for node in schema.children:
        if node.name in NOT_IN_FORMS:
            continue
        kind = _kind(node)
        text = post.get(node.name, '')
        text = text if isinstance(text, str) else ''
        if kind == 'file':
            value = stored.get(node.name)
            if isinstance(node.typ, colander.Sequence):
                cstruct[node.name] = list(_as_list(value))
            elif value is not None:
                cstruct[node.name] = value
        elif kind == 'lines':
            cstruct[node.name] = [line.strip() for line in text.splitlines() if line.strip()]
        elif kind == 'table':
            names = [c.name for c in node.children[0].children]
            cstruct[node.name] = [_row(names, line) for line in text.splitlines() if line.strip()]
        else:
            cstruct[node.name] = text
    return cstruct


def _row(names, line):
    cells = [cell.strip() for cell in line.split(COLUMN_SEPARATOR)]
    if len(cells) > len(names):     # a "|" inside the last column: keep it
        cells[len(names) - 1:] = [f' {COLUMN_SEPARATOR} '.join(cells[len(names) - 1:])]
    return dict(zip(names, cells + [''] * (len(names) - len(cells))))


def _as_list(value):
    if value is None or value is colander.null:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
