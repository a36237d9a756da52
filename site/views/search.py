"""The search page (``/search``) and its JSON twin."""
import logging
import types as pytypes

from pyramid.renderers import render_to_response
from pyramid.traversal import quote_path_segment
from pyramid.view import view_config

from camra.content.registry import TYPES
from camra.content.root import SiteRoot
from camra.search import results as engine
from camra.search.index import IndexUnreadable
from camra.search.query import MAX_LENGTH, MAX_TERMS

from ..paging import page_number
from . import HTML, JSON, edit_template, template
from .synonyms import table_of

log = logging.getLogger(__name__)

SORT_TITLES = {'relevance': '相关度', 'newest': '最新'}
REBUILDING = '搜索索引正在重建，几分钟后即可搜索。在此期间，请从首页的栏目中浏览内容。'
REBUILD_WAIT = 30       # seconds a client is asked to wait (Retry-After)


class Rebuilding(Exception):
    """The index cannot answer now: it is being checked or rebuilt."""


def _search(request):
    """Run the search the request asks for; ignores unknown filter values.
    Raises ``Rebuilding`` (with the follower told to check the index) when
    the index cannot answer.

    ``release=v1.0`` searches that handbook release alone (the current
    release is its handbook sections; older ones have their own documents).
    """
    params = request.params
    text = params.get('q', '')
    chosen_types = [t for t in params.getall('type') if t in TYPES]
    chosen_years = [y for y in params.getall('year') if y.isdigit() and len(y) == 4]
    release = _release(request)
    older = release if release is not None and release is not release.__parent__.current_release() else None
    types = ['handbook_section'] if release is not None and older is None else chosen_types
    size = int(request.registry.settings.get('page_size', 20))
    index, follower = request.registry.search_index, getattr(request.registry, 'search_follower', None)
    try:
        if index.tid is None:       # new, or thrown away as damaged: being built
            if follower is not None:
                follower.suspect()
            raise Rebuilding()
        found = engine.search(index, text, types=types,
                              years=chosen_years, sort=params.get('sort', 'relevance'),
                              page=page_number(request), page_size=size,
                              release=older.slug if older is not None else None,
                              weights=request.registry.search_weights, synonyms=table_of(request.root))
    except IndexUnreadable:
        log.exception('search index %s could not be read', index.path)
        if follower is not None:
            follower.suspect()
        raise Rebuilding() from None
    return found, chosen_types, chosen_years


def _rebuilding(request):
    request.response.status = 503
    request.response.headers['Retry-After'] = str(REBUILD_WAIT)


def _release(request):
    """The handbook release chosen with ``release=``, or None."""
    handbook = request.root.get('handbook')
    slug = request.params.get('release', '')
    return handbook.release(slug) if slug and hasattr(handbook, 'release') else None


def _message(found):
    if found.query.truncated:
        return f'查询词过长，只按前 {MAX_LENGTH} 个字查找。'
    if found.query.too_many_terms:
        return f'查询词太多，只按前 {MAX_TERMS} 个词查找。'
    if found.query.empty:
        return '请输入要查找的词语，例如“会员服务”“T/CAMRA 002-2016”。'
    if not found.total:
        return f'没有找到与“{found.query.text}”相关的内容。请换一个词，或去掉筛选条件。'
    return ''


def result_urls(request):
    """``url(path)``: the public URL of the item at site ``path`` (the
    site's URL is made once for all the results of a page)."""
    base = request.resource_url(request.root)
    return lambda path: base + '/'.join(quote_path_segment(s) for s in path.split('/') if s) + '/'


def _releases(request):
    handbook = request.root.get('handbook')
    return list(reversed(handbook.all_releases())) if hasattr(handbook, 'all_releases') else []


def _type_title(name):
    info = TYPES.get(name)
    return info.cls.type_title if info else name


def _too_many(request):
    """Seconds this reader's address must wait for its next search (0: it
    may search now, which counts). Only searches that must run count: a kept
    page or a 304 is answered before this view."""
    throttle, key = request.registry.search_throttle, 'search:' + (request.client_addr or '')
    if throttle is None:
        return 0
    wait = throttle.wait(key)
    if wait:
        request.response.status = 429
        request.response.headers['Retry-After'] = str(wait)
    else:
        throttle.count(key)
    return wait


TOO_MANY = '搜索过于频繁，请 {} 秒后再试。'


@view_config(context=SiteRoot, name='search', accept=HTML, renderer=template('search'))
def search_page(context, request):
    wait = _too_many(request)
    if wait:
        return render_to_response(edit_template('message'), {'title': '请稍后再搜索', 'message': TOO_MANY.format(wait)},
                                  request=request, response=request.response)
    try:
        found, chosen_types, chosen_years = _search(request)
    except Rebuilding:
        _rebuilding(request)
        return render_to_response(edit_template('message'), {'title': '搜索暂不可用', 'message': REBUILDING},
                                  request=request, response=request.response)
    page = pytypes.SimpleNamespace(
        number=found.page, pages=found.pages, total=found.total,
        previous=found.page - 1 if found.page > 1 else None,
        next=found.page + 1 if found.page < found.pages else None)
    return {
        'found': found, 'page': page, 'message': _message(found), 'q': request.params.get('q', ''),
        'type_facets': [(t, _type_title(t), n) for t, n in sorted(found.facets['type'].items(),
                                                                  key=lambda kv: -kv[1])],
        'year_facets': list(found.facets['year'].items()),
        'chosen_type': chosen_types[0] if chosen_types else None,
        'chosen_year': chosen_years[0] if chosen_years else None,
        'chosen_release': _release(request), 'releases': _releases(request),
        'sorts': SORT_TITLES, 'type_title': _type_title,
        'url': lambda hit, url=result_urls(request): url(hit.path),
    }


@view_config(context=SiteRoot, name='search', accept=JSON, renderer='json')
def search_json(context, request):
    wait = _too_many(request)
    if wait:
        return {'error': 'too_many_searches', 'message': TOO_MANY.format(wait), 'retry_after': wait}
    try:
        found, chosen_types, chosen_years = _search(request)
    except Rebuilding:
        _rebuilding(request)
        return {'error': 'index_rebuilding', 'message': REBUILDING, 'retry_after': REBUILD_WAIT}
    url = result_urls(request)
    return {
        'query': found.query.text, 'message': _message(found), 'total': found.total,
        'exact': found.exact, 'suggestion': found.suggestion or None, 'also_searched': found.expanded,
        'pinyin': found.pinyin,
        'page': found.page, 'pages': found.pages, 'per_page': found.page_size, 'sort': found.sort,
        'filters': {'type': chosen_types, 'year': chosen_years,
                    'release': _release(request).label if _release(request) is not None else None},
        'facets': {
            'type': [{'value': t, 'title': _type_title(t), 'count': n} for t, n in found.facets['type'].items()],
            'year': [{'value': y, 'count': n} for y, n in found.facets['year'].items()],
        },
        'results': [{
            'id': hit.name, 'type': hit.type, 'type_title': _type_title(hit.type), 'title': hit.title,
            'number': hit.number, 'url': url(hit.path), 'date': hit.date or None,
            'snippet': hit.snippet_html, 'title_html': hit.title_html, 'score': hit.score,
        } for hit in found.hits],
    }
