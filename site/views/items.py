"""Views every item shares: its JSON, and downloads of its files."""
from urllib.parse import quote

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from camra.content.attachments import Attachment
from camra.content.item import Item

from ..headers import DOWNLOAD_POLICY
from ..serialize import detail
from . import JSON, require_published


@view_config(context=Item, accept=JSON, renderer='json')
def item_json(context, request):
    """Any published item as JSON: every field, files with download URLs."""
    require_published(context)
    return detail(context, request)


@view_config(context=Item, name='download')
def download(context, request):
    """``@@download/<field>[/<index>]``: the file with its original filename."""
    require_published(context)
    attachment = attachment_at(context, request.subpath)
    response = Response(body=attachment.read(), content_type=attachment.content_type)
    response.headers['Content-Disposition'] = content_disposition(attachment.filename)
    response.headers['Content-Security-Policy'] = DOWNLOAD_POLICY
    return response


def content_disposition(filename):
    """An attachment header that keeps a Chinese filename (RFC 6266/5987)."""
    fallback = ''.join(c if c.isascii() and c.isprintable() and c not in '"\\' else '_' for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def attachment_at(context, subpath):
    """The ``Attachment`` at ``<field>[/<index>]`` of ``context``; HTTPNotFound if none."""
    if not subpath or subpath[0] not in context.all_fields():
        raise HTTPNotFound()
    value = getattr(context, subpath[0], None)
    if len(subpath) == 2 and isinstance(value, (list, tuple)):
        try:
            value = value[int(subpath[1])]
        except (ValueError, IndexError):
            raise HTTPNotFound()
    if not isinstance(value, Attachment):
        raise HTTPNotFound()
    return value
