"""A full disk: a Chinese page that says so and keeps what was typed.

When the database, a blob or the index cannot be written for want of space
(``ENOSPC``, or a quota), the write is rolled back by pyramid_tm; this tween,
over it, answers 507 with the posted fields in a form that sends them again
to the same address once space is freed. Uploaded files cannot be kept: the
page says so.
"""
import errno
import logging

from pyramid.renderers import render_to_response

from . import views
from .refusals import refusal_page

log = logging.getLogger(__name__)
FULL = (errno.ENOSPC, errno.EDQUOT)
_NOT_SHOWN = ('csrf_token',)
# What the forms post besides what was typed: sent again, not shown.
_CONTROLS = ('save', 'preview', 'once', 'base', 'name', 'note_kind')


def is_disk_full(exc):
    """Whether ``exc``, or an exception it came from, says the disk is full."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in FULL:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def disk_full_tween_factory(handler, registry):
    def disk_full_tween(request):
        try:
            return handler(request)
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            log.error('disk full: %s %s not saved (%s)', request.method, request.path_qs, exc)
            return _page(request)
    return disk_full_tween


def _titles():
    """``{field name: title}`` of every content type's form fields."""
    from camra.content.registry import TYPES
    titles = {'note': '修订说明'}
    for info in TYPES.values():
        titles.update((node.name, node.title) for node in info.schema().children)
    return titles


def _page(request):
    fields, hidden, files, titles = [], [], [], _titles()
    if request.method == 'POST':
        for name, value in request.POST.items():
            if hasattr(value, 'filename'):
                files.append(value.filename)
            elif not isinstance(value, str):
                continue        # an empty file field
            elif name in _CONTROLS:
                hidden.append((name, value))
            elif name not in _NOT_SHOWN:
                fields.append((titles.get(name, name), name, value, min(20, value.count('\n') + 1)))
    values = {'fields': fields, 'hidden': hidden, 'files': files, 'action': request.path_qs}
    try:
        response = render_to_response(views.edit_template('disk_full'), values, request=request)
    except Exception:       # the site's own pages may not render either
        log.exception('disk full: the page could not be rendered')
        response = request.response.__class__(
            refusal_page('磁盘已满，没有保存', '服务器磁盘空间已满，刚才的操作没有保存。请联系网站管理员清理空间后重试。'),
            content_type='text/html', charset='utf-8')
    response.status = 507
    response.headers['Retry-After'] = '60'
    response.headers['Cache-Control'] = 'no-store'
    return response


def includeme(config):
    config.add_tween('camra.site.disk_full.disk_full_tween_factory', over='pyramid_tm.tm_tween_factory')
