"""Content as JSON: item fields and listings, dates ISO 8601, URLs absolute."""
import datetime

from camra.content.attachments import Attachment
from camra.content.markup import to_html


def url(request, item, *elements, **kw):
    return request.resource_url(item, *elements, **kw)


def summary(item, request):
    """``{id, type, title, url, date}`` of one item."""
    return {'id': item.__name__, 'type': item.type_name, 'title': item.title,
            'url': url(request, item), 'date': _value(item.date)}


def detail(item, request):
    """Every field of ``item``; files as ``{filename, content_type, size, url}``
    and the body both as Markdown (``body``) and as safe HTML (``body_html``)."""
    data = summary(item, request)
    for name in item.all_fields():
        value = getattr(item, name, None)
        if isinstance(value, Attachment):
            data[name] = _file(item, request, name, value)
        elif name == 'attachments':
            data[name] = [_file(item, request, name, a, i) for i, a in enumerate(value or ())]
        elif name not in data:
            data[name] = _value(value)
    data['body_html'] = to_html(item.body, file_urls(item, request))
    data['state'] = item.state
    return data


def file_urls(item, request):
    """``{filename: download URL}`` of the files of ``item``, for the
    ``attachment:`` links of its body."""
    urls = {}
    for name in item.all_fields():
        value = getattr(item, name, None)
        if isinstance(value, Attachment):
            urls.setdefault(value.filename, _file(item, request, name, value)['url'])
        elif name == 'attachments':
            for i, a in enumerate(value or ()):
                urls.setdefault(a.filename, _file(item, request, name, a, i)['url'])
    return urls


def listing(page, request, fields=None, **extra):
    """A listing: the ``page``'s items as summaries (plus ``fields(item)``),
    paging and ``extra`` keys."""
    def page_url(n):
        if not n:
            return None
        return request.resource_url(request.context, query={**request.GET, 'page': n})
    def entry(item):
        return {**summary(item, request), **(fields(item) if fields else {})}
    return {'items': [entry(i) for i in page.items], 'total': page.total,
            'page': page.number, 'pages': page.pages, 'per_page': page.per_page,
            'next': page_url(page.next), 'previous': page_url(page.previous), **extra}


def _file(item, request, field, attachment, index=None):
    elements = ('@@download', field) + ((str(index),) if index is not None else ())
    return {'filename': attachment.filename, 'content_type': attachment.content_type,
            'size': attachment.size, 'url': url(request, item, *elements)}


def _value(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _value(v) for k, v in value.items()}
    return value
