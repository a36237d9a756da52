"""Scoring the matches of a query, up to a budget.

Whoosh is pure Python: scoring a match costs tens of microseconds, so a word
that every item holds (``汽车维修`` on an automotive repair site) would cost
a second at 100,000 items if every match were scored. ``scan`` stops after
``budget`` matches and says how much of the index it went through, so that
the caller can estimate the rest. A phrase whose words are everywhere but
rarely side by side costs as much without matching: ``scan`` also stops
after ``WORK_PER_MATCH`` times ``budget`` phrase checks.
"""
import dataclasses

WORK_PER_MATCH = 4


class _Exhausted(Exception):
    """The phrase checks of a scan ran out."""


class Work:
    """A count of phrase checks left, read by ``phrase.AdjacentMatcher``
    from the Whoosh search context."""

    def __init__(self, checks):
        self.left = checks
        self.docnum = 0     # of the leaf being checked when the work ran out

    def spend(self, docnum):
        """Count one check of ``docnum``; raise when none are left."""
        self.left -= 1
        if self.left < 0:
            self.docnum = docnum
            raise _Exhausted()


@dataclasses.dataclass
class Scan:
    """``scores`` maps docnums to scores. ``complete`` is True when every
    match was scored; otherwise ``seen`` is the share of the index that was
    gone through (the matches are in index order)."""

    scores: dict
    complete: bool = True
    seen: float = 1.0

    def estimate(self):
        """How many items match, all told (exact when ``complete``)."""
        if self.complete:
            return len(self.scores)
        return max(len(self.scores), round(len(self.scores) / self.seen))


def scan(searcher, query, budget, exclude=frozenset()):
    """Score the matches of ``query`` in index order, except the docnums in
    ``exclude``, until ``budget`` of them are scored."""
    context = searcher.context()
    context.work = work = Work(budget * WORK_PER_MATCH)
    scores = {}
    size = max(1, searcher.doc_count_all())
    for leaf, offset in searcher.leaf_searchers():
        try:
            matcher = query.matcher(leaf, context)
            while matcher.is_active():
                docnum = offset + matcher.id()
                if docnum not in exclude:
                    scores[docnum] = matcher.score()
                    if len(scores) >= budget:
                        return Scan(scores, complete=False, seen=(docnum + 1) / size)
                matcher.next()
        except _Exhausted:
            return Scan(scores, complete=False, seen=(offset + work.docnum + 1) / size)
    return Scan(scores)
