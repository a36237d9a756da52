"""Adding and editing content, with a Markdown preview; transitions; history.

Every view here needs the ``edit`` permission on its context (a transition
also needs its own); anonymous visitors are sent to the login page first.
"""
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from camra.content.changes import path_of
from camra.content.folder import Folder
from camra.content.item import Item
from camra.content.loader import materialise
from camra.content.markup import to_html
from camra.content.naming import unique_name
from camra.content.registry import TYPES
from camra.content.revisions import Conflict, History, current_values
from camra.content.workflow import WorkflowError, available, has_draft, save, transition
from camra.schemas.registry import SCHEMAS, ValidationError, validate

from .. import forms
from ..flash import flash
from ..security import EDIT, allowed_transitions
from ..uploads import acceptor, import_word
from . import edit_template


def addable(folder):
    """The ``TypeInfo`` of the types that live in ``folder``."""
    container = '' if folder.__parent__ is None else folder.__name__
    if folder.__parent__ is not None and folder.__parent__.__parent__ is not None:
        return []
    return [info for info in TYPES.values() if info.container == container]


@view_config(context=Folder, name='add', permission=EDIT, renderer=edit_template('form'))
def add(context, request):
    """``@@add?type=notice``: a new item, saved as a private draft."""
    info = next((i for i in addable(context) if i.name == request.params.get('type')), None)
    if info is None:
        raise HTTPNotFound()
    schema = SCHEMAS[info.name]()
    page = _page(f'新建{info.cls.type_title}', info.name, schema, None)
    if request.method != 'POST':
        return {**page, 'fields': forms.fields(schema, {})}
    values, shown = _posted(request, info.name, schema, {}, 'private', page)
    if shown:
        return shown
    item = info.cls(**values)
    context.add(unique_name(context, info.make_name(values)), item)
    who = request.identity.name
    item.history = History()
    item.history.add(current_values(item), who, page['note'])
    request.root.audit.record(who, 'add', path_of(item))
    flash(request, '已保存为草稿。')
    return HTTPSeeOther(request.resource_url(item, '@@edit'))


@view_config(context=Item, name='edit', permission=EDIT, renderer=edit_template('form'))
def edit(context, request):
    """Edit the latest revision; a save from an older one shows the conflict."""
    schema = SCHEMAS[context.type_name]()
    history = context.history
    latest = history.latest if history is not None else None
    stored = history.values(latest.number) if latest else current_values(context)
    page = _page(f'编辑：{context.title}', context.type_name, schema, latest.number if latest else 0)
    path, who = path_of(context), request.identity.name
    page['others'] = request.root.presence.others(path, who)
    if request.method != 'POST':
        request.root.presence.opened(path, who)
        return {**page, 'fields': forms.fields(schema, stored)}
    page['base'] = _base(request)
    values, shown = _posted(request, context.type_name, schema, stored, context.state, page)
    if shown:
        return shown
    if page['base'] is None:
        # Without the revision the form started from, a newer text by someone
        # else could not be told apart: refuse rather than overwrite it.
        request.response.status = 400
        return {**page, 'base': latest.number if latest else 0,
                'error': '表单缺少修订号，没有保存：请核对下面的内容后再保存一次。',
                'fields': forms.fields(schema, {**stored, **values})}
    try:
        info = save(context, values, request.identity.name, page['note'], base=page['base'])
    except Conflict as conflict:
        request.response.status = 409
        return {**page, 'base': conflict.latest.number,
                'fields': _shown(schema, conflict.mine, stored, request, {}, _new_files(schema, conflict.mine, stored)),
                'conflict': {'latest': conflict.latest, 'theirs': forms.fields(schema, conflict.theirs)}}
    request.root.presence.closed(path, who)
    request.root.audit.record(who, 'edit', path, f'revision {info.number}')
    flash(request, '已保存。' + ('已发布的版本保持不变，直到新修订被发布。' if has_draft(context) else ''))
    return HTTPSeeOther(request.resource_url(context, '@@edit'))


def _page(heading, type_name, schema, base):
    return {'heading': heading, 'type_name': type_name, 'base': base, 'preview': None,
            'conflict': None, 'note': '', 'error': None,
            'word_import': word_import(schema), 'word_error': None, 'others': []}


def word_import(schema):
    """Whether items of ``schema`` can take their body from a Word file
    (they need a body and attachments for its images)."""
    return 'attachments' in forms.file_fields(schema)


def _posted(request, type_name, schema, stored, state, page):
    """``(values, None)``: the posted form's validated values, ready to
    store; or ``(None, page)`` when the form must be shown again (errors,
    preview).

    A Word file's text and images are saved at once, even from the
    preview button, since its images have nowhere else to wait; if the form
    has errors, the Word file is not taken and the typed body is shown."""
    accept = acceptor(request.registry.settings)
    posted = forms.from_post(schema, request.POST, stored, accept)
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
                      'fields': _shown(schema, typed, stored, request, errors, posted.uploaded)}
    if 'preview' in request.POST and not imported:
        return None, {**page, 'preview': to_html(values.get('body')),
                      'fields': _shown(schema, posted.cstruct, stored, request, {}, posted.uploaded)}
    if imported:
        flash(request, '已从 Word 文件导入正文，请检查后再提交审核。')
    return values, None


def _shown(schema, cstruct, stored, request, errors, uploaded):
    """The fields of a form shown again: what was typed, the stored files
    (a new upload is not kept: the editor is told to choose it again)."""
    errors = {**{name: '新选择的文件没有保存：请在保存时重新选择' for name in uploaded}, **errors}
    files = {name: stored.get(name) for name in forms.file_fields(schema)}
    return forms.fields(schema, {**cstruct, **files}, errors, post=request.POST)


def _new_files(schema, values, stored):
    """The file fields of ``values`` holding a file that ``stored`` has not."""
    return {name for name in forms.file_fields(schema)
            if any(f not in _listed(stored.get(name)) for f in _listed(values.get(name)))}


def _listed(value):
    return list(value) if isinstance(value, (list, tuple)) else [value] if value is not None else []


@view_config(context=Item, name='transition', permission=EDIT, request_method='POST',
             renderer=edit_template('message'))
def apply_transition(context, request):
    """Move the item by the transition named in the form, if the role allows."""
    name = request.POST.get('name', '')
    allowed = {t.name for t in allowed_transitions(request, context)}
    if name not in allowed:
        request.response.status = 403 if name in _all_transitions(context) else 400
        return {'title': '不能执行此操作', 'message': '当前状态或你的角色不允许这个操作。'}
    try:
        done = transition(context, name, request.identity.name, request.POST.get('note', ''))
    except WorkflowError as exc:
        request.response.status = 400
        return {'title': '不能执行此操作', 'message': str(exc)}
    request.root.audit.record(request.identity.name, done.name, path_of(context))
    flash(request, f'已{done.title}。')
    return HTTPSeeOther(request.resource_url(context, '@@edit'))


@view_config(context=Folder, name='dashboard', permission=EDIT, renderer=edit_template('dashboard'))
def dashboard(context, request):
    """Where editors start: what they can add, and the latest activity."""
    if context is not request.root:
        raise HTTPNotFound()
    sections = [(folder, addable(folder)) for folder in context.values() if isinstance(folder, Folder)]
    return {'sections': [(context, addable(context))] + [s for s in sections if s[1]],
            'activity': context.audit.newest(30)}


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


def _all_transitions(context):
    return {t.name for t in available(context, lambda p: True)}


