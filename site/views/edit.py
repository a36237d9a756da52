"""Adding and editing content, with a Markdown preview; transitions; history.

Every view here needs the ``edit`` permission on its context (a transition
also needs its own); anonymous visitors are sent to the login page first.
"""
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from camra.content.actions import ActionError, Create, Delete, Rename, Save, Transition
from camra.content.changes import path_of
from camra.content.folder import Folder
from camra.content.item import Item
from camra.content.loader import materialise
from camra.content.markup import to_html
from camra.content.registry import addable, info_of, validate
from camra.content.revisions import Conflict, current_values
from camra.content.workflow import has_draft, just_done
from camra.schemas.base import file_fields
from camra.schemas.validation import ValidationError

from .. import forms
from ..flash import flash
from ..security import EDIT
from ..uploads import acceptor, import_word
from . import edit_template, refused


@view_config(context=Folder, name='add', permission=EDIT, renderer=edit_template('form'))
def add(context, request):
    """``@@add?type=notice``: a new item, saved as a private draft."""
    info = next((i for i in addable(context) if i.name == request.params.get('type')), None)
    if info is None:
        raise HTTPNotFound()
    schema = info.schema()
    page = _page(f'新建{info.cls.type_title}', info.name, schema, None)
    page['once'] = forms.form_token(request.POST.get('once'))
    if request.method != 'POST':
        return {**page, 'fields': forms.fields(schema, {})}
    values, shown = _posted(request, info.name, schema, {}, 'private', page)
    if shown:
        return shown
    try:
        item = Create(request.root, request.identity, context, info, values, page['note'], page['once']).execute()
    except ActionError as exc:     # e.g. a document number already used: the form again, as typed
        request.response.status = exc.status
        return {**page, 'error': str(exc),
                'fields': _shown(schema, values, {}, request, {}, _new_files(request, schema, values, {}))}
    flash(request, '已保存为草稿。')
    return HTTPSeeOther(request.resource_url(item, '@@edit'))


AFTER = 'after'     # ``@@edit?after=publish``: the page shown after a transition


@view_config(context=Item, name='edit', permission=EDIT, renderer=edit_template('form'))
def edit(context, request):
    """Edit the latest revision; a save from an older one shows the conflict."""
    schema = info_of(context).schema()
    history = context.history
    latest = history.latest if history is not None else None
    stored = history.values(latest.number) if latest else current_values(context)
    page = _page(f'编辑：{context.title}', context.type_name, schema, latest.number if latest else 0)
    path, who = path_of(context), request.identity.name
    page['others'] = request.root.presence.others(path, who)
    page['may_rename'] = Rename(request.root, request.identity, context, '').permitted()
    page['may_delete'] = Delete(request.root, request.identity, context).permitted()
    if request.method != 'POST':
        if AFTER not in request.GET:        # back from a transition: not opened to edit
            request.root.presence.opened(path, who)
        return {**page, 'fields': forms.fields(schema, stored)}
    page['base'] = _base(request)
    values, shown = _posted(request, context.type_name, schema, stored, context.state, page)
    if shown:
        return shown
    try:
        Save(request.root, request.identity, context, values, page['note'], page['base']).execute()
    except ActionError as exc:     # no base revision: a newer text could not be told apart
        request.response.status = exc.status
        return {**page, 'base': latest.number if latest else 0, 'error': str(exc),
                'fields': _shown(schema, values, stored, request, {}, _new_files(request, schema, values, stored))}
    except Conflict as conflict:
        request.response.status = 409
        return {**page, 'base': conflict.latest.number,
                'fields': _shown(schema, conflict.mine, stored, request, {}, _new_files(request, schema, conflict.mine, stored)),
                'conflict': {'latest': conflict.latest, 'theirs': forms.fields(schema, conflict.theirs)}}
    request.root.presence.closed(path, who)
    flash(request, '已保存。' + ('已发布的版本保持不变，直到新修订被发布。' if has_draft(context) else ''))
    return HTTPSeeOther(request.resource_url(context, '@@edit'))


def _page(heading, type_name, schema, base):
    return {'heading': heading, 'type_name': type_name, 'base': base, 'preview': None,
            'conflict': None, 'note': '', 'error': None,
            'word_import': word_import(schema), 'word_error': None, 'others': [],
            'may_rename': False, 'may_delete': False, 'once': None}


def word_import(schema):
    """Whether items of ``schema`` can take their body from a Word file
    (they need a body and attachments for its images)."""
    return 'attachments' in file_fields(schema)


def _posted(request, type_name, schema, stored, state, page):
    """``(values, None)``: the posted form's validated values, ready to
    store; or ``(None, page)`` when the form must be shown again (errors,
    preview).

    A Word file's text and images are saved at once, even from the
    preview button, since its images have nowhere else to wait; if the form
    has errors, the Word file is not taken and the typed body is shown."""
    accept = acceptor(request.registry.settings)
    posted = forms.from_post(schema, request.POST, stored, accept, request.root.held)
    typed = dict(posted.cstruct)
    imported = word_import(schema) and import_word(posted, request.POST.get('word'), accept)
    page['note'] = request.POST.get('note', '')
    errors = dict(posted.errors)
    page['word_error'] = errors.pop('word', None)
    try:
        values = _validated(type_name, posted.cstruct, state)
    except ValidationError as exc:
        errors = {**exc.errors, **errors}
    if errors or page['word_error']:
        if imported:
            page['word_error'] = 'Word 文件没有导入：请改正标出的字段后重新选择'
        request.response.status = 400
        return None, {**page, 'error': '请改正标出的字段。',
                      'fields': _shown(schema, typed, stored, request, errors, _held(request, posted))}
    if 'preview' in request.POST and not imported:
        return None, {**page, 'preview': to_html(values.get('body')),
                      'fields': _shown(schema, posted.cstruct, stored, request, {}, _held(request, posted))}
    if imported:
        flash(request, '已从 Word 文件导入正文，请检查后再提交审核。')
    return values, None


def _shown(schema, cstruct, stored, request, errors, held):
    """The fields of a form shown again: what was typed, the stored files,
    and the new files ``held`` for the save to come (field -> ``[(key, file)]``)."""
    files = {name: stored.get(name) for name in file_fields(schema)}
    return forms.fields(schema, {**cstruct, **files}, errors, post=request.POST, held=held)


def _held(request, posted):
    """The new files of ``posted``, each held under a key the form carries back."""
    held = {name: list(kept) for name, kept in posted.held.items()}
    for name, files in posted.fresh.items():
        held.setdefault(name, []).extend((request.root.held.hold(f), f) for f in files)
    return held


def _new_files(request, schema, values, stored):
    """The files of ``values`` that ``stored`` has not (a conflicting save's
    new files), held for the form shown again."""
    held = {}
    for name in file_fields(schema):
        new = [f for f in _listed(values.get(name)) if f not in _listed(stored.get(name))]
        if new:
            held[name] = [(request.root.held.hold(f), f) for f in new]
    return held


def _listed(value):
    return list(value) if isinstance(value, (list, tuple)) else [value] if value is not None else []


@view_config(context=Item, name='transition', permission=EDIT, request_method='POST',
             renderer=edit_template('message'))
def apply_transition(context, request):
    """Move the item by the transition named in the form, if the role allows."""
    name = request.POST.get('name', '')
    try:
        done = Transition(request.root, request.identity, context, name, request.POST.get('note', '')).execute()
    except ActionError as exc:
        # The same request sent again after its answer was lost: done, not refused.
        done = just_done(context, name, request.identity.name)
        if done is None:
            return refused(request, exc)
    # Publishing (or submitting) is what the form was open for: nobody is
    # editing it now, and the page shown after it does not say so again.
    request.root.presence.closed(path_of(context), request.identity.name)
    flash(request, f'已{done.title}。')
    return HTTPSeeOther(request.resource_url(context, '@@edit', query={AFTER: done.name}))


def _validated(type_name, cstruct, state):
    return materialise(validate(type_name, {**cstruct, 'state': state}))


def _base(request):
    """The revision number the form was made from; None when it is missing
    or malformed."""
    try:
        base = int(request.POST.get('base', ''))
    except ValueError:
        return None
    return base if base >= 0 else None




