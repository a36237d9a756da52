"""Handbook releases: frozen, numbered copies of every section.

The handbook's sections (``HandbookSection`` items) are its working draft,
edited and reviewed like any item. A reviewer cuts a release (``V1.1``): a
``Release`` keeps an immutable copy of every published section as it
stands, with a checksum of the whole text, and is never changed again.
Sections keep their URL name from release to release, so ``5-1`` in V1.0
and V1.1 is the same section even if it was renumbered (moved).
Comparing releases is ``comparison``; a new version of the handbook file
merged into the draft is ``importers.handbook_version``.
"""
import dataclasses
import datetime
import hashlib
import re

from persistent import Persistent

from .changes import path_of
from .clock import now
from .handbook import Numbered
from .item import VISIBLE
from .markup import search_text

_LABEL = re.compile(r'^V\d+(\.\d+){0,3}$')


class ReleaseError(ValueError):
    """A release that cannot be cut (Chinese message)."""


@dataclasses.dataclass(frozen=True)
class FrozenSection(Numbered):
    """A section as a release keeps it."""

    name: str
    number: str
    title: str
    body: str


class Release(Persistent):
    """One release: ``label`` (V1.0), its URL name ``slug`` (v1.0), date,
    release notes (Markdown), the path of the notice announcing it, and the
    sections in number order. Nothing here changes once made."""

    def __init__(self, label, date, sections, notes='', notice='', who=''):
        self.label = label
        self.slug = label.lower()
        self.date = date
        self.notes = notes
        self.notice = notice
        self.who = who
        self.created = now()
        self.sections = tuple(sorted(sections, key=lambda s: s.key))
        self.checksum = checksum(self.sections)

    def section(self, name):
        """The ``FrozenSection`` called ``name``, or None."""
        return next((s for s in self.sections if s.name == name), None)

    def get(self, name, parent=None):
        """Section ``name`` at its URL: under this release, or under
        ``parent`` (the handbook, for the current release); None if absent."""
        section = self.section(name)
        return ReleasedSection(section, self, parent or self) if section is not None else None

    def __getitem__(self, name):
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found


class ReleasedSection:
    """A released section at its URL (not stored: made when asked for).

    Reads like a ``FrozenSection`` and like a published item, so public
    pages and search treat it as one; it has no edit views.
    """

    type_name = 'handbook_section'
    state = 'published'
    published = True

    def __init__(self, section, release, parent):
        self.section, self.release = section, release
        self.__name__, self.__parent__ = section.name, parent

    def __getattr__(self, name):
        return getattr(self.section, name)

    @property
    def date(self):
        return self.release.date

    def visibility(self, when=None):
        return VISIBLE

    def search_document(self):
        """The search document; sections of older releases carry their
        release's slug (``release``), so searches leave them out unless asked."""
        release = self.release
        return {'path': path_of(self), 'name': self.__name__, 'type': self.type_name,
                'title': self.title, 'number': self.number, 'text': search_text(self.body),
                'date': release.date.isoformat(), 'year': str(release.date.year),
                'release': '' if self.__parent__ is not release else release.slug}


def full_text(sections):
    """The canonical text of a release: what its checksum is of."""
    return ''.join(f'{s.number}\t{s.title}\n{s.body.rstrip()}\n\n' for s in sections)


def checksum(sections):
    """SHA-256 of the release's full text, hex."""
    return hashlib.sha256(full_text(sections).encode('utf-8')).hexdigest()


def cut(handbook, label, date=None, notes='', notice='', who=''):
    """Freeze every published section of ``handbook`` into a new release
    ``label``; raises ``ReleaseError`` for a malformed or used label, or a
    handbook with nothing published."""
    label = (label or '').strip().upper()
    if not _LABEL.match(label):
        raise ReleaseError('版本号应形如 V1.1')
    if handbook.release(label.lower()) is not None:
        raise ReleaseError(f'版本 {label} 已经发布过')
    sections = [FrozenSection(s.__name__, s.number, s.title, s.body or '')
                for s in handbook.values() if s.state == 'published']
    if not sections:
        raise ReleaseError('手册工作稿中还没有已审核的章节')
    release = Release(label, date or now().date(), sections, notes or '', notice or '', who)
    handbook.add_release(release)
    return release


def release_first(site, label):
    """Release an imported handbook as ``label`` when it has no release yet,
    dated and announced by the notice about it (the newest notice whose
    title names the handbook, if any). Returns the release or None."""
    handbook = site['handbook']
    if handbook.releases is None or len(handbook.releases) or not label:
        return None
    title = handbook.title or '手册'
    notices = sorted((n for n in site['notices'].values() if title in (n.title or '') and n.date),
                     key=lambda n: n.date)
    notice = notices[-1] if notices else None
    return cut(handbook, label, notice.date if notice else None, '',
               path_of(notice) if notice else '', 'import')


def parse_date(text):
    """A release date from the form (``YYYY-MM-DD``), or ``ReleaseError``."""
    try:
        return datetime.date.fromisoformat((text or '').strip())
    except ValueError:
        raise ReleaseError(f'日期格式不正确：“{text}”（应为 YYYY-MM-DD）') from None
