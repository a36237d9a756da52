"""Notices: listed by year, and notice pages."""
from pyramid.traversal import find_resource
from pyramid.view import view_config

from camra.content.notice import Notice, Notices

from . import HTML, JSON, require_published, template
from .listing import as_json, newest, paged


def _by_year(context, request):
    """The listing (of ``?year=`` if given), that year, and ``[(year, count)]``."""
    try:
        year = int(request.params.get('year', ''))
    except ValueError:
        year = None
    return newest(context, year), year, context.dates.years()


@view_config(context=Notices, accept=HTML, renderer=template('notices'))
def notices(context, request):
    items, year, years = _by_year(context, request)
    page = paged(items, request)
    groups = []
    for notice in page.items:
        if not groups or groups[-1][0] != notice.year:
            groups.append((notice.year, []))
        groups[-1][1].append(notice)
    return {'page': page, 'groups': groups, 'year': year, 'years': years}


@view_config(context=Notices, accept=JSON, renderer='json')
def notices_json(context, request):
    items, year, years = _by_year(context, request)
    return as_json(items, request, fields=lambda n: {'number': n.number},
                   year=year, years=[{'year': y, 'count': c} for y, c in years])


@view_config(context=Notice, accept=HTML, renderer=template('notice'))
def notice(context, request):
    require_published(context)
    related = []
    for path in context.related or ():
        try:
            target = find_resource(request.root, path)
        except KeyError:
            target = None
        related.append((path, target if target is not None and getattr(target, 'published', True) else None))
    return {'notice': context, 'related': related}
