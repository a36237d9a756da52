"""Friendly error pages: 404 and 410 (no longer published), in HTML or
JSON; and the old URLs of moved items, which redirect."""
from urllib.parse import quote

from pyramid.httpexceptions import HTTPMovedPermanently
from pyramid.view import exception_view_config, notfound_view_config

from camra.content.item import Item
from camra.content.workflow import last_published_title

from ..security import EDIT
from . import HTML, JSON, NoLongerPublished

NOT_FOUND = 'camra.site:templates/public/notfound.pt'
GONE = 'camra.site:templates/public/gone.pt'


# The HTML page is registered twice: for browsers (accept=text/html wins over
# JSON for */*) and, without an accept predicate, for clients asking for
# something we do not serve, so they still get a readable page.
@notfound_view_config(accept=HTML, renderer=NOT_FOUND)
@notfound_view_config(renderer=NOT_FOUND)
def not_found(request):
    moved, deleted = _moved_or_deleted(request)
    if moved is not None:
        return moved
    if deleted:
        request.override_renderer = GONE
        return gone(NoLongerPublished(), request)
    request.response.status = 404
    return {'draft': _unpublished_for_editor(request)}


def _unpublished_for_editor(request):
    """The item at this URL when it is not published (a draft, pending,
    scheduled) and the visitor may edit it: the page then leads to it."""
    context = getattr(request, 'context', None)
    if isinstance(context, Item) and request.identity is not None and request.has_permission(EDIT, context):
        return context
    return None


@notfound_view_config(accept=JSON, renderer='json')
def not_found_json(request):
    moved, deleted = _moved_or_deleted(request)
    if moved is not None:
        return moved
    if deleted:
        return gone_json(None, request)
    request.response.status = 404
    return {'error': 'not_found', 'message': '页面不存在或已不再发布', 'path': request.path}


def _moved_or_deleted(request):
    """``(redirect, deleted)`` for a URL that leads nowhere: a 301 to where
    its item was moved, or whether a published item there was deleted."""
    site = request.root
    redirects = getattr(site, 'redirects', None)
    target = redirects.resolve(request.path_info) if redirects is not None else None
    if target is not None:
        slash = '/' if request.path_info.endswith('/') and not target.endswith('/') else ''
        query = f'?{request.query_string}' if request.query_string else ''
        return HTTPMovedPermanently(location=request.application_url + quote(target, safe='/@') + slash + query), False
    trash = getattr(site, 'trash', None)
    entry = trash.left(request.path_info) if trash is not None else None
    return None, entry is not None and entry.was_public


@exception_view_config(NoLongerPublished, accept=HTML, renderer=GONE)
@exception_view_config(NoLongerPublished, renderer=GONE)
def gone(exc, request):
    """The page of an item that was published and is no more: says so,
    and offers editors its edit page."""
    request.response.status = 410
    return {'item': exc.item, 'title': last_published_title(exc.item) if exc.item is not None else None}


@exception_view_config(NoLongerPublished, accept=JSON, renderer='json')
def gone_json(exc, request):
    request.response.status = 410
    return {'error': 'gone', 'message': '此内容已不再发布', 'path': request.path}
