"""Standards: the list (filter by kind and status) and standard pages."""
from pyramid.view import view_config

from camra.content.standard import KINDS, STATUSES, Standard, Standards

from . import HTML, JSON, require_published, template
from .listing import as_json, paged, visible


def _filtered(context, request):
    kind = request.params.get('kind') if request.params.get('kind') in KINDS else None
    status = request.params.get('status') if request.params.get('status') in STATUSES else None
    items = [s for s in visible(context)
             if (kind is None or s.kind == kind) and (status is None or s.status == status)]
    items.sort(key=lambda s: (s.obsolete, s.kind != 'national', s.code))
    return items, kind, status


@view_config(context=Standards, accept=HTML, renderer=template('standards'))
def standards(context, request):
    items, kind, status = _filtered(context, request)
    everything = visible(context)
    return {'page': paged(items, request), 'kind': kind, 'status': status,
            'kinds': [(k, t, sum(s.kind == k for s in everything)) for k, t in KINDS.items()],
            'statuses': [(k, t, sum(s.status == k for s in everything)) for k, t in STATUSES.items()]}


@view_config(context=Standards, accept=JSON, renderer='json')
def standards_json(context, request):
    items, kind, status = _filtered(context, request)
    return as_json(items, request, kind=kind, status=status)


@view_config(context=Standard, accept=HTML, renderer=template('standard'))
def standard(context, request):
    """A standard; an obsolete one carries a banner naming its successor."""
    require_published(context)
    successor = context.successor()
    predecessor = context.predecessor()
    return {'standard': context,
            'successor': successor if successor is not None and successor.published else None,
            'predecessor': predecessor if predecessor is not None and predecessor.published else None}
