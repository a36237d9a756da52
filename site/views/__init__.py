"""Views: one module per area of the site; each module registers its own."""
from pyramid.httpexceptions import HTTPGone, HTTPNotFound
from pyramid.renderers import render_to_response

from camra.content.item import EXPIRED, VISIBLE, WITHDRAWN


def includeme(config):
    config.scan(__name__)      # the static view is added by camra.site.caching


class NoLongerPublished(HTTPGone):
    """410: the item was published, and is no more (expired, retracted,
    deleted); ``item`` is it, when it is still in its place."""

    def __init__(self, item=None):
        super().__init__()
        self.item = item


def require_published(context):
    """Let the public see ``context`` only when it is published now: an
    item retracted or past its expiry raises ``NoLongerPublished`` (410);
    one never published, or not yet, raises 404."""
    visibility = context.visibility() if hasattr(context, 'visibility') else VISIBLE
    if visibility in (EXPIRED, WITHDRAWN):
        raise NoLongerPublished(context)
    if visibility != VISIBLE:
        raise HTTPNotFound()
    return context


def refused(request, error):
    """The page of an action refused (``camra.content.actions.ActionError``):
    its message, with the status it calls for."""
    request.response.status = error.status
    return render_to_response(edit_template('message'), {'title': '不能执行此操作', 'message': str(error)},
                              request=request, response=request.response)


def template(name):
    return f'camra.site:templates/public/{name}.pt'


def edit_template(name):
    return f'camra.site:templates/edit/{name}.pt'


# Content negotiation: browsers (text/html, */*) get the page, clients
# asking for application/json the data; the html view is listed first.
HTML = 'text/html'
JSON = 'application/json'
