"""The directory of associations, grouped by province, with a filter."""
from pyramid.view import view_config

from camra.content.association import Association, Directory

from . import HTML, JSON, require_published, template
from .listing import as_json


def _groups(context, request):
    groups = context.by_province()
    province = request.params.get('province')
    counts = [(p, len(entries)) for p, entries in groups]
    if province in dict(counts):
        groups = [(p, e) for p, e in groups if p == province]
    else:
        province = None
    return groups, province, counts


@view_config(context=Directory, accept=HTML, renderer=template('directory'))
def directory(context, request):
    groups, province, counts = _groups(context, request)
    return {'groups': groups, 'province': province, 'counts': counts,
            'total': sum(c for _, c in counts)}


@view_config(context=Directory, accept=JSON, renderer='json')
def directory_json(context, request):
    groups, province, counts = _groups(context, request)
    entries = [e for _, group in groups for e in group]
    return as_json(entries, request, fields=lambda e: {'province': e.province, 'city': e.city},
                   province=province, provinces=[{'province': p, 'count': c} for p, c in counts])


@view_config(context=Association, accept=HTML, renderer=template('association'))
def association(context, request):
    require_published(context)
    return {'entry': context}
