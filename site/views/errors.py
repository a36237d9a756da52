"""Friendly error pages: 404 in HTML or JSON."""
from pyramid.view import notfound_view_config

from . import HTML, JSON

NOT_FOUND = 'camra.site:templates/public/notfound.pt'


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
