"""Running a search: tiers, filters, sorting, paging, facet counts, snippets."""
import dataclasses
import weakref

from whoosh import query as q

from . import highlight
from .query import build, parse
from .scan import scan

SORTS = ('relevance', 'newest')
MAX_PAGE_SIZE = 100
# Matches scored per scan: enough for exact answers on any specific query,
# and a bound on the time of a query that nearly every item matches.
BUDGET = 100
# How far estimated results can be paged: deeper pages would cost a scan of
# every match, and nobody reads them.
MAX_REACH = 1000


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
    ``{value: count}``, each counted with the other filter applied.
    ``total`` and the counts are estimates when ``exact`` is False."""

    query: object
    total: int = 0
    hits: list = dataclasses.field(default_factory=list)
    facets: dict = dataclasses.field(default_factory=lambda: {'type': {}, 'year': {}})
    page: int = 1
    page_size: int = 10
    sort: str = 'relevance'
    exact: bool = True

    @property
    def pages(self):
        pages = max(1, -(-self.total // self.page_size))
        return pages if self.exact else min(pages, -(-MAX_REACH // self.page_size))


def search(index, text, types=(), years=(), sort='relevance', page=1, page_size=10, release=None):
    """Search ``index`` for the visitor's ``text``; never raises on input.

    Items matching every clause come first, then items matching some, each
    tier by ``sort`` (``relevance`` or ``newest``). ``types`` and ``years``
    restrict the results (any of the given values). Documents of older
    releases are left out, unless ``release`` names one: then only its
    documents are searched. When a tier matches more
    than ``BUDGET`` items, the total and the facet counts are estimates
    (``exact`` is False) and the page is chosen from a bounded sample: see
    ``_Tier``.
    """
    parsed = parse(text)
    sort = sort if sort in SORTS else 'relevance'
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    page = max(1, int(page))
    results = Results(parsed, page=page, page_size=page_size, sort=sort)
    if parsed.empty:
        return results
    plan = build(parsed)
    wanted = _Filter({t for t in types if t}, {str(y) for y in years if y}, release or None)
    stop = page * page_size
    terms = parsed.highlight_terms()
    with index.searcher() as searcher:
        if not searcher.doc_count():
            return results
        columns = _Columns.of(searcher)
        # ``done``: documents no tier may return (older releases, unless asked).
        ordered, done = [], set() if wanted.release else set(columns.released)
        for query in (plan.every, plan.some):
            if query is None:
                break
            tier = _Tier(searcher, plan, query, done, columns, wanted, first=not done)
            tier.count(results.facets)
            ordered.extend(tier.ordered(sort, stop))
            results.total += tier.total()
            if not tier.complete:
                results.exact = False
                break       # far more matches than anyone pages through
            done |= set(tier.sample.scores)
        results.hits = [_hit(searcher, score, docnum, terms)
                        for score, docnum in ordered[stop - page_size:stop]]
    results.facets['year'] = dict(sorted(results.facets['year'].items(), reverse=True))
    return results


@dataclasses.dataclass
class _Filter:
    types: set
    years: set
    release: str = None

    def allows(self, doc_type, doc_year, facet=None, doc_release=''):
        """Whether an item passes the filters (all but ``facet``'s own)."""
        return ((facet == 'type' or not self.types or doc_type in self.types)
                and (facet == 'year' or not self.years or doc_year in self.years)
                and (not self.release or doc_release == self.release))

    def query(self, years=None):
        """The filters as a Whoosh query (None when there are none);
        ``years`` replaces the chosen years."""
        years = self.years if years is None else years
        parts = [q.Or([q.Term(name, value) for value in sorted(values)])
                 for name, values in (('type', self.types), ('year', years)) if values]
        if self.release:
            parts.append(q.Term('release', self.release))
        return q.And(parts) if parts else None


class _Columns:
    """The type, year and date of any docnum, read from Whoosh's columns."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.type = reader.column_reader('type')
        self.year = reader.column_reader('year')
        self.date = reader.column_reader('date')
        self.years = sorted((y.decode() for y in reader.lexicon('year')), reverse=True)
        # The few documents of older releases, and which release each is of.
        self.release = {docnum: value.decode() for value in reader.lexicon('release') if value
                        for docnum in reader.postings('release', value).all_ids()}
        self.released = frozenset(self.release)

    @classmethod
    def of(cls, searcher):
        """The columns of ``searcher``, read once per searcher (reading
        them costs more than most queries)."""
        columns = _COLUMNS.get(searcher)
        if columns is None:
            columns = _COLUMNS[searcher] = cls(searcher)
        return columns


_COLUMNS = weakref.WeakKeyDictionary()


class _Tier:
    """The matches of one tier's ``query`` that are not in ``done``.

    One scan scores up to ``BUDGET`` matches. When that is all of them
    (``complete``), filters, order and counts come from it, exactly. When it
    is not, the counts are scaled up from the sample, and the page comes from
    further bounded scans. By relevance: first the items whose title or
    number holds every clause (the best, found without going through the rest),
    then the sample, or when there are filters a scan of the filtered query.
    Newest first: the query year by year, newest year first.
    """

    def __init__(self, searcher, plan, query, done, columns, wanted, first):
        self.searcher, self.plan, self.query = searcher, plan, query
        self.done, self.columns, self.wanted, self.first = done, columns, wanted, first
        self.sample = scan(searcher, plan.scored(query), BUDGET, done)
        self.complete = self.sample.complete
        self.scale = 1.0 if self.complete else 1.0 / self.sample.seen
        # The chosen filters may keep few of the sample, or none: scan for them.
        self.filters = wanted.query()
        self.filtered = None
        if not self.complete and self.filters is not None:
            self.filtered = scan(searcher, plan.scored(query, self.filters), BUDGET, done)

    def count(self, facets):
        """Add this tier's counts by type (within the chosen years) and by
        year (within the chosen types) to ``facets``."""
        by_type, by_year = facets['type'], facets['year']
        columns, wanted = self.columns, self.wanted
        for docnum in self.sample.scores:
            doc_type, doc_year = columns.type[docnum], columns.year[docnum]
            doc_release = columns.release.get(docnum, '')
            if wanted.allows(doc_type, doc_year, 'type', doc_release):
                by_type[doc_type] = by_type.get(doc_type, 0) + self.scale
            if doc_year and wanted.allows(doc_type, doc_year, 'year', doc_release):
                by_year[doc_year] = by_year.get(doc_year, 0) + self.scale
        for facet in (by_type, by_year):
            for value, count in facet.items():
                facet[value] = round(count)

    def total(self):
        """How many of this tier's items pass the filters (estimated when
        the tier is not complete)."""
        if self.filtered is not None:
            return self.filtered.estimate()
        return round(len(self._passing(self.sample.scores)) * self.scale)

    def ordered(self, sort, stop):
        """``(score, docnum)`` of the tier's items that pass the filters, in
        ``sort`` order: all of them, or when the tier is not complete, at
        least the first ``stop`` where there are that many."""
        if self.complete:
            return self._order(self._passing(self.sample.scores), sort)
        reach = max(BUDGET, min(stop, MAX_REACH))
        if sort == 'newest':
            return self._newest(stop, reach)
        rest = self.filtered or self.sample
        if not rest.complete and len(rest.scores) < reach:     # the page lies past it
            rest = scan(self.searcher, self.plan.scored(self.query, self.filters), reach, self.done)
        best = {}
        if self.first:    # the second tier's best items are all in the first
            best = scan(self.searcher, self.plan.boosted(self.filters), reach, self.done).scores
        rest = {d: s for d, s in rest.scores.items() if d not in best}
        return self._order(best, sort) + self._order(rest, sort)

    def _newest(self, stop, reach):
        found = []
        for year in self.columns.years:
            if self.wanted.years and year not in self.wanted.years:
                continue
            in_year = self.plan.scored(self.query, self.wanted.query(years={year}))
            found.extend(self._order(scan(self.searcher, in_year, reach, self.done).scores, 'newest'))
            if len(found) >= stop:
                break
        return found

    def _passing(self, scores):
        columns, wanted = self.columns, self.wanted
        return {d: s for d, s in scores.items()
                if wanted.allows(columns.type[d], columns.year[d], doc_release=columns.release.get(d, ''))}

    def _order(self, scores, sort):
        pairs = [(s, d) for d, s in scores.items()]
        if sort == 'newest':
            date = self.columns.date
            return sorted(pairs, key=lambda sd: (date[sd[1]], sd[0]), reverse=True)
        return sorted(pairs, reverse=True)


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
