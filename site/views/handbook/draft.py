"""The working draft for editors, and cutting a release (reviewers)."""
import datetime

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from camra.content.actions import ActionError, CutRelease
from camra.content.changes import path_of
from camra.content.handbook import Handbook
from camra.content.releases import (
    Release,
    ReleasedSection,
    ReleaseError,
    parse_date,
)

from ...flash import flash
from ...security import EDIT, REVIEW
from .. import edit_template

# -- the draft and cutting a release (editors, reviewers) ------------------------

@view_config(context=Handbook, name='draft', permission=EDIT, renderer=edit_template('handbook_draft'))
def draft(context, request):
    """The working draft: every section with its state, for editors."""
    sections = sorted(context.values(), key=lambda s: s.key)
    return {'sections': sections, 'releases': list(reversed(context.all_releases()))}


@view_config(context=Handbook, name='release', permission=REVIEW, renderer=edit_template('handbook_release'))
def release_form(context, request):
    """Cut a release of the draft: label, date, notes, announcing notice."""
    notices = sorted(request.root['notices'].values(), key=lambda n: n.date or datetime.date.min,
                     reverse=True)[:50]
    page = {'error': None, 'typed': dict(request.POST), 'notices': notices}
    if request.method != 'POST':
        return page
    post = request.POST
    try:
        made = CutRelease(request.root, request.identity, context, post.get('label', ''),
                          parse_date(post.get('date', '')), post.get('notes', ''), post.get('notice', ''),
                          notices={path_of(n) for n in notices}).execute()
    except (ActionError, ReleaseError) as exc:
        request.response.status = getattr(exc, 'status', 400)
        return {**page, 'error': str(exc)}
    flash(request, f'已发布 {made.label}（{len(made.sections)} 节，校验码 {made.checksum[:12]}…）；'
                   '搜索将在几秒内收录新版本。')
    return HTTPSeeOther(request.resource_url(made))


@view_config(context=ReleasedSection, name='edit', renderer=edit_template('message'))
@view_config(context=Release, name='edit', renderer=edit_template('message'))
def frozen(context, request):
    """Releases never change: say so instead of a form."""
    release = context.release if isinstance(context, ReleasedSection) else context
    request.response.status = 409
    return {'title': f'{release.label} 不能修改',
            'message': f'{release.label} 已发布，内容不再改变；请修改手册工作稿，再发布新版本。'}
