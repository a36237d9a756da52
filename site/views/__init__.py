"""Views: one module per area of the site; each module registers its own."""
from pyramid.httpexceptions import HTTPNotFound


def includeme(config):
    config.add_static_view('static', 'camra.site:static', cache_max_age=3600)
    config.scan(__name__)


def require_published(context):
    """Raise 404 for an item the public may not see (a draft, a retraction)."""
    if not getattr(context, 'published', True):
        raise HTTPNotFound()
    return context


def template(name):
    return f'camra.site:templates/public/{name}.pt'


def edit_template(name):
    return f'camra.site:templates/edit/{name}.pt'


# Content negotiation: browsers (text/html, */*) get the page, clients
# asking for application/json the data; the html view is listed first.
HTML = 'text/html'
JSON = 'application/json'
