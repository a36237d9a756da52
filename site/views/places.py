"""Where items live: renaming (leaving a redirect), deleting into the
recycle bin, restoring from it, emptying it. (What the old URLs answer is
in ``errors``.)"""
from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from camra.content.changes import path_of
from camra.content.folder import Folder, NameError_
from camra.content.item import Item
from camra.content.redirects import move

from ..flash import flash
from ..security import EDIT, MANAGE, REVIEW
from . import edit_template
from .edit import addable


@view_config(context=Item, name='rename', permission=EDIT, renderer=edit_template('rename'))
def rename(context, request):
    """Give an item a new URL name; its old URL redirects to the new one."""
    page = {'name': context.__name__, 'error': None}
    if request.method != 'POST':
        return page
    name = request.POST.get('name', '').strip()
    old = path_of(context)
    try:
        move(context, context.__parent__, name, request.root.redirects)
    except NameError_ as exc:
        request.response.status = 400
        return {'name': name, 'error': str(exc)}
    request.root.audit.record(request.identity.name, 'rename', path_of(context), f'from {old}')
    flash(request, f'网址已改为 {request.resource_url(context)}，旧网址会自动转到这里。')
    return HTTPSeeOther(request.resource_url(context, '@@edit'))


@view_config(context=Item, name='delete', permission=EDIT, request_method='POST')
def delete(context, request):
    """Move an item to the recycle bin. Editors may delete what was never
    published; anything published before needs a reviewer."""
    if context.live_revision is not None or context.state not in ('private', 'pending'):
        if not request.has_permission(REVIEW, context):
            raise HTTPForbidden()
    folder = context.__parent__
    entry = request.root.trash.put(context, request.identity.name)
    request.root.audit.record(request.identity.name, 'delete', entry.path)
    flash(request, f'《{context.title}》已移到回收站，审核人员可以恢复。')
    return HTTPSeeOther(request.resource_url(folder))


@view_config(context=Folder, name='trash', permission=REVIEW, renderer=edit_template('trash'))
def trash(context, request):
    """The recycle bin: what was deleted, by whom, and where it can go back."""
    if context is not request.root:
        raise HTTPNotFound()
    entries = [(entry, _places(request.root, entry.item)) for entry in context.trash.entries()]
    return {'entries': entries}


@view_config(context=Folder, name='restore', permission=REVIEW, request_method='POST')
def restore(context, request):
    """Put a deleted item back: in its old place, or the folder chosen
    (when its old place is gone); a taken name gets a free one like it."""
    entry = _entry(request)
    places = {path_of(folder): folder for folder in _places(request.root, entry.item)}
    folder = places.get(request.POST.get('folder', ''))
    if folder is None:
        raise HTTPNotFound()
    item = request.root.trash.restore(entry.id, folder)
    request.root.audit.record(request.identity.name, 'restore', path_of(item), f'deleted from {entry.path}')
    flash(request, f'《{item.title}》已恢复到 {path_of(item)}（状态：保持删除前的状态）。')
    return HTTPSeeOther(request.resource_url(item, '@@edit'))


@view_config(context=Folder, name='empty-trash', permission=MANAGE, request_method='POST')
def empty_trash(context, request):
    """Delete everything in the bin for good (admins only)."""
    if context is not request.root:
        raise HTTPNotFound()
    count = request.root.trash.empty()
    request.root.audit.record(request.identity.name, 'empty-trash', '', f'{count} items')
    flash(request, f'回收站已清空（{count} 项）。')
    return HTTPSeeOther(request.resource_url(request.root, '@@trash'))


def _places(site, item):
    """The folders ``item`` may go back to: its type's own."""
    return [folder for folder in [site, *site.values()] if isinstance(folder, Folder)
            and any(isinstance(item, info.cls) for info in addable(folder))]


def _entry(request):
    try:
        entry = request.root.trash.get(int(request.POST.get('id', '')))
    except ValueError:
        entry = None
    if entry is None:
        raise HTTPNotFound()
    return entry
