"""An item's revisions: the history, a side-by-side diff of any two,
revert (which saves an old revision's values as a new revision), and a
preview of the public page of the latest one."""
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import render_view_to_response, view_config

from camra.content.actions import ActionError, Revert
from camra.content.diff import changed, side_by_side
from camra.content.item import PUBLISHED, Item
from camra.content.registry import info_of
from camra.content.workflow import STATE_TITLES

from .. import forms
from ..flash import flash
from ..layout import PREVIEW_KEY
from ..security import EDIT
from . import edit_template


@view_config(context=Item, name='history', permission=EDIT, renderer=edit_template('history'))
def history_view(context, request):
    """Revisions and transitions, newest first (metadata only)."""
    history = context.history
    revisions = history.revisions() if history is not None else []
    return {'revisions': revisions, 'events': history.events() if history is not None else [],
            'live': context.live_revision, 'states': STATE_TITLES,
            'latest': revisions[0].number if revisions else None}


@view_config(context=Item, name='diff', permission=EDIT, renderer=edit_template('diff'))
def diff_view(context, request):
    """``@@diff?a=1&b=3``: every field of two revisions side by side (by
    default the latest against the one before it)."""
    history = context.history
    numbers = [r.number for r in history.revisions()] if history is not None else []
    if len(numbers) < 2:
        return _refused(request, '没有可比较的修订', '这项内容只有一个修订。', 404)
    b = _number(request.GET.get('b'), numbers[0])
    older = numbers[numbers.index(b) + 1:] if b in numbers else ()
    # ``a=live``: against what the public reads now (the review queue's link).
    asked = request.GET.get('a')
    live = getattr(context, 'live_revision', None)
    a = live if asked == 'live' and live is not None else _number(asked, older[0] if older else numbers[-1])
    if a not in numbers or b not in numbers:
        return _refused(request, '没有这个修订', f'可比较的修订为 1 到 {numbers[0]}。', 404)
    schema = info_of(context).schema()
    left, right = (forms.fields(schema, history.values(n)) for n in (a, b))
    compared = [(l.title, side_by_side(_text(l), _text(r))) for l, r in zip(left, right)]
    infos = {r.number: r for r in history.revisions() if r.number in (a, b)}
    return {'a': infos[a], 'b': infos[b], 'numbers': numbers,
            'changed': [(title, rows) for title, rows in compared if changed(rows)],
            'same': [title for title, rows in compared if not changed(rows)]}


@view_config(context=Item, name='revert', permission=EDIT, request_method='POST',
             renderer=edit_template('message'))
def revert(context, request):
    """Save the values of revision ``revision`` as a new revision (from
    ``base``, the latest one when the page was shown)."""
    number, base = _number(request.POST.get('revision')), _number(request.POST.get('base'))
    try:
        info = Revert(request.root, request.identity, context, number, base).execute()
    except ActionError as exc:
        return _refused(request, '未能恢复' if exc.status == 409 else '没有这个修订', str(exc), exc.status)
    flash(request, f'已将修订 {number} 的内容保存为修订 {info.number}。')
    return HTTPSeeOther(request.resource_url(context, '@@history'))


def _text(field):
    if field.kind == 'file':
        return '\n'.join(f'{f.filename}（{f.size} 字节，{f.sha256[:12]}）' for f in field.files)
    return field.value


def _number(text, default=None):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


def _refused(request, title, message, status):
    request.response.status = status
    request.override_renderer = edit_template('message')
    return {'title': title, 'message': message}


@view_config(context=Item, name='preview', permission=EDIT)
def preview(context, request):
    """The public page as it will look once the latest revision is
    published, shown to editors only (draft or not)."""
    history = context.history
    values = history.values(history.latest.number) if history is not None else {}
    shown = _copy(context, {**values, 'state': PUBLISHED, 'publish_at': None, 'expire_at': None})
    request.environ[PREVIEW_KEY] = history.latest.number if history is not None else 1
    response = render_view_to_response(shown, request, secure=False)
    if response is None:
        raise HTTPNotFound()
    response.cache_control = 'no-store'
    return response


def _copy(item, values):
    """An unsaved copy of ``item`` in its place, with ``values`` set."""
    item._p_activate()
    copy = type(item).__new__(type(item))
    copy.__dict__.update(item.__dict__)
    copy.__name__, copy.__parent__ = item.__name__, item.__parent__
    for name, value in values.items():
        setattr(copy, name, value)
    return copy
