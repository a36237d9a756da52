"""Running a search: tiers, filters, sorting, paging, facet counts, snippets."""
import dataclasses

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
    types = {t for t in types if t}
    years = {str(y) for y in years if y}
    start, stop = (page - 1) * page_size, page * page_size
    terms = parsed.highlight_terms()
    with index.searcher() as searcher:
        if not searcher.doc_count():
            return results
        # One scored pass per tier gives the order, the total and the facet
        # counts at once; filters and sorting then work on docnums in Python,
        # which is far cheaper than running the query again per filter.
        type_column = searcher.reader().column_reader('type')
        year_column = searcher.reader().column_reader('year')
        date_column = searcher.reader().column_reader('date') if sort == 'newest' else None
        ordered = []
        tiers = [searcher.search(every, limit=None)]
        if some is not None:
            tiers.append(searcher.search(some, limit=None, mask=tiers[0]))  # its docs, not a rerun
        for tier in tiers:
            docs = tier.top_n      # (score, docnum) of every match, best first
            chosen = [(score, docnum) for score, docnum in docs
                      if (not types or type_column[docnum] in types)
                      and (not years or year_column[docnum] in years)]
            if date_column is not None:
                chosen.sort(key=lambda sd: (date_column[sd[1]], sd[0]), reverse=True)
            ordered.extend(chosen)
            _count(results.facets, docs, type_column, year_column, types, years)
        results.total = len(ordered)
        results.hits = [_hit(searcher, score, docnum, terms) for score, docnum in ordered[start:stop]]
    results.facets['year'] = dict(sorted(results.facets['year'].items(), reverse=True))
    return results


def _count(facets, docs, type_column, year_column, types, years):
    """Add counts by type (within the chosen years) and by year (within the
    chosen types) of ``docs``."""
    by_type, by_year = facets['type'], facets['year']
    for _, docnum in docs:
        doc_type = type_column[docnum]
        doc_year = year_column[docnum]
        if not years or doc_year in years:
            by_type[doc_type] = by_type.get(doc_type, 0) + 1
        if doc_year and (not types or doc_type in types):
            by_year[doc_year] = by_year.get(doc_year, 0) + 1


def _hit(searcher, score, docnum, terms):
    fields = searcher.stored_fields(docnum)
    title = fields.get('title', '')
    return Hit(
        path=fields['path'], name=fields.get('name', ''), type=fields.get('type', ''),
        title=title, number=fields.get('number', ''), date=fields.get('date', ''),
        year=fields.get('year', ''), score=round(score or 0.0, 3),
        title_html=highlight.mark(title, terms),
        snippet_html=highlight.snippet(fields.get('text', ''), terms),
    )
