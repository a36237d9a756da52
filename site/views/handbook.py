"""The handbook: its releases (contents, sections, the whole text, PDF,
what changed, comparisons) and, for editors, the working draft.

``/handbook/`` and ``/handbook/<section>`` show the current release;
``/handbook/v1.0/...`` shows release V1.0 for ever. Before the first
release, the published draft sections are shown instead.
"""
import datetime

from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.renderers import render_to_response
from pyramid.response import Response
from pyramid.view import view_config

from camra.content.actions import ActionError, CutRelease
from camra.content.changes import path_of
from camra.content.handbook import Handbook, HandbookSection
from camra.content.markup import to_html
from camra.content.releases import (
    FrozenSection,
    Release,
    ReleasedSection,
    ReleaseError,
    compare,
    parse_date,
    section_history,
)

from .. import pdf
from ..flash import flash
from ..layout import PREVIEW_KEY
from ..security import EDIT, REVIEW
from ..serialize import detail, summary
from . import HTML, JSON, edit_template, require_published, template
from .items import content_disposition
from .listing import as_json

DRAFT = 'draft'     # what @@compare calls the working draft


class Place:
    """Where the pages of one release (or of the draft) link to."""

    def __init__(self, request, handbook, release):
        self.request, self.handbook, self.release = request, handbook, release
        # The draft and the current release are read at /handbook/..., older ones below their slug.
        self._base = handbook if release is None or release is handbook.current_release() else release

    def home(self):
        return self.request.resource_url(self._base)

    def url(self, section, *elements):
        """The URL of ``section`` (a section or its name) in this release."""
        name = section if isinstance(section, str) else name_of(section)
        return self.request.resource_url(self._base, name, *(elements or ('',)))

    def sections(self):
        if self.release is not None:
            return list(self.release.sections)
        return self.handbook.sections()

    def toc(self):
        """``[(section, url, [(child, url)])]``."""
        sections = self.sections()
        return [(top, self.url(top), [(c, self.url(c)) for c in sections if c.parent_number == top.number])
                for top in sections if top.depth == 1]

    def switcher(self, name=None):
        """``[(release, url, is this one)]``: the same section (or the
        contents) in every release, newest first."""
        entries = []
        for release in reversed(self.handbook.all_releases()):
            place = Place(self.request, self.handbook, release)
            target = release.section(name) if name else None
            entries.append((release, place.url(target) if target else place.home(), release is self.release))
        return entries


def name_of(section):
    """The URL name of a draft section or a released one."""
    return section.name if isinstance(section, FrozenSection) else section.__name__


def _chrome(place, name=None):
    """What every handbook page shows around its text: the release, the
    switcher, and (on older releases) the way to the current one."""
    current = place.handbook.current_release()
    current_url = None
    if current is not None:
        in_current = Place(place.request, place.handbook, current)
        current_url = in_current.url(name) if name and current.section(name) else in_current.home()
    return {'handbook': place.handbook, 'release': place.release, 'current': current,
            'switcher': place.switcher(name), 'current_url': current_url}


# -- contents -----------------------------------------------------------------

@view_config(context=Handbook, accept=HTML, renderer=template('handbook'))
def contents(context, request):
    """The table of contents of the current release (or of the published
    draft, before the first release)."""
    return _contents(Place(request, context, context.current_release()))


@view_config(context=Release, accept=HTML, renderer=template('handbook'))
def release_contents(context, request):
    return _contents(Place(request, context.__parent__, context))


def _contents(place):
    return {**_chrome(place), 'toc': place.toc(), 'sections': place.sections()}


@view_config(context=Handbook, accept=JSON, renderer='json')
def contents_json(context, request):
    """The current release's sections, and every release."""
    current = context.current_release()
    return as_json(context.sections(), request, fields=lambda s: {'number': s.number},
                   title=context.title, version=current.label if current else context.version,
                   releases=[_release_json(request, r, r is current)
                             for r in reversed(context.all_releases())])


@view_config(context=Release, accept=JSON, renderer='json')
def release_json(context, request):
    place = Place(request, context.__parent__, context)
    return {**_release_json(request, context, None),
            'sections': [{'id': s.name, 'number': s.number, 'title': s.title,
                          'url': place.url(s)} for s in context.sections]}


def _release_json(request, release, current):
    data = {'label': release.label, 'date': release.date.isoformat(),
            'url': request.resource_url(release), 'checksum': release.checksum,
            'notes': release.notes}
    if current is not None:
        data['current'] = current
    return data


# -- sections -----------------------------------------------------------------

@view_config(context=HandbookSection, accept=HTML, renderer=template('section'))
def section(context, request):
    """A draft section's URL: the current release's copy of it; before the
    first release (or in an editor's preview), the section itself."""
    handbook = context.__parent__
    current = handbook.current_release()
    if current is None or request.environ.get(PREVIEW_KEY):
        require_published(context)
        return _section(Place(request, handbook, None), context)
    copy = current.section(context.__name__)
    if copy is None:
        raise HTTPNotFound()
    return _section(Place(request, handbook, current), copy)


@view_config(context=ReleasedSection, accept=HTML, renderer=template('section'))
def released_section(context, request):
    handbook = context.release.__parent__
    return _section(Place(request, handbook, context.release), context.section)


def _section(place, section):
    sections = place.sections()
    names = [name_of(s) for s in sections]
    name = name_of(section)
    i = names.index(name) if name in names else None
    previous = sections[i - 1] if i else None
    following = sections[i + 1] if i is not None and i + 1 < len(sections) else None
    children = [s for s in sections if s.parent_number == section.number]
    added = changed = None
    if place.release is not None:
        releases = [r for r in place.handbook.all_releases() if r.date <= place.release.date]
        added, changed = section_history(releases, name)
    return {**_chrome(place, name), 'section': section,
            'previous': (previous, place.url(previous)) if previous else None,
            'next': (following, place.url(following)) if following else None,
            'children': [(c, place.url(c)) for c in children],
            'added': added, 'changed': changed}


def _named(item):
    return FrozenSection(item.__name__, item.number, item.title, item.body)


@view_config(context=HandbookSection, accept=JSON, renderer='json')
def section_json(context, request):
    handbook = context.__parent__
    current = handbook.current_release()
    if current is None:
        require_published(context)
        data = detail(context, request)
        previous, following = handbook.neighbours(context)
        data['previous'] = summary(previous, request) if previous else None
        data['next'] = summary(following, request) if following else None
        return data
    if current.section(context.__name__) is None:
        raise HTTPNotFound()
    return _section_json(request, Place(request, handbook, current), current.section(context.__name__))


@view_config(context=ReleasedSection, accept=JSON, renderer='json')
def released_section_json(context, request):
    return _section_json(request, Place(request, context.release.__parent__, context.release), context.section)


def _section_json(request, place, section):
    """A released section: the same JSON for ever (nothing about which
    release is current)."""
    previous, following = place.release.neighbours(section.name)
    url = request.resource_url(place.release, section.name)

    def brief(s):
        return {'id': s.name, 'number': s.number, 'title': s.title,
                'url': request.resource_url(place.release, s.name)} if s else None
    return {'id': section.name, 'type': 'handbook_section', 'number': section.number,
            'title': section.title, 'body': section.body, 'body_html': to_html(section.body),
            'url': url, 'release': place.release.label, 'checksum': place.release.checksum,
            'previous': brief(previous), 'next': brief(following)}


# -- the whole release, its PDF, what changed -----------------------------------

@view_config(context=Release, name='all', renderer=template('release_all'))
def whole(context, request):
    """The whole release as one printable page, with its contents."""
    place = Place(request, context.__parent__, context)
    return {**_chrome(place), 'toc': place.toc(), 'sections': place.sections(),
            'fonts': pdf.FONTS, 'for_pdf': False}


@view_config(context=Release, name='pdf')
def whole_pdf(context, request):
    """The whole release as a PDF (WeasyPrint), made from the printable page
    once (seconds) and kept: a release never changes."""
    try:
        data = pdf.cached(request, f'handbook-{context.slug}-{context.checksum[:16]}',
                          lambda: pdf.render(request, template('release_all'),
                                             {**whole(context, request), 'for_pdf': True}))
    except pdf.PdfUnavailable:
        request.response.status = 503
        return render_to_response(edit_template('message'), {
            'title': 'PDF 暂不可用', 'message': '服务器缺少生成 PDF 所需的组件（Pango），请联系管理员；可先打印全文页面。'},
            request=request, response=request.response)
    response = Response(body=data, content_type='application/pdf')
    response.headers['Content-Disposition'] = content_disposition(
        f'{context.__parent__.title}-{context.label}.pdf')
    return response


@view_config(context=Release, name='changes', renderer=template('compare'))
def changes(context, request):
    """What changed in this release since the one before it."""
    releases = context.__parent__.all_releases()
    i = releases.index(context)
    if i == 0:
        return {**_chrome(Place(request, context.__parent__, context)), 'comparison': None,
                'choices': releases, 'first': True, 'can_draft': request.has_permission(EDIT, context)}
    return _comparison(request, context.__parent__, releases[i - 1], context)


@view_config(context=Handbook, name='compare', renderer=template('compare'))
def compare_view(context, request):
    """``@@compare?a=v1.0&b=v1.1``: any two releases (editors: ``draft``
    too, to see what the next release will change)."""
    releases = context.all_releases()
    if not releases:
        raise HTTPNotFound()
    a = _release_or_draft(request, context, request.GET.get('a')) or releases[max(0, len(releases) - 2)]
    b = _release_or_draft(request, context, request.GET.get('b')) or releases[-1]
    return _comparison(request, context, a, b)


def _release_or_draft(request, handbook, slug):
    if slug == DRAFT and request.has_permission(EDIT, handbook):
        return _draft_release(handbook)
    return handbook.release(slug)


def _draft_release(handbook):
    """The draft's published sections as an unsaved release (for comparing)."""
    sections = [_named(s) for s in handbook.values() if s.state == 'published']
    draft = Release('工作稿', handbook.current_release().date, sections)
    draft.slug = DRAFT
    return draft


def _comparison(request, handbook, a, b):
    def place(release):
        return Place(request, handbook, release) if release.slug != DRAFT else None
    return {**_chrome(Place(request, handbook, b if b.slug != DRAFT else None)),
            'comparison': compare(a, b), 'choices': handbook.all_releases(), 'first': False,
            'a_place': place(a), 'b_place': place(b), 'can_draft': request.has_permission(EDIT, handbook)}


# -- the draft and cutting a release (editors, reviewers) ------------------------

@view_config(context=Handbook, name='draft', permission=EDIT, renderer=edit_template('handbook_draft'))
def draft(context, request):
    """The working draft: every section with its state, for editors."""
    sections = sorted(context.values(), key=lambda s: s.key)
    return {'sections': sections, 'releases': list(reversed(context.all_releases()))}


@view_config(context=Handbook, name='release', permission=REVIEW, renderer=edit_template('handbook_release'))
def release_form(context, request):
    """Cut a release of the draft: label, date, notes, announcing notice."""
    notices = sorted(request.root['notices'].values(), key=lambda n: n.date or datetime.date.min,
                     reverse=True)[:50]
    page = {'error': None, 'typed': dict(request.POST), 'notices': notices}
    if request.method != 'POST':
        return page
    post = request.POST
    try:
        made = CutRelease(request.root, request.identity, context, post.get('label', ''),
                          parse_date(post.get('date', '')), post.get('notes', ''), post.get('notice', ''),
                          notices={path_of(n) for n in notices}).execute()
    except (ActionError, ReleaseError) as exc:
        request.response.status = getattr(exc, 'status', 400)
        return {**page, 'error': str(exc)}
    flash(request, f'已发布 {made.label}（{len(made.sections)} 节，校验码 {made.checksum[:12]}…）。')
    return HTTPSeeOther(request.resource_url(made))


@view_config(context=ReleasedSection, name='edit', renderer=edit_template('message'))
@view_config(context=Release, name='edit', renderer=edit_template('message'))
def frozen(context, request):
    """Releases never change: say so instead of a form."""
    release = context.release if isinstance(context, ReleasedSection) else context
    request.response.status = 409
    return {'title': f'{release.label} 不能修改',
            'message': f'{release.label} 已发布，内容不再改变；请修改手册工作稿，再发布新版本。'}
