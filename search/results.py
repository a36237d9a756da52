"""Running a search: scoring, filters, sorting, paging, facet counts, snippets,
and the last resorts when nothing is found (pinyin, "did you mean")."""
import dataclasses
import re
import threading

import numpy as np

from . import highlight, pinyin, ranking, suggest
from .analysis import normalize
from .fields import value_hash
from .query import Clause, ParsedQuery, parse
from .synonyms import DEFAULT

SORTS = ('relevance', 'newest')
MAX_PAGE_SIZE = 100
# Matches whose text a quoted phrase is checked against, at most (reading a
# text costs about 30 µs).
PHRASE_CHECKS = 1000


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

    ``expanded`` lists the synonyms searched besides what was typed;
    ``pinyin`` is True when the results were found by reading the query as
    pinyin; ``suggestion`` is a query with one character changed that would
    find what this one does not. Every count is exact, except for a quoted
    phrase whose words thousands of items hold: then ``exact`` is False,
    ``total`` and the counts are estimates, and ``reach`` results can be
    paged through."""

    query: object
    total: int = 0
    hits: list = dataclasses.field(default_factory=list)
    facets: dict = dataclasses.field(default_factory=lambda: {'type': {}, 'year': {}})
    page: int = 1
    page_size: int = 10
    sort: str = 'relevance'
    exact: bool = True
    expanded: list = dataclasses.field(default_factory=list)
    pinyin: bool = False
    suggestion: str = ''
    reach: int = 0

    @property
    def pages(self):
        shown = self.total if self.exact else self.reach
        return max(1, -(-shown // self.page_size))


def search(index, text, types=(), years=(), sort='relevance', page=1, page_size=10, release=None,
           weights=None, synonyms=DEFAULT):
    """Search ``index`` for the visitor's ``text``; never raises on input.

    ``types`` and ``years`` restrict the results (any of the given values).
    Documents of older releases are left out, unless ``release`` names one:
    then only its documents are searched. ``weights`` maps type names to
    ranking factors (default 1); ``synonyms`` is the synonym table. Results
    come by ``sort``: ``relevance`` (see ``camra.search.ranking``) or
    ``newest``.
    """
    with _ONE_AT_A_TIME:
        return _search(index, text, types, years, sort, page, page_size, release, weights, synonyms)


# Searches are pure CPU work that often hands the interpreter lock to C code
# (NumPy, zlib) and back: threads searching at once fight over it and each
# search costs two or three times its CPU. Taking turns costs none of that.
_ONE_AT_A_TIME = threading.Lock()


def _search(index, text, types, years, sort, page, page_size, release, weights, synonyms):
    parsed = parse(text, synonyms)
    sort = sort if sort in SORTS else 'relevance'
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    page = max(1, int(page))
    results = Results(parsed, page=page, page_size=page_size, sort=sort, expanded=parsed.expanded)
    if parsed.empty:
        return results
    with index.searcher() as searcher:
        if not searcher.doc_count():
            return results
        view = index.view(searcher)
        by_type = {value_hash(name): float(w) for name, w in (weights or {}).items()}
        found = ranking.score(view, parsed, by_type)
        scale = 1.0
        if any(c.quoted for c in parsed.clauses):
            found, scale = _phrases_checked(view, parsed, found, sort)
        if not len(found.docnums):
            spelled = pinyin.query_tokens(parsed.text)
            if spelled:
                spoken = ParsedQuery(text=parsed.text, clauses=[Clause(spelled, parsed.text)])
                found = ranking.score(view, spoken, by_type, fields=('pinyin',))
                results.pinyin = bool(len(found.docnums))
        if not results.pinyin:
            results.suggestion = suggest.correction(view, parsed) or ''
        keep = _filtered(view, found.docnums, types, years, release)
        _count(view, found.docnums, keep, results.facets, scale)
        chosen = found.docnums[keep['all']]
        scores = found.scores[keep['all']]
        results.total = round(len(chosen) * scale)
        results.exact, results.reach = scale == 1.0, len(chosen)
        start = (page - 1) * page_size
        order = _order(view, chosen, scores, sort, start + page_size)[start:]
        terms = parsed.highlight_terms() if not results.pinyin else []
        stored = view.stored_many([chosen[i] for i in order])
        results.hits = [_hit(fields, float(scores[i]), terms) for fields, i in zip(stored, order)]
    results.facets['year'] = dict(sorted(results.facets['year'].items(), reverse=True))
    return results


def _filtered(view, docnums, types, years, release):
    """Boolean masks over ``docnums``: ``all`` filters, ``type`` all but the
    type filter, ``year`` all but the year filter."""
    everything = np.ones(len(docnums), dtype=bool)
    in_release = view.release[docnums] == value_hash(release or '')
    by_type = np.isin(view.type[docnums], [value_hash(t) for t in types if t]) if any(types) else everything
    by_year = np.isin(view.year[docnums], [value_hash(str(y)) for y in years if y]) if any(years) else everything
    return {'all': in_release & by_type & by_year, 'type': in_release & by_year, 'year': in_release & by_type}


def _count(view, docnums, keep, facets, scale=1.0):
    """Counts by type (within the chosen years) and by year (within the
    chosen types); ``scale`` times them when ``docnums`` stand for more."""
    for facet, column in (('type', view.type), ('year', view.year)):
        names = view.values(facet)
        hashes, counts = np.unique(column[docnums[keep[facet]]], return_counts=True)
        facets[facet] = {names[int(h)]: round(int(n) * scale) for h, n in zip(hashes, counts) if int(h) in names}


def _order(view, docnums, scores, sort, stop):
    """Indexes into ``docnums`` of the first ``stop`` results in ``sort``
    order; ties newest first, then by a hash of the path (the same whatever
    the index's segments)."""
    if not len(docnums):
        return []
    dates, tiebreak = view.date[docnums], view.tiebreak[docnums]
    rounded = np.round(scores, 4)
    if len(docnums) > 4 * stop:
        # Only the best can be on the page: sort those alone, and every item
        # that ties with the last of them, so that ties keep their order.
        primary = -rounded if sort == 'relevance' else -dates.astype(np.float32)
        last = np.partition(primary, stop - 1)[stop - 1]
        cut = np.flatnonzero(primary <= last)
        order = cut[np.lexsort(_keys(rounded[cut], dates[cut], tiebreak[cut], sort))]
    else:
        order = np.lexsort(_keys(rounded, dates, tiebreak, sort))
    return [int(i) for i in order[:stop]]


def _keys(scores, dates, tiebreak, sort):
    # np.lexsort sorts by the last key first.
    if sort == 'newest':
        return (tiebreak, -scores, -dates)
    return (tiebreak, -dates, -scores)


def _phrases_checked(view, parsed, found, sort):
    """``(matches, scale)``: only the matches whose text holds every quoted
    phrase as it was typed (punctuation and spaces between its words
    allowed). A text is read to check it, so at most ``PHRASE_CHECKS``
    matches are checked, the best first (the newest for ``newest``); when
    more hold the phrase's words, ``scale`` estimates how many matches
    each one checked stands for."""
    phrases = [c.text for c in parsed.clauses if c.quoted]
    holders = view.phrase_holders(phrases)
    if holders is not None:         # matched by the index itself, every match
        keep = np.isin(found.docnums, holders, assume_unique=True)
        return ranking.Scores(found.docnums[keep], found.scores[keep]), 1.0
    patterns = [_phrase_pattern(p) for p in phrases]
    if sort == 'newest':
        order = np.argsort(-view.date[found.docnums].astype(np.int64), kind='stable')
    else:
        order = np.argsort(-found.scores, kind='stable')
    checked = order[:PHRASE_CHECKS]
    keep = np.zeros(len(found.docnums), dtype=bool)
    for i in checked:
        stored = view.stored(int(found.docnums[i]))
        text = normalize('\n'.join((stored.get('title', ''), stored.get('number', ''), stored.get('text', ''))))
        keep[i] = all(p.search(text) for p in patterns)
    passed = int(keep.sum())
    scale = 1.0
    if len(order) > len(checked) and passed:
        scale = (passed + passed / len(checked) * (len(order) - len(checked))) / passed
    return ranking.Scores(found.docnums[keep], found.scores[keep]), scale


def _phrase_pattern(phrase):
    pieces = [re.escape(p) for p in re.findall(r'\w+', normalize(phrase))]
    return re.compile(r'[\W_]*'.join(pieces) if pieces else r'(?!)')


def _hit(fields, score, terms):
    title = fields.get('title', '')
    return Hit(
        path=fields['path'], name=fields.get('name', ''), type=fields.get('type', ''),
        title=title, number=fields.get('number', ''), date=fields.get('date', ''),
        year=fields.get('year', ''), score=round(score or 0.0, 3),
        title_html=highlight.mark(title, terms),
        snippet_html=highlight.snippet(fields.get('text', ''), terms),
    )
