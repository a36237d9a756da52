"""What every template needs: identity, navigation, breadcrumbs, helpers."""
import functools
from urllib.parse import quote, urlencode

from pyramid.csrf import get_csrf_token
from pyramid.events import BeforeRender
from pyramid.location import lineage

from camra.content.audit import action_title
from camra.content.changes import path_of
from camra.content.item import Item
from camra.content.markup import to_html
from camra.content.root import SECTIONS
from camra.content.tablerules import problems
from camra.content.workflow import STATE_TITLES, draft_submitted, has_draft
from camra.schemas.base import CHINA  # times are stored in UTC and shown in China time

from .security import allowed_transitions
from .serialize import file_urls
from .settings import identity, upload_limit
from .views.identity import logo_file

PREVIEW_KEY = 'camra.preview'     # set by @@preview: the revision shown


class TemplateAPI:
    """Given to every template as ``api``; views return only their own data."""

    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.root = request.root
        # The site's own identity, completed by the settings for what it was
        # created without (a key added since: the ICP number, the tagline).
        stored = getattr(self.root, 'identity', {}) or {}
        self.identity = {**identity(request.registry.settings), **stored}

    @property
    def user(self):
        """The signed-in user, or None."""
        return self.request.identity

    @property
    def csrf_token(self):
        """The session's CSRF token, for the hidden field of every form."""
        return get_csrf_token(self.request)

    @property
    def upload_limit_mb(self):
        """The upload size limit, in MB, as forms state it."""
        return f'{upload_limit(self.request.registry.settings) / 1048576:g}'

    def can(self, permission, context=None):
        """Whether the current user has ``permission`` on ``context`` (or the page's)."""
        return bool(self.request.has_permission(permission, self.context if context is None else context))

    def edit_url(self):
        """The edit form of the page's item, if the user may edit it."""
        if isinstance(self.context, Item) and self.can('edit'):
            return self.request.resource_url(self.context, '@@edit')
        return None

    def transitions(self, item):
        """The workflow transitions the current user may apply to ``item``."""
        return allowed_transitions(self.request, item)

    @staticmethod
    def action_title(action):
        """An audit log action in Chinese (``publish`` -> 发布)."""
        return action_title(action)

    @staticmethod
    def state_title(item):
        title = STATE_TITLES.get(item.state, item.state)
        if not has_draft(item):
            return title
        return title + ('（新修订待审核）' if draft_submitted(item) else '（有待发布的新修订）')

    @property
    def preview(self):
        """The revision number shown by ``@@preview``, or None on real pages."""
        return self.request.environ.get(PREVIEW_KEY)

    def flash(self):
        """Messages left for this user by the previous request."""
        return self.request.session.pop_flash() if self.request.identity is not None else []

    @staticmethod
    def path_of(obj):
        """The site path of ``obj`` (``/notices``; ``/`` for the home page)."""
        return path_of(obj)

    def path_url(self, path, *elements):
        """The URL of a site path (``/notices/2022-35``), quoted."""
        tail = '/'.join(quote(e, safe='@') for e in elements)
        return self.request.application_url + quote(path.rstrip('/')) + '/' + tail

    @staticmethod
    def datetime(value):
        return value.astimezone(CHINA).strftime('%Y-%m-%d %H:%M') if value else ''

    @property
    def logo_url(self):
        """The URL of the logo file (``site.logo``), or None: then ``emblem``."""
        return self.request.resource_url(self.root, 'logo') if logo_file(self.request.registry.settings) else None

    def emblem(self):
        """The short name in at most two lines of two characters (中汽 / 修协),
        drawn as the logo when the site has no logo file."""
        short = (self.identity.get('short_name') or self.site_name)[:4]
        return [short[i:i + 2] for i in range(0, len(short), 2)] if len(short) > 2 else [short]

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

    def html(self, markdown_text, item=None):
        """Markdown rendered to sanitised HTML; ``attachment:`` links go to
        the files of ``item``."""
        return to_html(markdown_text, file_urls(item, self.request) if item is not None else None)

    @staticmethod
    def table_problems(markdown_text):
        """What an editor should know about the tables of ``markdown_text``
        (rows that do not match their header, text right after a table)."""
        return problems(markdown_text)

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
        return self._page_url + ('?' + urlencode(query) if query else '')

    @functools.cached_property
    def _page_url(self):
        # A listing or the search page asks for it once per filter link.
        elements = (self.request.view_name,) if self.request.view_name else ()
        return self.request.resource_url(self.context, *elements)

    @staticmethod
    def external_url(address):
        """A web address as typed (``www.camra.org.cn``) made a link: http(s)
        kept, anything else given ``http://``; never a ``javascript:`` link."""
        address = address.strip()
        return address if address.lower().startswith(('http://', 'https://')) else 'http://' + address.split(':', 1)[-1].lstrip('/')

    def search_url(self):
        return self.request.resource_url(self.root, 'search')


def _title(obj):
    number = getattr(obj, 'label', '')
    # A release has a label (V1.0) and no title: never its URL name (v1.0).
    title = getattr(obj, 'title', '') or number or obj.__name__
    return f'{number} {title}' if number and getattr(obj, 'type_name', '') == 'handbook_section' else title


def add_api(event):
    request = event.get('request')
    if request is not None and 'api' not in event:
        event['api'] = TemplateAPI(event.get('context'), request)


def includeme(config):
    config.add_subscriber(add_api, BeforeRender)
