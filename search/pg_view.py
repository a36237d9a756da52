"""The PostgreSQL index as arrays, like ``camra.search.postings.View``, so
that ranking, filters, facets and sorting run on it unchanged.

A ``Snapshot`` holds every document's facts by document number (read once
per process, then brought up to date by reading only the documents added
and deleted since); a term's postings are read once and kept
(``ArrayCache``), then extended by the documents added since. Document
numbers only grow within a generation, so what was read stays true; a
deleted document is left out through ``live``.
"""
import numpy as np

from .fields import value_hash
from .pg_text import FACTS, LENGTH_FIELDS, like_prefix, phrase_query
from .postings import EMPTY_IDS, EMPTY_TF


class Snapshot:
    """Every document's facts at one state of the index (arrays by
    document number); ``marks`` says which state."""

    def __init__(self, generation, size, seen, live, facts):
        self.generation, self.size, self.seen = generation, size, seen
        self.live, self.facts = live, facts
        self.values = {}        # by field: ``{value_hash: value}`` (see ``View.values``)
        self.count = int(live.sum())
        lengths = facts['lengths'][live]
        self.average = {f: max(1.0, float(lengths[:, i].mean())) if self.count else 1.0
                        for i, f in enumerate(LENGTH_FIELDS)}

    @property
    def marks(self):
        return self.generation, self.size, self.seen

    @classmethod
    def read(cls, cur, previous):
        """The snapshot of the transaction ``cur`` is in, made from
        ``previous`` when it is of the same generation and not newer."""
        cur.execute('SELECT generation, next_docnum, '
                    '(SELECT coalesce(max(seq), 0) FROM camra_search_deleted) FROM camra_search_state')
        generation, size, seen = cur.fetchone()
        if previous is not None and previous.marks == (generation, size, seen):
            return previous
        if previous is None or previous.generation != generation or previous.size > size \
                or previous.seen > seen:
            live, facts, start = np.zeros(size, dtype=bool), np.zeros(size, dtype=FACTS), 0
        else:
            live, facts, start = _grown(previous.live, size), _grown(previous.facts, size), previous.size
            cur.execute('SELECT docnum FROM camra_search_deleted WHERE seq > %s', (previous.seen,))
            gone = np.array([row[0] for row in cur.fetchall()], dtype=np.int64)
            live[gone[gone < size]] = False
        cur.execute('SELECT docnum, facts FROM camra_search_docs WHERE docnum >= %s', (start,))
        rows = cur.fetchall()
        if rows:
            docnums = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            facts[docnums] = np.frombuffer(b''.join(bytes(r[1]) for r in rows), dtype=FACTS)
            live[docnums] = True
        return cls(generation, size, seen, live, facts)


def _grown(array, size):
    out = np.zeros(size, dtype=array.dtype)
    out[:len(array)] = array
    return out


class Searcher:
    """One search's consistent snapshot of the index (a read-only
    repeatable-read transaction on ``cur``)."""

    def __init__(self, index, cur):
        self.index, self.cur = index, cur
        self._view = None

    def view(self):
        """This snapshot's ``View`` (read at first use)."""
        if self._view is None:
            snapshot = Snapshot.read(self.cur, self.index.snapshot)
            self.index.snapshot = snapshot
            self._view = View(self.cur, snapshot, self.index.cache)
        return self._view

    def doc_count(self):
        """How many documents the snapshot holds."""
        return self.view().count


class View:
    """The arrays of one ``Snapshot`` and the postings of any term, as
    ``camra.search.postings.View`` gives them."""

    def __init__(self, cur, snapshot, cache):
        self._cur, self._snapshot, self.cache = cur, snapshot, cache
        self.size = snapshot.size
        self.live = snapshot.live
        facts = snapshot.facts
        self.type, self.year, self.release = facts['type'], facts['year'], facts['release']
        self.date, self.tiebreak = facts['date'], facts['tiebreak']
        self.lengths = {f: facts['lengths'][:, i] for i, f in enumerate(LENGTH_FIELDS)}
        self.count, self.average = snapshot.count, snapshot.average

    def postings(self, field, term):
        """``(document numbers, frequencies)`` of ``term`` in ``field``,
        deleted documents left out."""
        return self._kept(('term', field, term), 'term = %s', term)

    def prefix_postings(self, field, prefix):
        """``postings`` of every term of ``field`` starting with ``prefix``,
        a document's frequencies summed."""
        return self._kept(('prefix', field, prefix), 'term LIKE %s', like_prefix(prefix))

    def prefetch(self, terms, fields):
        """Read the postings of ``terms`` in ``fields`` that are not kept
        up to date yet, all in one query (a query's terms one by one would
        each cost a round trip to the server)."""
        stale = []
        for field in fields:
            for term in terms:
                key = (self._snapshot.generation, 'term', field, term)
                kept = self.cache.get(key, lambda: (EMPTY_IDS, EMPTY_TF, 0))
                if kept[2] < self.size:
                    stale.append((key, kept))
        if not stale:
            return
        self._cur.execute('SELECT field, term, docnums, freqs FROM camra_search_postings '
                          'WHERE field = ANY(%s) AND term = ANY(%s) AND last >= %s',
                          (list(fields), list(terms), min(kept[2] for _, kept in stale)))
        rows = {}
        for field, term, docnums, freqs in self._cur.fetchall():
            rows.setdefault((field, term), []).append((docnums, freqs))
        for key, kept in stale:
            self._extend(key, kept, rows.get(key[2:], []))

    def _kept(self, key, condition, value):
        key = (self._snapshot.generation,) + key
        kept = self.cache.get(key, lambda: (EMPTY_IDS, EMPTY_TF, 0))
        if kept[2] < self.size:
            # Documents added since it was read: only their postings are read.
            self._cur.execute(f'SELECT docnums, freqs FROM camra_search_postings WHERE field = %s AND {condition} '
                              'AND last >= %s', (key[2], value, kept[2]))
            kept = self._extend(key, kept, self._cur.fetchall())
        ids, tf, _ = kept
        keep = ids < self.size
        if not keep.all():      # read by a newer snapshot than this one
            ids, tf = ids[keep], tf[keep]
        keep = self.live[ids]
        return (ids, tf) if keep.all() else (ids[keep], tf[keep])

    def _extend(self, key, kept, rows):
        """``kept`` postings with those of the documents added since, from
        ``rows`` (chunks); kept as up to date with this snapshot."""
        ids, tf, upto = kept
        new_ids, new_tf = _joined(rows, upto, self.size)
        if len(new_ids):
            ids, tf = np.concatenate([ids, new_ids]), np.concatenate([tf, new_tf])
        kept = (ids, tf, self.size)
        self.cache.put(key, kept)
        return kept

    def expand_prefix(self, field, prefix):
        """The terms of ``field`` that start with ``prefix``."""
        self._cur.execute('SELECT DISTINCT term FROM camra_search_postings WHERE field = %s AND term LIKE %s '
                          'ORDER BY term', (field, like_prefix(prefix)))
        return [row[0] for row in self._cur.fetchall()]

    def values(self, field):
        """``{value_hash: value}`` of every value of ``field`` (type, year)."""
        known = self._snapshot.values.get(field)
        if known is None:
            self._cur.execute('SELECT value FROM camra_search_values WHERE field = %s', (field,))
            known = self._snapshot.values[field] = {value_hash(row[0]): row[0] for row in self._cur.fetchall()}
        return known

    def stored(self, docnum):
        """The stored fields of a document."""
        return self.stored_many([docnum])[0]

    def stored_many(self, docnums):
        """The stored fields of several documents, in one query."""
        self._cur.execute('SELECT docnum, stored FROM camra_search_docs WHERE docnum = ANY(%s)',
                          ([int(d) for d in docnums],))
        found = dict(self._cur.fetchall())
        missing = [d for d in docnums if int(d) not in found]
        if missing:
            raise IndexError(missing[0])
        return [found[int(d)] for d in docnums]

    def phrase_holders(self, phrases):
        """The document numbers holding every one of ``phrases`` (as typed,
        matched through the ``tsvector``'s positions)."""
        queries = [q for q in (phrase_query(p) for p in phrases) if q]
        if not queries:
            return EMPTY_IDS
        self._cur.execute('SELECT docnum FROM camra_search_docs WHERE tsv @@ %s::tsquery',
                          (' & '.join(f'({q})' for q in queries),))
        return np.array(sorted(row[0] for row in self._cur.fetchall()), dtype=np.int32)


def _joined(rows, start, size):
    """The postings of ``rows`` (chunks, of one term or several) for the
    documents from ``start`` to ``size``: each document once, in order,
    the frequencies of several terms summed."""
    if not rows:
        return EMPTY_IDS, EMPTY_TF
    ids = np.concatenate([np.frombuffer(bytes(r[0]), dtype='<i4') for r in rows]).astype(np.int32)
    tf = np.concatenate([np.frombuffer(bytes(r[1]), dtype='<f4') for r in rows]).astype(np.float32)
    keep = (ids >= start) & (ids < size)
    ids, tf = ids[keep], tf[keep]
    if len(rows) == 1:
        return ids, tf
    sums = np.bincount(ids - start, weights=tf, minlength=0).astype(np.float32)
    found = np.flatnonzero(sums)
    return (found + start).astype(np.int32), sums[found]

