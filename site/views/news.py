"""Industry news: a paginated list, and news pages."""
from pyramid.view import view_config

from camra.content.news import NewsFolder, NewsItem

from . import HTML, JSON, require_published, template
from .listing import as_json, newest, paged


@view_config(context=NewsFolder, accept=HTML, renderer=template('news_list'))
def news_list(context, request):
    return {'page': paged(newest(context), request)}


@view_config(context=NewsFolder, accept=JSON, renderer='json')
def news_json(context, request):
    return as_json(newest(context), request)


@view_config(context=NewsItem, accept=HTML, renderer=template('news'))
def news(context, request):
    require_published(context)
    return {'item': context}
