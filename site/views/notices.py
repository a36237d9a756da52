"""Notices: listed by year, notice pages, and the printed notice (PDF)."""
import hashlib

from pyramid.response import Response
from pyramid.traversal import find_resource
from pyramid.view import view_config

from camra.content.changes import path_of
from camra.content.notice import RELATION_TITLES, Notice, Notices

from .. import pdf
from . import HTML, JSON, require_published, template
from .items import content_disposition
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
    cited = []
    for kind, number in context.relations():
        target = next(context.__parent__.with_number(number), None)
        cited.append((kind, number, target if target is not None and target.published else None))
    return {'notice': context, 'related': related, 'cited': cited,
            'superseded_by': context.superseded_by(), 'titles': RELATION_TITLES}


@view_config(context=Notice, name='pdf')
def notice_pdf(context, request):
    """The notice as printed and filed (GB/T 9704-2012 layout), made once
    per published revision and kept."""
    require_published(context)
    version = f'{path_of(context)}|{context.live_revision}|{context.modified.isoformat() if context.modified else ""}'
    name = 'notice-' + hashlib.sha256(version.encode('utf-8')).hexdigest()[:20]
    try:
        data = pdf.cached(request, name, lambda: pdf.render(request, template('notice_print'), {'notice': context},
                                                           stylesheet=pdf.OFFICIAL))
    except pdf.PdfUnavailable:
        return pdf.unavailable(request)
    response = Response(body=data, content_type='application/pdf')
    response.headers['Content-Disposition'] = content_disposition(f'{context.number or context.title}.pdf')
    return response
