"""Where items live: renaming (leaving a redirect), deleting into the
recycle bin, restoring from it, emptying it. (What the old URLs answer is
in ``errors``.)"""
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config

from camra.content.actions import ActionError, Delete, EmptyTrash, Rename, Restore
from camra.content.changes import path_of
from camra.content.folder import Folder
from camra.content.item import Item
from camra.content.registry import addable

from ..flash import flash
from ..security import EDIT, MANAGE, REVIEW
from . import edit_template, refused


@view_config(context=Item, name='rename', permission=EDIT, renderer=edit_template('rename'))
def rename(context, request):
    """Give an item a new URL name; its old URL redirects to the new one."""
    page = {'name': context.__name__, 'error': None}
    if request.method != 'POST':
        return page
    name = request.POST.get('name', '').strip()
    try:
        Rename(request.root, request.identity, context, name).execute()
    except ActionError as exc:
        request.response.status = exc.status
        return {'name': name, 'error': str(exc)}
    flash(request, f'网址已改为 {request.resource_url(context)}，旧网址会自动转到这里。')
    return HTTPSeeOther(request.resource_url(context, '@@edit'))


@view_config(context=Item, name='delete', permission=EDIT, request_method='POST')
def delete(context, request):
    """Move an item to the recycle bin (who may: ``content.actions.places``)."""
    folder = context.__parent__
    try:
        Delete(request.root, request.identity, context).execute()
    except ActionError as exc:
        return refused(request, exc)
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
    item = Restore(request.root, request.identity, entry.id, folder).execute()
    flash(request, f'《{item.title}》已恢复到 {path_of(item)}（状态：保持删除前的状态）。')
    return HTTPSeeOther(request.resource_url(item, '@@edit'))


@view_config(context=Folder, name='empty-trash', permission=MANAGE, request_method='POST')
def empty_trash(context, request):
    """Delete everything in the bin for good (admins only)."""
    if context is not request.root:
        raise HTTPNotFound()
    count = EmptyTrash(request.root, request.identity).execute()
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
