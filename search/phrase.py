"""Phrase matching by positions, without Whoosh's span machinery.

A Chinese query of n characters is a phrase of n-1 bigrams, so nearly every
query is a phrase. Whoosh's ``Phrase`` checks one through ``SpanNear2``,
which builds span objects for every position of every candidate document;
``Adjacent`` checks the same thing (each token one position after the one
before) with set arithmetic on the position lists, about eight times faster.
Scores are the same: the sum of the tokens' scores, as for ``Phrase``.
"""
from whoosh import matching
from whoosh.matching import wrappers
from whoosh.query import Phrase, Term
from whoosh.util import make_binary_tree


class Adjacent(Phrase):
    """Documents where ``words`` occur in ``fieldname`` side by side, in order.

    ``budgeted`` phrases count their checks on the scan's work budget; a
    phrase that only adds to the score of items found otherwise should not,
    or its misses would end the scan.
    """

    def __init__(self, fieldname, words, boost=1.0, budgeted=True):
        super().__init__(fieldname, words, boost=boost)
        self.budgeted = budgeted

    def matcher(self, searcher, context=None):
        if self.fieldname not in searcher.schema:
            return matching.NullMatcher()
        leaves = [Term(self.fieldname, word).matcher(searcher, context) for word in self.words]
        if not leaves or not all(leaf.is_active() for leaf in leaves):
            return matching.NullMatcher()    # a word not in the index: no match
        if len(leaves) == 1:
            found = leaves[0]
        else:
            both = make_binary_tree(matching.IntersectionMatcher, leaves)
            work = getattr(context, 'work', None) if self.budgeted else None
            found = AdjacentMatcher(both, leaves, work)
        if self.boost != 1.0:
            found = wrappers.WrappingMatcher(found, boost=self.boost)
        return found


class AdjacentMatcher(wrappers.WrappingMatcher):
    """Steps through the intersection ``child`` of the ``leaves`` (one term
    matcher per word) and stops only where their positions line up. Each
    check is counted on ``work`` (see ``scan.Work``) when there is one."""

    def __init__(self, child, leaves, work=None):
        super().__init__(child)
        self._leaves = leaves
        self._work = work
        self._settle()

    def _settle(self):
        child, work = self.child, self._work
        while child.is_active():
            if work is not None:
                work.spend(child.id())
            if self._lined_up():
                return
            child.next()

    def _lined_up(self):
        # Word i at position p + i for some p: intersect {position - i}.
        starts = None
        for shift, leaf in enumerate(self._leaves):
            here = {p - shift for p in leaf.value_as('positions')}
            starts = here if starts is None else starts & here
            if not starts:
                return False
        return True

    def next(self):
        self.child.next()
        self._settle()

    def skip_to(self, id):
        self.child.skip_to(id)
        self._settle()

    def all_ids(self):
        while self.is_active():
            yield self.id()
            self.next()

    def copy(self):
        leaves = [leaf.copy() for leaf in self._leaves]
        return AdjacentMatcher(make_binary_tree(matching.IntersectionMatcher, leaves), leaves, self._work)

    def replace(self, minquality=0):
        # Whoosh's block-quality shortcut would swap the children that the
        # position check reads; this matcher keeps them.
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self):
        return False
