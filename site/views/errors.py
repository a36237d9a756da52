"""Friendly error pages: 404 in HTML or JSON."""
from pyramid.view import notfound_view_config

from . import JSON


@notfound_view_config(renderer='camra.site:templates/public/notfound.pt')
def not_found(request):
    request.response.status = 404
    return {}


@notfound_view_config(accept=JSON, renderer='json')
def not_found_json(request):
    request.response.status = 404
    return {'error': 'not_found', 'message': '页面不存在或已不再发布', 'path': request.path}
