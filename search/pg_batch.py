"""The changes of one write to the PostgreSQL search index: documents
analysed here, written with COPY, their postings as chunks (see
``camra.search.pg_index``)."""
import io
import json

import numpy as np

from .pg_text import Indexed, copy_text, like_prefix

# A term's chunks are merged into one when a batch leaves more than this.
MAX_CHUNKS = 8
# Postings held in memory before a batch writes them out as chunks.
FLUSH_POSTINGS = 3_000_000
FLUSH_DOCS = 2000


class Batch:
    """The changes of one ``PgSearchIndex.batch``: documents and their
    postings gathered, then written with COPY."""

    def __init__(self, cur, next_docnum, passed=None, everything=False):
        self._cur = cur
        self._everything = everything       # a full build: every term's chunks merged at the end
        self._next = next_docnum
        self.passed = passed
        self._docs = []
        self._postings = {}         # (field, term) -> ([docnum], [frequency])
        self._pending = 0
        self._touched = set()
        self._values = set()

    def add(self, document):
        """Add one search document; ``delete`` its path first if it may be
        in the index already."""
        indexed = Indexed(document)
        docnum = self._next
        self._next += 1
        self._docs.append((docnum, indexed))
        for field, counts in indexed.frequencies.items():
            for term, count in counts.items():
                ids, freqs = self._postings.setdefault((field, term), ([], []))
                ids.append(docnum)
                freqs.append(count)
            self._pending += len(counts)
        for field in ('type', 'year'):
            if indexed.stored[field]:
                self._values.add((field, str(indexed.stored[field])))
        if len(self._docs) >= FLUSH_DOCS or self._pending >= FLUSH_POSTINGS:
            self._flush()

    def delete(self, path):
        """Remove the document at ``path`` and every document under it."""
        self._flush()
        self._cur.execute('WITH gone AS (DELETE FROM camra_search_docs WHERE path = %s OR path LIKE %s '
                          'RETURNING docnum) INSERT INTO camra_search_deleted (docnum) '
                          'SELECT docnum FROM gone ORDER BY docnum', (path, like_prefix(path.rstrip('/') + '/')))

    def _flush(self):
        if self._docs:
            rows = io.StringIO()
            for docnum, indexed in self._docs:
                rows.write(f'{docnum}\t{copy_text(indexed.path)}\t'
                           f'{copy_text(json.dumps(indexed.stored, ensure_ascii=False))}\t'
                           f'\\\\x{indexed.facts.hex()}\t{copy_text(indexed.tsvector)}\n')
            rows.seek(0)
            self._cur.copy_expert('COPY camra_search_docs (docnum, path, stored, facts, tsv) FROM STDIN', rows)
            self._docs = []
        if self._postings:
            rows = io.StringIO()
            for (field, term), (ids, freqs) in self._postings.items():
                docnums = np.array(ids, dtype='<i4')
                rows.write(f'{field}\t{copy_text(term)}\t{ids[0]}\t{ids[-1]}\t\\\\x{docnums.tobytes().hex()}\t'
                           f'\\\\x{np.array(freqs, dtype="<f4").tobytes().hex()}\n')
                self._touched.add((field, term))
            rows.seek(0)
            self._cur.copy_expert('COPY camra_search_postings (field, term, first, last, docnums, freqs) '
                                  'FROM STDIN', rows)
            self._postings, self._pending = {}, 0

    def finish(self):
        """Write what is left, merge the chunks of terms that have too
        many, and return the next document number."""
        self._flush()
        if self._everything:
            self._merge('SELECT field, term FROM camra_search_postings GROUP BY field, term HAVING count(*) > 1', ())
        elif self._touched:
            fields, terms = zip(*self._touched)
            self._merge('SELECT p.field, p.term FROM camra_search_postings p '
                        'JOIN unnest(%s::text[], %s::text[]) AS t(field, term) '
                        'ON p.field = t.field AND p.term = t.term COLLATE "C" '
                        'GROUP BY p.field, p.term HAVING count(*) > %s', (list(fields), list(terms), MAX_CHUNKS))
        if self._values:
            fields, values = zip(*self._values)
            self._cur.execute('INSERT INTO camra_search_values SELECT * FROM unnest(%s::text[], %s::text[]) '
                              'ON CONFLICT DO NOTHING', (list(fields), list(values)))
        return self._next

    def _merge(self, terms, parameters):
        """Make each term that ``terms`` (a query) selects one chunk."""
        self._cur.execute(
            f'WITH many AS ({terms}), '
            'gone AS (DELETE FROM camra_search_postings p USING many '
            '  WHERE p.field = many.field AND p.term = many.term RETURNING p.*) '
            'INSERT INTO camra_search_postings SELECT field, term, min(first), max(last), '
            "  string_agg(docnums, ''::bytea ORDER BY first), string_agg(freqs, ''::bytea ORDER BY first) "
            'FROM gone GROUP BY field, term', parameters)
