"""What a visitor typed, understood: words, "quoted phrases", -exclusions.

``parse`` never raises: whatever the input, it gives a ``ParsedQuery``
(possibly empty). ``build`` turns it into the Whoosh queries of the two
result tiers: items matching every clause, then items matching some.
"""
import dataclasses
import re

from whoosh import query as q

from .analysis import is_cjk, normalize, terms

MAX_LENGTH = 200        # characters of a query; the rest is ignored
MAX_CLAUSES = 32
SEARCHED_FIELDS = ('title', 'number', 'text')
PHRASE_BOOST = 2.0      # the clauses side by side, as typed, weigh more

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


def build(parsed):
    """``(every, some)``: Whoosh queries for the two tiers of results.

    ``every``: items with every clause, each clause's terms side by side
    (the clauses side by side, as typed, weigh more). ``some``: items with
    any term of the unquoted clauses (quoted ones stay required); None when
    it could find nothing more than ``every``. Exclusions apply to both.
    ``parsed`` must not be empty.
    """
    every = q.And([_clause(c) for c in parsed.clauses])
    if len(parsed.clauses) > 1:
        together = [t for c in parsed.clauses for t in c.terms]
        every = q.AndMaybe(every, _any_field(lambda f: q.Phrase(f, together), boost=PHRASE_BOOST))
    loose = list(dict.fromkeys(t for c in parsed.clauses if not c.quoted for t in c.terms))
    some = None
    if len(loose) > 1:
        required = [_clause(c) for c in parsed.clauses if c.quoted]
        some = q.Or([_term(t) for t in loose])
        if required:
            some = q.And(required + [some])
    if parsed.excluded:
        excluded = q.Or([_clause(c) for c in parsed.excluded])
        every = q.AndNot(every, excluded)
        some = q.AndNot(some, excluded) if some is not None else None
    return every, some


def _clause(clause):
    if len(clause.terms) == 1:
        return _term(clause.terms[0])
    return _any_field(lambda f: q.Phrase(f, clause.terms))


def _term(text):
    if len(text) == 1 and is_cjk(text):
        # One character: it starts a bigram, or ends a run alone.
        return _any_field(lambda f: q.Prefix(f, text))
    return _any_field(lambda f: q.Term(f, text))


def _any_field(make, boost=1.0):
    return q.Or([make(f) for f in SEARCHED_FIELDS], boost=boost)
