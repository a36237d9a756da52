"""The handbook: table of contents and section pages."""
from pyramid.view import view_config

from camra.content.handbook import Handbook, HandbookSection

from ..serialize import detail, summary
from . import HTML, JSON, require_published, template
from .listing import as_json


@view_config(context=Handbook, accept=HTML, renderer=template('handbook'))
def contents(context, request):
    """The table of contents, nested by section number."""
    return {'handbook': context, 'toc': context.toc(), 'sections': context.sections()}


@view_config(context=Handbook, accept=JSON, renderer='json')
def contents_json(context, request):
    return as_json(context.sections(), request, fields=lambda s: {'number': s.number},
                   title=context.title, version=context.version)


@view_config(context=HandbookSection, accept=HTML, renderer=template('section'))
def section(context, request):
    """A section with its subsections and links to the previous and next."""
    require_published(context)
    handbook = context.__parent__
    previous, following = handbook.neighbours(context)
    children = [s for s in handbook.sections() if s.parent_number == context.number]
    return {'section': context, 'handbook': handbook, 'previous': previous,
            'next': following, 'children': children}


@view_config(context=HandbookSection, accept=JSON, renderer='json')
def section_json(context, request):
    require_published(context)
    data = detail(context, request)
    previous, following = context.__parent__.neighbours(context)
    data['previous'] = summary(previous, request) if previous else None
    data['next'] = summary(following, request) if following else None
    return data
