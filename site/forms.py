"""Edit forms made from the content schemas: the fields to show, and the
posted form back into the values a schema validates.

Field names are the schema's names. Lists are edited one entry per line;
lists of records (a magazine's table of contents) one record per line,
columns separated by ``|``. A file field shows the stored files, each with
a "remove" box (``<name>.remove``, its index), and takes new files from
``<name>.upload``; a single file is replaced by a new one. New files of a
form shown again (a preview, a refused field) are held (``content/held.py``)
and come back ticked as ``<name>.held`` (their keys): unticked, they are
dropped.
"""
import dataclasses
import datetime
import re
import secrets

import colander

from camra.schemas.base import CHINA, DateTimeType, DateType, FileType

LONG_TEXT = {'body', 'scope', 'summary'}
NOT_IN_FORMS = {'state'}    # moved by workflow transitions only
COLUMN_SEPARATOR = '|'


@dataclasses.dataclass
class Field:
    """One form field: ``kind`` is text, textarea, markdown, select, date,
    datetime (China time), number, lines, table or file."""

    name: str
    title: str
    kind: str
    value: str = ''
    required: bool = False
    choices: dict = None
    columns: list = None
    files: list = None
    removed: frozenset = frozenset()
    held: list = ()             # [(key, file)] chosen before, to be attached by the save
    many: bool = False
    error: str = None

    @property
    def columns_hint(self):
        """The column titles of a table field, as a line of it looks."""
        return f' {COLUMN_SEPARATOR} '.join(title for _, title in self.columns or ())


@dataclasses.dataclass
class Posted:
    """A posted form: the ``cstruct`` its schema validates, ``errors`` found
    before validation (refused uploads), and by file field the files new to
    the item: ``held`` ones (``[(key, file)]``, chosen on an earlier showing
    of the form) and ``fresh`` ones (uploaded with this post)."""

    cstruct: dict
    errors: dict
    held: dict = dataclasses.field(default_factory=dict)
    fresh: dict = dataclasses.field(default_factory=dict)


_TOKEN = re.compile(r'[A-Za-z0-9_-]{16,64}')


def form_token(posted=None):
    """An add form's token (``Create``'s ``once``): the one ``posted`` back
    when it is well formed (a form shown again keeps it), else a new one."""
    return posted if posted and _TOKEN.fullmatch(posted) else secrets.token_urlsafe(16)


def fields(schema, values, errors=None, post=None, held=None):
    """The ``Field`` list of ``schema`` showing ``values`` (stored values or
    posted text) with ``errors`` (field name -> message); body last.

    File fields always show the files of ``values`` as stored, with the
    remove boxes ticked in ``post`` still ticked, and the files ``held`` for
    them (field name -> ``[(key, file)]``).
    """
    errors, held = errors or {}, held or {}
    nodes = [n for n in schema.children if n.name not in NOT_IN_FORMS]
    nodes.sort(key=lambda n: n.name == 'body')
    shown = [_field(node, values.get(node.name), errors, post) for node in nodes]
    for field in shown:
        field.held = held.get(field.name, ())
    return shown


def _field(node, value, errors, post):
    field = Field(node.name, node.title, _kind(node), required=node.missing is colander.required,
                  error=_error(node.name, errors))
    if field.kind == 'select':
        field.choices = node.choices
    if field.kind == 'table':
        field.columns = [(c.name, c.title) for c in node.children[0].children]
    if field.kind == 'file':
        field.files = [v for v in _as_list(value) if hasattr(v, 'filename')]
        field.many = isinstance(node.typ, colander.Sequence)
        field.removed = frozenset(_getall(post, f'{node.name}.remove')) if post is not None else frozenset()
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
    if isinstance(node.typ, DateTimeType):     # before DateType: a subclass of it
        return 'datetime'
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
    if isinstance(value, datetime.datetime):
        return value.astimezone(CHINA).strftime('%Y-%m-%dT%H:%M')
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        if columns:
            return '\n'.join(f' {COLUMN_SEPARATOR} '.join(str(row.get(name) or '') for name, _ in columns)
                             for row in value)
        return '\n'.join(str(v) for v in value)
    return str(value)


def from_post(schema, post, stored, accept, held=None):
    """The ``Posted`` form: the cstruct that ``schema`` validates, from the
    ``post``ed form. File fields start from their ``stored`` values, add the
    files ``held`` (a ``HeldFiles``) under the ticked keys, then each upload,
    which goes through ``accept(filename, data)``: it returns the file to
    keep or raises ``ValueError`` with the reason it is refused.
    """
    cstruct, errors = {}, {}
    taken, fresh = {}, {}
    for node in schema.children:
        if node.name in NOT_IN_FORMS:
            continue
        kind = _kind(node)
        text = post.get(node.name, '')
        text = text if isinstance(text, str) else ''
        if kind == 'file':
            removed = set(_getall(post, f'{node.name}.remove'))
            files = [f for i, f in enumerate(_as_list(stored.get(node.name))) if str(i) not in removed]
            kept = [(key, held.get(key)) for key in _getall(post, f'{node.name}.held')] if held else []
            kept = [(key, f) for key, f in kept if f is not None]
            uploads = []
            for upload in _getall(post, f'{node.name}.upload'):
                if getattr(upload, 'filename', None):
                    try:
                        uploads.append(accept(upload.filename, upload.file.read()))
                    except ValueError as exc:
                        errors[node.name] = str(exc)
            if kept:
                taken[node.name] = kept
            if uploads:
                fresh[node.name] = uploads
            new = [f for _, f in kept] + uploads
            if isinstance(node.typ, colander.Sequence):
                cstruct[node.name] = files + new
            elif new or files:
                cstruct[node.name] = (new or files)[-1]
        elif kind == 'lines':
            cstruct[node.name] = [line.strip() for line in text.splitlines() if line.strip()]
        elif kind == 'table':
            names = [c.name for c in node.children[0].children]
            cstruct[node.name] = [_row(names, line) for line in text.splitlines() if line.strip()]
        else:
            cstruct[node.name] = text
    return Posted(cstruct, errors, taken, fresh)


def _getall(post, name):
    return post.getall(name) if hasattr(post, 'getall') else _as_list(post.get(name))


def _row(names, line):
    cells = [cell.strip() for cell in line.split(COLUMN_SEPARATOR)]
    if len(cells) > len(names):     # a "|" inside the last column: keep it
        cells[len(names) - 1:] = [f' {COLUMN_SEPARATOR} '.join(cells[len(names) - 1:])]
    return dict(zip(names, cells + [''] * (len(names) - len(cells))))


def _as_list(value):
    if value is None or value is colander.null:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
