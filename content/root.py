"""The site root and the first start of a database."""
from persistent.mapping import PersistentMapping

from . import evolve
from .association import Directory
from .audit import AuditLog
from .folder import Folder
from .handbook import Handbook
from .held import HeldFiles
from .magazine import Magazine
from .news import NewsFolder
from .notice import Notices
from .presence import Presence
from .principals import Principals
from .redirects import Redirects
from .standard import Standards
from .trash import Trash
from .worklist import Worklist

APP_ROOT = 'app_root'

# (name, class, title) of the sections every site has, in menu order.
SECTIONS = (
    ('handbook', Handbook, '会员服务手册'),
    ('standards', Standards, '标准规范'),
    ('notices', Notices, '通知公告'),
    ('news', NewsFolder, '行业资讯'),
    ('magazine', Magazine, '会刊杂志'),
    ('directory', Directory, '协会名录'),
)

IDENTITY_KEYS = ('name', 'name_en', 'short_name', 'address', 'phone', 'email',
                 'website', 'footer', 'tagline', 'icp')


class SiteRoot(Folder):
    """The root of the resource tree: the sections, plain pages and identity.

    ``identity`` holds the association's name, contacts and footer: data,
    not code, so a second association runs the same software.
    ``principals`` (the users), ``audit`` (the audit log), ``trash`` (the
    recycle bin), ``redirects`` (old URLs), ``presence`` (open edit
    forms), ``worklist`` (the review queue and drafts) and ``held`` (files
    of forms shown again) are attributes, not children: they are never
    reached by URL traversal. ``synonyms`` is the search synonym table as
    its administrators wrote it (None: the table search ships with).
    """

    synonyms = None

    def __init__(self, identity=None):
        super().__init__(title=(identity or {}).get('name', ''))
        self.identity = PersistentMapping(identity or {})
        self.principals = Principals()
        self.audit = AuditLog()
        self.trash = Trash()
        self.redirects = Redirects()
        self.presence = Presence()
        self.worklist = Worklist()
        self.held = HeldFiles()
        for name, cls, title in SECTIONS:
            self.add(name, cls(title=title))

    def pages(self):
        """The plain pages, in their order."""
        return [obj for obj in self.values() if getattr(obj, 'type_name', None) == 'page']


def bootstrap(zodb_root, identity=None):
    """Return ``(site, created)``, creating the site in ``zodb_root`` if absent.

    A new site is built by the current code, so every evolve step is marked
    done with it (see ``camra.content.evolve``). The caller commits.
    """
    site = zodb_root.get(APP_ROOT)
    if site is not None:
        return site, False
    site = SiteRoot({k: v for k, v in (identity or {}).items() if k in IDENTITY_KEYS})
    zodb_root[APP_ROOT] = site
    evolve.mark_all_done(zodb_root)
    return site, True
