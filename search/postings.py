"""The index as arrays: postings, field lengths and document facts, read once.

Whoosh is pure Python: scoring a match through its matchers costs tens of
microseconds, so a query that thousands of items match took tens of
milliseconds and was scored only up to a budget. Here a term's postings in
one segment are read once into two NumPy arrays (document numbers and term
frequencies) and kept (``ArrayCache``, bounded in bytes, least recently
used dropped first); ranking then scores every match at once
(``camra.search.ranking``). Segments never change once written (deletions
are kept beside them), so what is kept for a segment stays true until
Whoosh merges it away; only its deletions are read again when they grow.

Postings are read block by block in the codec's own layout, about 0.1 µs
a posting for fields without positions (Whoosh's matchers take 0.3).
"""
import collections
import io
import pickle
import threading
import zlib

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from .fields import FACT_COLUMNS, SCORED_FIELDS, value_hash

LENGTH_FIELDS = SCORED_FIELDS + ('pinyin',)

_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)
EMPTY_IDS = np.zeros(0, dtype=np.int32)
EMPTY_TF = np.zeros(0, dtype=np.float32)


class ArrayCache:
    """Arrays by key, at most ``limit`` bytes (each entry's own objects
    counted too), shared by all threads. Keys name their segment (see
    ``View``); ``retain`` forgets the segments an index no longer has."""

    def __init__(self, limit=256 * 1024 * 1024):
        self.limit = limit
        self._items = collections.OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._segments = None       # what the last ``retain`` kept

    def retain(self, segments):
        """Drop every entry of a segment not in ``segments`` (``{segment
        id: deleted count}``), and segment facts of another deleted count:
        an index that commits often leaves thousands of merged segments'
        entries, most of them empty, which no search asks for again."""
        with self._lock:
            if segments == self._segments:
                return
            self._segments = dict(segments)
            for key in [k for k in self._items if not _current(k, segments)]:
                self._bytes -= _size(self._items.pop(key))

    def get(self, key, make):
        """The value kept under ``key``, made by ``make()`` when missing
        (a tuple of arrays, or an object with ``nbytes``)."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                return value
        value = make()          # outside the lock: threads may read other terms meanwhile
        size = _size(value)
        with self._lock:
            if key not in self._items:
                self._keep(key, value, size)
        return value

    def put(self, key, value):
        """Keep ``value`` under ``key``, replacing what was kept."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= _size(old)
            self._keep(key, value, _size(value))

    def _keep(self, key, value, size):
        # Under the lock: least recently used dropped until within the limit.
        if size <= self.limit:
            self._items[key] = value
            self._bytes += size
            while self._bytes > self.limit:
                _, old = self._items.popitem(last=False)
                self._bytes -= _size(old)

    @property
    def nbytes(self):
        return self._bytes


# What an entry costs besides its arrays' data (measured with tracemalloc:
# the key tuple and its strings, the dict's slot, the value tuple and the
# array objects): counted, so that thousands of empty postings are not free.
ENTRY_BYTES = 400


def _size(value):
    if isinstance(value, tuple):
        return sum(getattr(v, 'nbytes', 0) for v in value) + ENTRY_BYTES
    return getattr(value, 'nbytes', 0) + ENTRY_BYTES


def _current(key, segments):
    if key[0] == 'segment':
        return segments.get(key[1], -1) == key[2]
    return key[0] in segments


class Segment:
    """The document facts of one segment, as arrays by local document number:
    ``live`` (not deleted), the fact columns (``camra.search.fields``:
    ``type``, ``year`` and ``release`` hashes, ``date`` day numbers,
    ``tiebreak`` path hashes) and the length of each scored field."""

    def __init__(self, reader):
        count = self.count = reader.doc_count_all()
        self.live = np.ones(count, dtype=bool)
        if reader.has_deletions():
            self.live[np.fromiter(reader.deleted_docs_set, dtype=np.int64)] = False
        self.type, self.year, self.release, self.date, self.tiebreak = (
            _numbers(reader, name, count) for name in FACT_COLUMNS)
        self.lengths = {field: _lengths(reader, field, count) for field in LENGTH_FIELDS}

    @property
    def nbytes(self):
        arrays = [self.live, self.type, self.year, self.release, self.date, self.tiebreak]
        return sum(a.nbytes for a in arrays + list(self.lengths.values()))


class View:
    """One searcher's index as arrays by (global) document number: the
    segments' facts side by side, and the postings of any term."""

    def __init__(self, searcher, cache):
        self.cache = cache
        self._values = {}
        self.leaves = []
        segments, current = [], {}
        for leaf, offset in searcher.leaf_searchers():
            reader = leaf.reader()
            segid = reader.segment().segment_id()
            deleted = current[segid] = len(reader.deleted_docs_set) if reader.has_deletions() else 0
            segments.append(cache.get(('segment', segid, deleted), lambda r=reader: Segment(r)))
            self.leaves.append((reader, segid, offset))
        cache.retain(current)
        self.size = sum(s.count for s in segments)

        def join(name, dtype):
            return np.concatenate([getattr(s, name) for s in segments]) if segments else np.zeros(0, dtype)
        self.live = join('live', bool)
        self.type, self.year, self.release = join('type', np.uint32), join('year', np.uint32), join('release', np.uint32)
        self.date, self.tiebreak = join('date', np.uint32), join('tiebreak', np.uint32)
        self.lengths = {f: np.concatenate([s.lengths[f] for s in segments]) if segments else EMPTY_TF
                        for f in LENGTH_FIELDS}
        self.count = int(self.live.sum())
        self.average = {f: max(1.0, float(self.lengths[f][self.live].mean())) if self.count else 1.0
                        for f in LENGTH_FIELDS}

    def postings(self, field, term):
        """``(document numbers, frequencies)`` of ``term`` in ``field``,
        deleted documents left out."""
        return self._gather(lambda segid: (segid, field, term), lambda r: read_postings(r, field, term))

    def prefix_postings(self, field, prefix):
        """``postings`` of every term of ``field`` that starts with ``prefix``
        at once, a document's frequencies summed (a Chinese character
        stands for the bigrams it starts). Kept like one term's: a query of
        many lone characters costs their expansion once."""
        return self._gather(lambda segid: (segid, field, prefix, 'prefix'),
                            lambda r: read_prefix_postings(r, field, prefix))

    def expand_prefix(self, field, prefix):
        """The terms of ``field`` that start with ``prefix``, in any segment."""
        found = set()
        for reader, _, _ in self.leaves:
            found.update(t.decode('utf-8') if isinstance(t, bytes) else t
                         for t in reader.expand_prefix(field, prefix))
        return sorted(found)

    def _gather(self, key, read):
        parts = []
        for reader, segid, offset in self.leaves:
            ids, tf = self.cache.get(key(segid), lambda r=reader: read(r))
            if len(ids):
                parts.append((ids + offset if offset else ids, tf))
        if not parts:
            return EMPTY_IDS, EMPTY_TF
        ids = np.concatenate([p[0] for p in parts]) if len(parts) > 1 else parts[0][0]
        tf = np.concatenate([p[1] for p in parts]) if len(parts) > 1 else parts[0][1]
        keep = self.live[ids]
        return (ids, tf) if keep.all() else (ids[keep], tf[keep])

    def values(self, field):
        """``{value_hash: value}`` of every value of ``field`` (type, year)."""
        known = self._values.get(field)
        if known is not None:
            return known
        found = self._values[field] = {}
        for reader, _, _ in self.leaves:
            for term in reader.lexicon(field):
                value = term.decode('utf-8') if isinstance(term, bytes) else term
                found[value_hash(value)] = value
        return found

    def prefetch(self, terms, fields):
        """Nothing to do: postings are read from files in place, term by term."""

    def phrase_holders(self, phrases):
        """None: Whoosh's fields keep no positions, so results check
        phrases on the stored text instead."""
        return None

    def stored_many(self, docnums):
        """The stored fields of several documents."""
        return [self.stored(int(d)) for d in docnums]

    def stored(self, docnum):
        """The stored fields of a document."""
        for reader, _, offset in reversed(self.leaves):
            if docnum >= offset:
                return reader.stored_fields(docnum - offset)
        raise IndexError(docnum)


def _numbers(reader, field, count):
    """The 32-bit values of fact column ``field`` for every document, read
    from the column file in one piece (0 where a segment has none)."""
    out = np.zeros(count, dtype=np.uint32)
    if not reader.has_column(field):
        return out
    column = reader.column_reader(field, translate=False)
    raw = column._dbfile.get(column._basepos, column._count * 4)
    stored = min(count, column._count)
    out[:stored] = np.frombuffer(raw, dtype='>u4')[:stored]
    return out


def _lengths(reader, field, count):
    """The length (in tokens, as Whoosh keeps it: one byte, approximate) of
    ``field`` in every document, read from the lengths column in one piece."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    out = np.zeros(count, dtype=np.float32)
    if column is not None:      # none: no document of the segment has the field
        raw = column._dbfile.get(column._basepos, column._count)
        stored = min(count, len(raw))
        out[:stored] = _LENGTH_OF_BYTE[np.frombuffer(raw, dtype=np.uint8)[:stored]]
    return out


def read_prefix_postings(reader, field, prefix):
    """``read_postings`` of every term of ``field`` starting with ``prefix``
    in one segment, merged: each document once, its frequencies summed."""
    parts = [read_postings(reader, field, t.decode('utf-8') if isinstance(t, bytes) else t)
             for t in reader.expand_prefix(field, prefix)]
    parts = [p for p in parts if len(p[0])]
    if len(parts) <= 1:
        return parts[0] if parts else (EMPTY_IDS, EMPTY_TF)
    counts = np.bincount(np.concatenate([ids for ids, _ in parts]),
                         weights=np.concatenate([tf for _, tf in parts])).astype(np.float32)
    found = np.flatnonzero(counts).astype(np.int32)
    return found, counts[found]


def read_postings(reader, field, term):
    """``(document numbers, frequencies)`` of ``term`` in ``field`` of one
    segment's ``reader``, deleted documents included; empty arrays when the
    term is not there."""
    if (field, term) not in reader:
        return EMPTY_IDS, EMPTY_TF
    matcher = reader.postings(field, term)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child      # deleted documents: left out by ``View`` instead
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        return _read_blocks(matcher)
    ids, weights = [], []
    while matcher.is_active():      # postings kept inline with their term
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float32)


def _read_blocks(matcher):
    """Every block of a Whoosh 3 posting list, decoded as arrays: the
    codec's block layout (a length, a pickled info tuple, then the pickled
    ``(id deltas, weights, values)``, compressed or not) read directly, the
    deltas summed by NumPy rather than one by one."""
    postfile, position = matcher._postfile, matcher._baseoffset
    ids, weights = [], []
    while True:
        postfile.seek(position)
        length = postfile.read_int()
        last = length < 0
        following = position + _INT_SIZE + abs(length)
        # The block in one read; its info tuple unpickled from memory.
        block = io.BytesIO(postfile.get(position + _INT_SIZE, abs(length)))
        count, _, _, compression, _, _ = pickle.load(block)
        data = block.read()
        deltas, weight, _ = pickle.loads(zlib.decompress(data) if compression else data)
        ids.append(np.cumsum(np.array(deltas, dtype=np.int64)))     # each block starts absolute
        if weight is None:
            weights.append(np.ones(count, dtype=np.float32))
        elif isinstance(weight, float):
            weights.append(np.full(count, weight, dtype=np.float32))
        else:
            weights.append(np.array(weight, dtype=np.float32))
        if last:
            break
        position = following
    return np.concatenate(ids).astype(np.int32), np.concatenate(weights)
