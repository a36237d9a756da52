"""Phrase matching by positions, without Whoosh's span machinery.

A Chinese query of n characters is a phrase of n-1 bigrams, so nearly every
query is a phrase. Whoosh's ``Phrase`` checks one through ``SpanNear2``,
which builds span objects for every position of every candidate document;
``Adjacent`` checks the same thing (each token one position after the one
before) with set arithmetic on the position lists, about eight times faster.
Scores are the same: the sum of the tokens' scores, as for ``Phrase``.

``Bonus`` adds the score of phrases to the items another query finds,
checking each phrase only at those items (Whoosh's ``AndMaybe`` would go
looking for the phrase's next match, which for a rare phrase of common words
means checking most of the index).
"""
from whoosh import matching
from whoosh.matching import wrappers
from whoosh.query import Phrase, Query, Term
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

    def leaves(self, searcher, context=None):
        """One term matcher per word, or None when a word is not in the index
        (then nothing matches)."""
        if self.fieldname not in searcher.schema:
            return None
        leaves = [Term(self.fieldname, word).matcher(searcher, context) for word in self.words]
        if not leaves or not all(leaf.is_active() for leaf in leaves):
            return None
        return leaves

    def matcher(self, searcher, context=None):
        leaves = self.leaves(searcher, context)
        if leaves is None:
            return matching.NullMatcher()
        if len(leaves) == 1:
            found = leaves[0]
        else:
            # Rarest word first: the intersection then steps through its few
            # documents and skips the others' postings to them.
            order = sorted(range(len(leaves)),
                           key=lambda i: searcher.doc_frequency(self.fieldname, self.words[i]))
            work = getattr(context, 'work', None) if self.budgeted else None
            found = AdjacentMatcher(leaves, order, work)
        if self.boost != 1.0:
            found = wrappers.WrappingMatcher(found, boost=self.boost)
        return found


class AdjacentMatcher(wrappers.WrappingMatcher):
    """Steps through the intersection of the ``leaves`` (one term matcher per
    word, intersected in ``order``) and stops only where their positions line
    up. Each check is counted on ``work`` (see ``scan.Work``) when there is
    one."""

    def __init__(self, leaves, order, work=None):
        super().__init__(_intersection(leaves, order))
        self._leaves, self._order = leaves, order
        self._work = work
        self._settle()

    def _settle(self):
        child, work = self.child, self._work
        while child.is_active():
            if work is not None:
                work.spend(child.id())
            if _lined_up(self._leaves):
                return
            child.next()

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
        return AdjacentMatcher(leaves, self._order, self._work)

    def replace(self, minquality=0):
        # Whoosh's block-quality shortcut would swap the children that the
        # position check reads; this matcher keeps them.
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self):
        return False


def _intersection(leaves, order):
    return make_binary_tree(matching.IntersectionMatcher, [leaves[i] for i in order])


def _lined_up(leaves):
    """True if the leaves' words are side by side in their current document:
    word i at position p + i for some p (intersect the sets {position - i})."""
    starts = None
    for shift, leaf in enumerate(leaves):
        here = {p - shift for p in leaf.value_as('positions')}
        starts = here if starts is None else starts & here
        if not starts:
            return False
    return True


class Bonus(Query):
    """The items of ``found``, each scored with the score of every phrase of
    ``phrases`` (``Adjacent`` queries) that it holds added to its own."""

    def __init__(self, found, phrases):
        self.found = found
        self.phrases = list(phrases)

    def __repr__(self):
        return f'Bonus({self.found!r}, {self.phrases!r})'

    def __eq__(self, other):
        return (type(other) is Bonus and self.found == other.found
                and self.phrases == other.phrases)

    def __hash__(self):
        return hash(self.found) ^ hash(tuple(self.phrases))

    def children(self):
        return [self.found, *self.phrases]

    def matcher(self, searcher, context=None):
        found = self.found.matcher(searcher, context)
        phrases = [(leaves, phrase.boost) for phrase in self.phrases
                   if (leaves := phrase.leaves(searcher, context)) is not None]
        if not phrases or not found.is_active():
            return found
        return BonusMatcher(found, phrases)


class BonusMatcher(wrappers.WrappingMatcher):
    """Steps through ``child``; ``score`` adds ``boost`` times the summed
    scores of the words of each phrase in ``phrases`` (``(leaves, boost)``)
    that lines up in the current document. Leaves only move forward, so
    checking every document costs one pass over their postings at most."""

    def __init__(self, child, phrases):
        super().__init__(child)
        self._phrases = phrases

    def score(self):
        score = self.child.score()
        docnum = self.child.id()
        for leaves, boost in self._phrases:
            if _all_at(leaves, docnum) and _lined_up(leaves):
                score += boost * sum(leaf.score() for leaf in leaves)
        return score

    def copy(self):
        return BonusMatcher(self.child.copy(), [([leaf.copy() for leaf in leaves], boost)
                                                for leaves, boost in self._phrases])

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self):
        return False


def _all_at(leaves, docnum):
    for leaf in leaves:
        if leaf.is_active() and leaf.id() < docnum:
            leaf.skip_to(docnum)
        if not leaf.is_active() or leaf.id() != docnum:
            return False
    return True
