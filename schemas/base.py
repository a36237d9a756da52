"""Nodes and the base schema shared by every content type."""
import base64
import binascii
import datetime

import colander

from .text import TextError, clean

STATES = ('private', 'pending', 'published', 'retracted')


class DateType(colander.SchemaType):
    """A date, written ``YYYY-MM-DD``; ``None`` and ``''`` mean no date."""

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null
        return appstruct.isoformat()

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ''):
            return colander.null
        if isinstance(cstruct, datetime.date) and not isinstance(cstruct, datetime.datetime):
            return cstruct
        try:
            return datetime.date.fromisoformat(str(cstruct).strip()[:10])
        except ValueError:
            raise colander.Invalid(node, f'日期格式不正确：“{cstruct}”（应为 YYYY-MM-DD）')


# Times typed without a zone are China Standard Time (no daylight saving).
CHINA = datetime.timezone(datetime.timedelta(hours=8), 'CST')


class DateTimeType(DateType):
    """A moment, written ISO 8601 (``2026-12-01T09:00``, ``...+08:00``);
    without a zone it is China time. Deserialises to an aware UTC datetime;
    ``None`` and ``''`` mean none."""

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ''):
            return colander.null
        if isinstance(cstruct, datetime.datetime):
            value = cstruct
        else:
            try:
                value = datetime.datetime.fromisoformat(str(cstruct).strip())
            except ValueError:
                raise colander.Invalid(node, f'时间格式不正确：“{cstruct}”（应为 YYYY-MM-DD HH:MM）')
        if value.tzinfo is None:
            value = value.replace(tzinfo=CHINA)
        return value.astimezone(datetime.timezone.utc)


class TextType(colander.String):
    """Clean text (``schemas.text``) with surrounding blanks removed; other
    scalars are refused."""

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None):
            return colander.null
        if not isinstance(cstruct, str):
            raise colander.Invalid(node, '应为文本')
        try:
            cstruct = clean(cstruct).strip()
        except TextError as exc:
            raise colander.Invalid(node, f'{node.title}{exc}') from None
        return cstruct if cstruct else colander.null


class FileType(colander.SchemaType):
    """A file as ``{"filename", "content_type", "data" (base64)}``.

    Deserialises to ``{"filename", "content_type", "data": bytes}``; objects
    that already carry ``read()`` (stored attachments) pass through.
    """

    max_size = 50 * 1024 * 1024

    def serialize(self, node, appstruct):
        if appstruct in (colander.null, None):
            return colander.null
        return {'filename': appstruct.filename, 'content_type': appstruct.content_type,
                'data': base64.b64encode(appstruct.read()).decode('ascii')}

    def deserialize(self, node, cstruct):
        if cstruct in (colander.null, None, ''):
            return colander.null
        if hasattr(cstruct, 'read') and hasattr(cstruct, 'filename'):
            return cstruct
        if not isinstance(cstruct, dict) or not isinstance(cstruct.get('filename'), str) \
                or not cstruct['filename'].strip():
            raise colander.Invalid(node, '附件应包含文件名（filename）和内容（data，base64）')
        try:
            data = base64.b64decode(cstruct.get('data') or '', validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise colander.Invalid(node, f'附件“{cstruct["filename"]}”的内容不是有效的 base64')
        if len(data) > self.max_size:
            raise colander.Invalid(node, f'附件“{cstruct["filename"]}”超过 {self.max_size // 1048576} MB')
        content_type = cstruct.get('content_type')
        return {'filename': cstruct['filename'].strip(), 'data': data,
                'content_type': content_type if isinstance(content_type, str) else None}


def text(title, missing=colander.null, max_length=None, validator=None, preparer=None):
    """A text node; required (with a Chinese message) unless ``missing`` is
    given; ``preparer`` puts a valid value in its standard form."""
    checks = [v for v in (validator,) if v]
    if max_length:
        checks.append(colander.Length(max=max_length, max_err=f'{title}不能多于 {max_length} 个字'))
    return colander.SchemaNode(TextType(), title=title, missing=missing,
                               missing_msg=f'请填写{title}', preparer=preparer,
                               validator=colander.All(*checks) if checks else None)


def choice(title, choices, missing=colander.null):
    """A text node that must be one of ``choices`` (a dict value -> label)."""
    labels = '、'.join(f'{k}（{v}）' for k, v in choices.items())
    return colander.SchemaNode(
        TextType(), title=title, missing=missing, missing_msg=f'请选择{title}',
        validator=colander.OneOf(list(choices),
                                 msg_err=f'{title}应为以下之一：{labels}'),
        choices=dict(choices))     # kept on the node for forms


def date(title, missing=None):
    return colander.SchemaNode(DateType(), title=title, missing=missing,
                               missing_msg=f'请填写{title}')


def moment(title):
    """An optional date and time (``DateTimeType``)."""
    return colander.SchemaNode(DateTimeType(), title=title, missing=None)


def file(title):
    return colander.SchemaNode(FileType(), title=title, missing=None)


class ItemSchema(colander.MappingSchema):
    """Fields every item has: title, Markdown body, date, publication
    window and state."""

    title = text('标题', missing=colander.required, max_length=300)
    body = text('正文', missing='', max_length=1_000_000)     # a long report is 100,000 characters
    date = date('日期')
    publish_at = moment('定时发布')
    expire_at = moment('到期下线')

    def validator(self, node, value):
        """Publication must come before expiry."""
        start, end = value.get('publish_at'), value.get('expire_at')
        if start and end and end <= start:
            error = colander.Invalid(node)
            error['expire_at'] = '到期下线时间应晚于定时发布时间'
            raise error
    state = choice('状态', {'private': '草稿', 'pending': '待审核',
                            'published': '已发布', 'retracted': '已撤回'},
                   missing='published')


def file_fields(schema):
    """The names of the file fields of ``schema`` (one file or a list of them)."""
    def is_file(node):
        if isinstance(node.typ, colander.Sequence):
            return bool(node.children) and isinstance(node.children[0].typ, FileType)
        return isinstance(node.typ, FileType)
    return [node.name for node in schema.children if is_file(node)]
