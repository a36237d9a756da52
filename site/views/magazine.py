"""Magazine issues by year and edition, and issue pages with their contents."""
from pyramid.view import view_config

from camra.content.magazine import EDITIONS, Magazine, MagazineIssue

from . import HTML, JSON, require_published, template
from .listing import as_json, visible


def _issues(context, request):
    issues = sorted(visible(context), key=lambda i: (i.year or 0, i.issue_no or 0, i.edition),
                    reverse=True)
    try:
        year = int(request.params.get('year', ''))
    except ValueError:
        year = None
    edition = request.params.get('edition') if request.params.get('edition') in EDITIONS else None
    years = sorted({i.year for i in issues}, reverse=True)
    chosen = [i for i in issues if (year is None or i.year == year)
              and (edition is None or i.edition == edition)]
    return chosen, year, edition, years


@view_config(context=Magazine, accept=HTML, renderer=template('magazine'))
def magazine(context, request):
    issues, year, edition, years = _issues(context, request)
    groups = []
    for issue in issues:
        if not groups or groups[-1][0] != issue.year:
            groups.append((issue.year, []))
        groups[-1][1].append(issue)
    return {'groups': groups, 'year': year, 'edition': edition, 'years': years,
            'editions': EDITIONS}


@view_config(context=Magazine, accept=JSON, renderer='json')
def magazine_json(context, request):
    issues, year, edition, years = _issues(context, request)
    return as_json(issues, request, year=year, edition=edition, years=years)


@view_config(context=MagazineIssue, accept=HTML, renderer=template('issue'))
def issue(context, request):
    require_published(context)
    return {'issue': context}
