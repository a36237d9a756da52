"""What every template needs: identity, navigation, breadcrumbs, helpers."""
from pyramid.events import BeforeRender
from pyramid.location import lineage

from camra.content.markup import to_html
from camra.content.root import SECTIONS


class TemplateAPI:
    """Given to every template as ``api``; views return only their own data."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.root = request.root
        self.identity = dict(getattr(self.root, 'identity', {}) or {})

    @property
    def site_name(self):
        return self.identity.get('name') or self.root.title or 'camra'

    def nav(self):
        """``[(title, url, active)]`` for the main menu."""
        path = self.request.path_info
        items = [('首页', self.request.resource_url(self.root), path == '/')]
        for name, _, _ in SECTIONS:
            folder = self.root[name]
            url = self.request.resource_url(folder)
            items.append((folder.title, url, path.startswith(f'/{name}/') or path == f'/{name}'))
        return items

    def breadcrumbs(self):
        """``[(title, url)]`` from the home page down to the context."""
        if self.context is self.root or getattr(self.context, '__parent__', None) is None:
            return []
        chain = [c for c in reversed(list(lineage(self.context)))]
        return [('首页' if c is self.root else _title(c), self.request.resource_url(c)) for c in chain]

    def url(self, obj, *elements, **kw):
        return self.request.resource_url(obj, *elements, **kw)

    def static(self, path):
        return self.request.static_url(f'camra.site:static/{path}')

    def html(self, markdown_text):
        """Markdown rendered to sanitised HTML."""
        return to_html(markdown_text)

    @staticmethod
    def date(value):
        return value.strftime('%Y-%m-%d') if value else ''

    @staticmethod
    def cn_date(value):
        return f'{value.year}年{value.month}月{value.day}日' if value else ''

    def query_url(self, **params):
        """This page's URL with ``params`` changed (None drops one; page resets)."""
        query = {k: v for k, v in self.request.GET.items() if k != 'page'}
        for key, value in params.items():
            if value is None:
                query.pop(key, None)
            else:
                query[key] = value
        elements = (self.request.view_name,) if self.request.view_name else ()
        return self.request.resource_url(self.context, *elements, query=query)

    def search_url(self):
        return self.request.resource_url(self.root, 'search')


def _title(obj):
    number = getattr(obj, 'label', '')
    title = getattr(obj, 'title', '') or obj.__name__
    return f'{number} {title}' if number and getattr(obj, 'type_name', '') == 'handbook_section' else title


def add_api(event):
    request = event.get('request')
    if request is not None and 'api' not in event:
        event['api'] = TemplateAPI(event.get('context'), request)


def includeme(config):
    config.add_subscriber(add_api, BeforeRender)
