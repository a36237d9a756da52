"""Reading the handbook: its contents and sections, as pages and JSON."""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from camra.content.comparison import section_history
from camra.content.handbook import Handbook, HandbookSection
from camra.content.markup import to_html
from camra.content.reading import children_of, neighbours
from camra.content.releases import Release, ReleasedSection

from ...layout import PREVIEW_KEY
from ...serialize import detail, summary
from .. import HTML, JSON, require_published, template
from ..listing import as_json
from .place import Place, chrome, name_of

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
    return {**chrome(place), 'toc': place.toc(), 'sections': place.sections()}


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
    name = name_of(section)
    previous, following = neighbours(sections, section)
    children = children_of(sections, section)
    added = changed = None
    if place.release is not None:
        releases = [r for r in place.handbook.all_releases() if r.date <= place.release.date]
        added, changed = section_history(releases, name)
    return {**chrome(place, name), 'section': section,
            'previous': (previous, place.url(previous)) if previous else None,
            'next': (following, place.url(following)) if following else None,
            'children': [(c, place.url(c)) for c in children],
            'added': added, 'changed': changed}


@view_config(context=HandbookSection, accept=JSON, renderer='json')
def section_json(context, request):
    handbook = context.__parent__
    current = handbook.current_release()
    if current is None:
        require_published(context)
        data = detail(context, request)
        previous, following = neighbours(handbook.sections(), context)
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
    previous, following = neighbours(place.sections(), section)
    url = request.resource_url(place.release, section.name)

    def brief(s):
        return {'id': s.name, 'number': s.number, 'title': s.title,
                'url': request.resource_url(place.release, s.name)} if s else None
    return {'id': section.name, 'type': 'handbook_section', 'number': section.number,
            'title': section.title, 'body': section.body, 'body_html': to_html(section.body),
            'url': url, 'release': place.release.label, 'checksum': place.release.checksum,
            'previous': brief(previous), 'next': brief(following)}


