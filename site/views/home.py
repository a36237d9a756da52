"""The home page."""
from pyramid.view import view_config

from camra.content.root import SiteRoot

from ..serialize import summary
from . import HTML, JSON, template
from .listing import latest


@view_config(context=SiteRoot, accept=HTML, renderer=template('home'))
def home(context, request):
    """Latest notices and news, the handbook, the latest magazine issue, pages."""
    return {
        'notices': latest(context['notices'], 6),
        'news': latest(context['news'], 6),
        'handbook': context['handbook'],
        'magazine': (latest(context['magazine'], 1) or [None])[0],
        'pages': [p for p in context.pages() if p.published],
    }


@view_config(context=SiteRoot, accept=JSON, renderer='json')
def home_json(context, request):
    data = home(context, request)
    return {
        'title': context.identity.get('name', ''),
        'url': request.resource_url(context),
        'sections': [{'id': f.__name__, 'title': f.title, 'url': request.resource_url(f)}
                     for f in context.values() if not hasattr(f, 'type_name')],
        'notices': [summary(i, request) for i in data['notices']],
        'news': [summary(i, request) for i in data['news']],
        'magazine_issue': summary(data['magazine'], request) if data['magazine'] else None,
        'pages': [summary(p, request) for p in data['pages']],
    }
