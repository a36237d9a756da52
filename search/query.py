"""What a visitor typed, understood: words, "quoted phrases", -exclusions,
synonyms, and the keys of a title, document number or code.

``parse`` never raises: whatever the input, it gives a ``ParsedQuery``
(possibly empty), which ``camra.search.ranking`` scores.
"""
import dataclasses
import re

from . import keys
from .analysis import is_cjk, normalize, terms
from .synonyms import DEFAULT
from .words import chunk_terms

MAX_LENGTH = 200        # characters of a query; the rest is ignored
MAX_CLAUSES = 32
# Terms a query may score, all clauses together: each costs a pass over its
# postings, and searches take turns, so a query of a hundred words must not
# hold up everyone else's. The rest are ignored, and the page says so.
MAX_TERMS = 40
# A lone Chinese character stands for every bigram it starts (see
# ``camra.search.ranking``): it counts as this many terms.
LONE_COST = 4

# "phrase", “phrase”, 「phrase」, 『phrase』; an unclosed quote runs to the end.
_CHUNK = re.compile(r'''([-\u2212]?)(?:"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?|([^\s"“「『]+))''')


@dataclasses.dataclass
class Clause:
    """One searched unit: the analysed ``terms`` of a word or phrase, and
    ``alternatives`` (``(text, terms)``) that the synonym table gives it."""

    terms: list
    text: str = ''
    quoted: bool = False    # the visitor asked for this phrase: required
    alternatives: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ParsedQuery:
    """A parsed query: ``text`` as understood (normalized, shortened).

    ``together`` holds the bigrams that join two words of a clause
    (``会费标准`` -> ``费标``, see ``camra.search.words``) or two unquoted
    Chinese clauses typed side by side (``会费 标准``): they add to the score
    of items where the words are side by side. ``keys`` are the document-number and
    code keys the query may mean, ``title_key`` its key as a title.
    """

    text: str = ''
    clauses: list = dataclasses.field(default_factory=list)
    excluded: list = dataclasses.field(default_factory=list)
    truncated: bool = False
    too_many_terms: bool = False
    together: list = dataclasses.field(default_factory=list)
    keys: list = dataclasses.field(default_factory=list)
    title_key: str = ''

    @property
    def empty(self):
        return not self.clauses

    @property
    def expanded(self):
        """The synonym texts searched besides what was typed."""
        return [text for clause in self.clauses for text, _ in clause.alternatives]

    def highlight_terms(self):
        """What to mark in titles and snippets: clauses of several terms whole
        (as ``(text,)`` tuples), and the terms of unquoted clauses (synonyms too)."""
        marked = set()
        for clause in self.clauses:
            for text, found in [(clause.text, clause.terms)] + clause.alternatives:
                if clause.quoted or len(found) > 1:
                    marked.add((text,))
                if not clause.quoted:
                    marked.update(found)
        return sorted(marked, key=str)


def parse(text, synonyms=DEFAULT):
    """Parse the visitor's ``text`` (any string, even None), with the
    ``synonyms`` table (``camra.search.synonyms.Table``)."""
    text = normalize(str(text or '')).strip()
    truncated = len(text) > MAX_LENGTH
    text = text[:MAX_LENGTH]
    parsed = ParsedQuery(text=text, truncated=truncated)
    kept = []
    for match in _CHUNK.finditer(text):
        if len(parsed.clauses) > MAX_CLAUSES or len(parsed.excluded) > MAX_CLAUSES:
            break       # past what is searched: the rest would be read for nothing
        minus, *quoted, bare = match.groups()
        phrase_text = next((g for g in quoted if g is not None), None)
        chunk = phrase_text if phrase_text is not None else bare
        if bare and minus and not bare.strip('-\u2212'):
            continue    # a lone "-"
        found = terms(chunk)
        if not found:
            continue
        clause = Clause(found, chunk, quoted=phrase_text is not None)
        if minus:
            parsed.excluded.append(clause)
            continue
        if not clause.quoted:
            clause.terms, joining = chunk_terms(chunk)
            parsed.together += joining
        parsed.clauses.append(clause)
        kept.append(chunk)
    parsed.too_many_terms = len(parsed.clauses) > MAX_CLAUSES
    del parsed.clauses[MAX_CLAUSES:]
    del parsed.excluded[MAX_CLAUSES:]
    for clause in parsed.clauses:
        if not clause.quoted and synonyms is not None:
            clause.alternatives = [(alt, chunk_terms(alt)[0]) for alt in synonyms.alternatives(clause.text)]
            clause.alternatives = [(alt, found) for alt, found in clause.alternatives if found]
    parsed.together = list(dict.fromkeys(parsed.together + _junctions(parsed.clauses)))
    _cap_terms(parsed)
    whole = ' '.join(kept)
    parsed.keys = keys.query_keys(whole)
    parsed.title_key = keys.title_key(whole)
    return parsed


def _cost(found):
    """What scoring the terms ``found`` costs, in terms (see ``LONE_COST``)."""
    return sum(LONE_COST if len(t) == 1 and is_cjk(t) else 1 for t in found)


def _cap_terms(parsed):
    """Keep terms worth at most ``MAX_TERMS`` (``_cost``): clauses in order,
    then synonyms, the joining bigrams and exclusions within what is left."""
    left = MAX_TERMS
    asked = sum(len(c.terms) for c in parsed.clauses)
    kept = []
    for clause in parsed.clauses:
        if left <= 0:
            break
        if _cost(clause.terms) > left:
            fitting, cost = [], 0
            for term in clause.terms:
                cost += _cost([term])
                if cost > left:
                    break
                fitting.append(term)
            clause.terms, clause.alternatives = fitting, []
            if not fitting:
                break
        left -= _cost(clause.terms)
        kept.append(clause)
    for clause in kept:
        clause.alternatives = [(t, found) for t, found in clause.alternatives if _cost(found) <= left]
        left -= sum(_cost(found) for _, found in clause.alternatives)
    parsed.too_many_terms = parsed.too_many_terms or sum(len(c.terms) for c in kept) < asked
    parsed.clauses = kept
    parsed.together = parsed.together[:max(0, left)]
    left -= len(parsed.together)
    parsed.excluded = [c for c in parsed.excluded if _cost(c.terms) <= max(0, left)][:4]


def _junctions(clauses):
    """The bigrams across the boundaries of unquoted Chinese clauses side by side."""
    found = []
    for left, right in zip(clauses, clauses[1:]):
        a, b = left.text[-1:], right.text[:1]
        if not left.quoted and not right.quoted and is_cjk(a) and is_cjk(b):
            found.append(a + b)
    return found
