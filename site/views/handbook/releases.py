"""A whole release on one page and as PDF, what changed, and comparisons."""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from camra.content.comparison import compare
from camra.content.handbook import Handbook
from camra.content.redline import to_marked_html, to_marked_line
from camra.content.releases import Release

from ... import pdf
from ...security import EDIT
from .. import template
from ..items import content_disposition
from .place import DRAFT, Place, chrome, frozen_copy

# -- the whole release, its PDF, what changed -----------------------------------

@view_config(context=Release, name='all', renderer=template('release_all'))
def whole(context, request):
    """The whole release as one printable page, with its contents."""
    place = Place(request, context.__parent__, context)
    return {**chrome(place), 'toc': place.toc(), 'sections': place.sections(),
            'for_pdf': False}


@view_config(context=Release, name='pdf')
def whole_pdf(context, request):
    """The whole release as a PDF (WeasyPrint), made from the printable page
    once (seconds) and kept: a release never changes."""
    try:
        data = pdf.cached(request, f'handbook-{context.slug}-{context.checksum[:16]}',
                          lambda: pdf.render(request, template('release_all'),
                                             {**whole(context, request), 'for_pdf': True}))
    except pdf.PdfUnavailable:
        return pdf.unavailable(request)
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
        return {**chrome(Place(request, context.__parent__, context)), 'comparison': None,
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
    sections = [frozen_copy(s) for s in handbook.values() if s.state == 'published']
    draft = Release('工作稿', handbook.current_release().date, sections)
    draft.slug = DRAFT
    return draft


def _comparison(request, handbook, a, b):
    def place(release):
        return Place(request, handbook, release) if release.slug != DRAFT else None
    comparison = compare(a, b)
    # Readers see each changed section rendered, its changes marked in place;
    # ``?view=source`` shows the Markdown side by side, as editors write it.
    source = request.GET.get('view') == 'source'
    marked = [] if source else [
        {'section': n, 'title': to_marked_line(o.title, n.title), 'body': to_marked_html(o.body, n.body)}
        for o, n, _, _ in comparison.changed]
    return {**chrome(Place(request, handbook, b if b.slug != DRAFT else None)),
            'comparison': comparison, 'choices': handbook.all_releases(), 'first': False,
            'marked': marked, 'source': source,
            'a_place': place(a), 'b_place': place(b), 'can_draft': request.has_permission(EDIT, handbook)}
