"""Plain pages."""
from pyramid.view import view_config

from camra.content.page import Page

from . import HTML, require_published, template


@view_config(context=Page, accept=HTML, renderer=template('page'))
def page(context, request):
    require_published(context)
    return {'page': context}
