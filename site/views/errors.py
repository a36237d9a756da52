"""Friendly error pages: 404 and 410 (no longer published), in HTML or JSON."""
from pyramid.view import exception_view_config, notfound_view_config

from . import HTML, JSON, NoLongerPublished

NOT_FOUND = 'camra.site:templates/public/notfound.pt'
GONE = 'camra.site:templates/public/gone.pt'


# The HTML page is registered twice: for browsers (accept=text/html wins over
# JSON for */*) and, without an accept predicate, for clients asking for
# something we do not serve, so they still get a readable page.
@notfound_view_config(accept=HTML, renderer=NOT_FOUND)
@notfound_view_config(renderer=NOT_FOUND)
def not_found(request):
    request.response.status = 404
    return {}


@notfound_view_config(accept=JSON, renderer='json')
def not_found_json(request):
    request.response.status = 404
    return {'error': 'not_found', 'message': '页面不存在或已不再发布', 'path': request.path}


@exception_view_config(NoLongerPublished, accept=HTML, renderer=GONE)
@exception_view_config(NoLongerPublished, renderer=GONE)
def gone(exc, request):
    """The page of an item that was published and is no more: says so,
    and offers editors its edit page."""
    request.response.status = 410
    return {'item': exc.item}


@exception_view_config(NoLongerPublished, accept=JSON, renderer='json')
def gone_json(exc, request):
    request.response.status = 410
    return {'error': 'gone', 'message': '此内容已不再发布', 'path': request.path}
