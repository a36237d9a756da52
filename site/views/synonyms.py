"""The search synonym table, edited by admins (``/@@synonyms``)."""
import functools

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from camra.content.actions import ActionError, SetSynonyms
from camra.content.root import SiteRoot
from camra.search import synonyms as synonym_table

from ..flash import flash
from ..security import MANAGE
from . import edit_template


def table_of(site):
    """The synonym table searches of ``site`` use."""
    return _parsed(site.synonyms) if site.synonyms is not None else synonym_table.DEFAULT


@functools.lru_cache(maxsize=8)
def _parsed(text):
    try:
        return synonym_table.parse(text)
    except synonym_table.SynonymError:      # saved tables are checked; one from elsewhere may not be
        return synonym_table.DEFAULT


@view_config(context=SiteRoot, name='synonyms', permission=MANAGE, renderer=edit_template('synonyms'))
def synonyms(context, request):
    """Show the table; a POST checks and saves it (or restores the default)."""
    current = context.synonyms if context.synonyms is not None else synonym_table.DEFAULT_TEXT
    page = {'text': current, 'error': None, 'default': context.synonyms is None}
    if request.method != 'POST':
        return page
    default = request.POST.get('action') == 'default'
    text = None if default else request.POST.get('text', '')
    try:
        table = SetSynonyms(context, request.identity, text).execute()
    except ActionError as exc:
        request.response.status = exc.status
        return {**page, 'text': text, 'error': str(exc)}
    flash(request, '已恢复默认的同义词表。' if default else
          f'已保存同义词表（{len(table.words)} 个词）。搜索立即按新表进行。')
    return HTTPSeeOther(request.resource_url(context, '@@synonyms'))
