"""What a visitor typed, understood: words, "quoted phrases", -exclusions.

``parse`` never raises: whatever the input, it gives a ``ParsedQuery``
(possibly empty). ``build`` turns it into the Whoosh queries of the two
result tiers (items matching every clause, then items matching some) and of
the boosts that order them.
"""
import dataclasses
import re

from whoosh import query as q

from .analysis import normalize, terms
from .phrase import Adjacent, Bonus

MAX_LENGTH = 200        # characters of a query; the rest is ignored
MAX_CLAUSES = 32
MATCHED_FIELD = 'all'   # title, number and text together
# Matches in titles and numbers add this much of their own score again
# (items are found through ``all``, which holds them too).
BOOSTED_FIELDS = (('title', 3.0), ('number', 5.0))
TOGETHER_BOOST = 2.0    # the clauses side by side, as typed, weigh more

# "phrase", “phrase”, 「phrase」, 『phrase』; an unclosed quote runs to the end.
_CHUNK = re.compile(r'''([-\u2212]?)(?:"([^"]*)"?|“([^”]*)”?|「([^」]*)」?|『([^』]*)』?|([^\s"“「『]+))''')


@dataclasses.dataclass
class Clause:
    """One searched unit: the analysed ``terms`` of a word or phrase."""

    terms: list
    text: str = ''
    quoted: bool = False    # the visitor asked for this phrase: required in both tiers


@dataclasses.dataclass
class ParsedQuery:
    """A parsed query: ``text`` as understood (normalized, shortened)."""

    text: str = ''
    clauses: list = dataclasses.field(default_factory=list)
    excluded: list = dataclasses.field(default_factory=list)
    truncated: bool = False

    @property
    def empty(self):
        return not self.clauses

    def highlight_terms(self):
        """What to mark in titles and snippets: clauses of several terms whole
        (as ``(text,)`` tuples), and the terms of unquoted clauses."""
        marked = set()
        for clause in self.clauses:
            if clause.quoted or len(clause.terms) > 1:
                marked.add((clause.text,))
            if not clause.quoted:
                marked.update(clause.terms)
        return sorted(marked, key=str)


def parse(text):
    """Parse the visitor's ``text`` (any string, even None)."""
    text = normalize(str(text or '')).strip()
    truncated = len(text) > MAX_LENGTH
    text = text[:MAX_LENGTH]
    parsed = ParsedQuery(text=text, truncated=truncated)
    for match in _CHUNK.finditer(text):
        minus, *quoted, bare = match.groups()
        phrase_text = next((g for g in quoted if g is not None), None)
        chunk = phrase_text if phrase_text is not None else bare
        if bare and minus and not bare.strip('-\u2212'):
            continue    # a lone "-"
        found = terms(chunk)
        if not found:
            continue
        clause = Clause(found, chunk, quoted=phrase_text is not None)
        (parsed.excluded if minus else parsed.clauses).append(clause)
    del parsed.clauses[MAX_CLAUSES:]
    del parsed.excluded[MAX_CLAUSES:]
    return parsed


@dataclasses.dataclass
class Plan:
    """The Whoosh queries of a parsed query.

    ``every`` finds items with every clause (each clause's terms side by
    side), ``some`` items with any term of the unquoted clauses (quoted ones
    stay required; None when it could find nothing more than ``every``).
    Exclusions apply to both. ``best`` finds the items of ``every`` whose
    title or number holds every clause. ``titles`` are the clauses as
    phrases in titles and numbers, ``together`` the clauses side by side as
    typed (None for one clause): both only add to the score of items that a
    query found.
    """

    every: q.Query
    some: q.Query = None
    best: q.Query = None
    titles: list = dataclasses.field(default_factory=list)
    together: Adjacent = None

    def scored(self, tier, filters=None):
        """``tier``'s items (within ``filters``), scored with the bonuses."""
        return Bonus(_within(tier, filters), self._bonuses())

    def boosted(self, filters=None):
        """The items of ``best`` (within ``filters``): few, and found
        without going through ``every``, scored with the bonuses."""
        return Bonus(_within(self.best, filters), self._bonuses())

    def _bonuses(self):
        return [*self.titles, self.together] if self.together is not None else list(self.titles)


def build(parsed):
    """The ``Plan`` of a parsed query, which must not be empty."""
    every = q.And([_clause(c, MATCHED_FIELD) for c in parsed.clauses])
    titles = [Adjacent(f, c.terms, boost=b, budgeted=False)
              for c in parsed.clauses for f, b in BOOSTED_FIELDS]
    # ``all`` holds the title and the number: these items are all in ``every``.
    best = q.And([q.Or([Adjacent(f, c.terms, budgeted=False) for f, _ in BOOSTED_FIELDS])
                  for c in parsed.clauses])
    together = None
    if len(parsed.clauses) > 1:
        terms_together = [t for c in parsed.clauses for t in c.terms]
        together = Adjacent(MATCHED_FIELD, terms_together, boost=TOGETHER_BOOST, budgeted=False)
    loose = list(dict.fromkeys(t for c in parsed.clauses if not c.quoted for t in c.terms))
    some = None
    if len(loose) > 1:
        required = [_clause(c, MATCHED_FIELD) for c in parsed.clauses if c.quoted]
        some = q.Or([q.Term(MATCHED_FIELD, t) for t in loose])
        if required:
            some = q.And(required + [some])
    if parsed.excluded:
        excluded = q.Or([_clause(c, MATCHED_FIELD) for c in parsed.excluded])
        every = q.AndNot(every, excluded)
        best = q.AndNot(best, excluded)
        some = q.AndNot(some, excluded) if some is not None else None
    return Plan(every, some, best, titles, together)


def _within(found, filters):
    return found if filters is None else q.And([found, filters])


def _clause(clause, field):
    if len(clause.terms) == 1:
        return q.Term(field, clause.terms[0])
    return Adjacent(field, clause.terms)
