"""The member-service handbook: numbered sections (5.1, 6.10…) in one folder,
and its releases (see ``releases``)."""
from BTrees.OOBTree import OOBTree

from . import reading
from .changes import record_change
from .folder import Folder
from .item import Item


def number_key(number):
    """Sort key of a section number: ``'5.10'`` -> ``(5, 10)`` (after 5.9)."""
    return tuple(int(part) for part in number.split('.'))


def section_name(number):
    """URL name of a section number: ``'5.1'`` -> ``'5-1'``."""
    return number.replace('.', '-')


class Numbered:
    """What a section's ``number`` tells: its sort key, depth, parent, label."""

    @property
    def key(self):
        return number_key(self.number)

    @property
    def depth(self):
        return len(self.key)

    @property
    def parent_number(self):
        return self.number.rpartition('.')[0] or None

    @property
    def label(self):
        """The number as shown before the title ('' for the foreword)."""
        return '' if self.number == '0' else self.number


class HandbookSection(Numbered, Item):
    """One numbered section; its depth and parent follow from its number.

    Section ``0`` is the foreword (前言), shown before section 1 without a
    number.
    """

    type_name = 'handbook_section'
    type_title = '手册章节'
    fields = ('number',)
    search_number = 'number'
    number = ''

    def search_document(self):
        """Once the handbook has releases, search sees the current
        release's copy of this section (the draft is for editors only)."""
        handbook = self.__parent__
        current = handbook.current_release() if isinstance(handbook, Handbook) else None
        if current is None:
            return super().search_document()
        copy = current.get(self.__name__, handbook)
        return copy.search_document() if copy is not None else None


class Handbook(Folder):
    """The handbook: sections named by number, read in number order.

    Its children are the working draft (``get``, ``values``... see only
    them). By URL (``self[name]``), releases (slug -> ``Release``) are
    reached too: ``/handbook/v1.0/5-1``; and a name that is no draft section
    but is in the current release (removed from the draft since) gives that
    release's copy.
    """

    item_type = HandbookSection
    version = ''
    releases = None

    def __init__(self, title=''):
        super().__init__(title)
        self.releases = OOBTree()

    # -- releases -----------------------------------------------------------
    def add_release(self, release):
        """Store ``release`` under its slug (its sections' search documents
        change with it: the whole handbook is re-read)."""
        release.__name__, release.__parent__ = release.slug, self
        self.releases[release.slug] = release
        record_change(self)

    def release(self, slug):
        """The release of URL name ``slug`` (``v1.0``), or None."""
        return self.releases.get(slug) if self.releases is not None and isinstance(slug, str) else None

    def all_releases(self):
        """Every release, oldest first (by date, then when it was cut)."""
        return sorted(self.releases.values() if self.releases is not None else (),
                      key=lambda r: (r.date, r.created))

    def current_release(self):
        """The newest release, or None before the first."""
        releases = self.all_releases()
        return releases[-1] if releases else None

    def __getitem__(self, name):
        release = self.release(name)
        if release is not None:
            return release
        try:
            return super().__getitem__(name)
        except KeyError:
            current = self.current_release()
            copy = current.get(name, self) if current is not None else None
            if copy is None:
                raise
            return copy

    def release_paths(self, path):
        """The site paths of released sections that are not draft sections:
        the current release's at ``path/<name>``, older ones' at
        ``path/<slug>/<name>`` (what search must read besides the draft)."""
        current = self.current_release()
        for release in self.all_releases():
            for section in release.sections:
                if release is current:
                    if section.name not in self._items:
                        yield f'{path}/{section.name}'
                else:
                    yield f'{path}/{release.slug}/{section.name}'

    def sections(self):
        """What the public reads, in number order (5.9 before 5.10): the
        current release's sections (at ``/handbook/<name>``), or before the
        first release the published draft sections."""
        current = self.current_release()
        if current is not None:
            return [current.get(s.name, self) for s in current.sections]
        return sorted((s for s in self.values() if s.published), key=lambda s: s.key)

    @property
    def label(self):
        """The version the public reads: the current release's, else the
        one the imported text declared."""
        current = self.current_release()
        return current.label if current is not None else self.version

    def toc(self):
        """The table of contents: ``[(section, [child sections]), ...]``."""
        return reading.toc(self.sections())
