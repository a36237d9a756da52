"""Running a search: tiers, filters, sorting, paging, facet counts, snippets."""
import dataclasses

from whoosh import query as q
from whoosh import sorting

from . import highlight
from .query import build, parse

SORTS = ('relevance', 'newest')
MAX_PAGE_SIZE = 100


@dataclasses.dataclass
class Hit:
    """One result: stored fields, score and highlighted HTML."""

    path: str
    name: str
    type: str
    title: str
    number: str
    date: str
    year: str
    score: float
    title_html: str
    snippet_html: str


@dataclasses.dataclass
class Results:
    """A page of results. ``facets`` maps ``type`` and ``year`` to
    ``{value: count}``, each counted with the other filter applied."""

    query: object
    total: int = 0
    hits: list = dataclasses.field(default_factory=list)
    facets: dict = dataclasses.field(default_factory=lambda: {'type': {}, 'year': {}})
    page: int = 1
    page_size: int = 10
    sort: str = 'relevance'

    @property
    def pages(self):
        return max(1, -(-self.total // self.page_size))


def search(index, text, types=(), years=(), sort='relevance', page=1, page_size=10):
    """Search ``index`` for the visitor's ``text``; never raises on input.

    Items matching every clause come first, then items matching some, each
    tier by ``sort`` (``relevance`` or ``newest``). ``types`` and ``years``
    restrict the results (any of the given values).
    """
    parsed = parse(text)
    sort = sort if sort in SORTS else 'relevance'
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    page = max(1, int(page))
    results = Results(parsed, page=page, page_size=page_size, sort=sort)
    if parsed.empty:
        return results
    every, some = build(parsed)
    types = [t for t in types if t]
    years = [y for y in years if y]
    chosen = _filter(types, years)
    sortedby = sorting.FieldFacet('date', reverse=True) if sort == 'newest' else None
    start, stop = (page - 1) * page_size, page * page_size
    terms = parsed.highlight_terms()
    with index.searcher() as searcher:
        first = searcher.search(every, limit=stop, filter=chosen, sortedby=sortedby)
        hits = list(first[start:stop])
        total = len(first)
        if some is not None:
            rest = searcher.search(some, limit=max(1, stop - total), filter=chosen,
                                   mask=every, sortedby=sortedby)
            if stop > total:
                hits += list(rest[max(0, start - total):stop - total])
            total += len(rest)
        results.total = total
        results.hits = [_hit(h, terms) for h in hits]
        if total or chosen is not None:
            results.facets = _facets(searcher, q.Or([every, some]) if some is not None else every,
                                     types, years)
    return results


def _filter(types, years):
    parts = []
    if types:
        parts.append(q.Or([q.Term('type', t) for t in types]))
    if years:
        parts.append(q.Or([q.Term('year', str(y)) for y in years]))
    return q.And(parts) if parts else None


def _facets(searcher, matched, types, years):
    """Counts by type (within the chosen years) and by year (within the
    chosen types) of every matching document."""
    if not searcher.doc_count():
        return {'type': {}, 'year': {}}     # an empty index has no columns
    type_column = searcher.reader().column_reader('type')
    year_column = searcher.reader().column_reader('year')
    by_type, by_year = {}, {}
    types, years = set(types), set(str(y) for y in years)
    for docnum in searcher.docs_for_query(matched):
        doc_type = type_column[docnum]
        doc_year = year_column[docnum]
        if not years or doc_year in years:
            by_type[doc_type] = by_type.get(doc_type, 0) + 1
        if doc_year and (not types or doc_type in types):
            by_year[doc_year] = by_year.get(doc_year, 0) + 1
    return {'type': by_type, 'year': dict(sorted(by_year.items(), reverse=True))}


def _hit(hit, terms):
    fields = hit.fields()
    title = fields.get('title', '')
    return Hit(
        path=fields['path'], name=fields.get('name', ''), type=fields.get('type', ''),
        title=title, number=fields.get('number', ''), date=fields.get('date', ''),
        year=fields.get('year', ''), score=round(hit.score or 0.0, 3),
        title_html=highlight.mark(title, terms),
        snippet_html=highlight.snippet(fields.get('text', ''), terms),
    )
