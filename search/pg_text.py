"""A search document as PostgreSQL holds it: its terms field by field, a
``tsvector``, and the ``tsquery`` of a quoted phrase.

The terms are our analyzer's (``camra.search.analysis``: bigrams, words,
codes, folding), exactly what the Whoosh backend indexes, so that both rank
alike. The ``tsvector`` holds the four scored fields with their positions,
weighted A (title), B (number), C (headings) and D (body), a gap between
fields so that no phrase runs from one into the next. PostgreSQL keeps at
most 256 positions of a lexeme and none past 16,383: phrases are not found
beyond that far into a long text (frequencies come from the postings, which
have no such limit).
"""
import collections

import numpy as np
from whoosh.util.numeric import byte_to_length, length_to_byte

from .analysis import _WORD_MAX, TOKENS, analyzer, normalize
from .fields import SCORED_FIELDS, to_fields

WEIGHTS = {'title': 'A', 'number': 'B', 'headings': 'C', 'body': 'D'}
FIELD_GAP = 8           # positions between fields
LAST_POSITION = 16383   # PostgreSQL's
# Fields whose terms are words apart (Whoosh KEYWORD and ID fields).
KEYWORD_FIELDS = ('numkey', 'pinyin')
LENGTH_FIELDS = SCORED_FIELDS + ('pinyin',)
# A document's facts, packed: type, year and release hashes, date day
# number, path hash (unsigned 32-bit), then each LENGTH_FIELDS length.
FACTS = np.dtype([('type', '<u4'), ('year', '<u4'), ('release', '<u4'), ('date', '<u4'), ('tiebreak', '<u4'),
                  ('lengths', '<f4', (len(LENGTH_FIELDS),))])


class Indexed:
    """What is stored of one search document: ``frequencies`` by field
    (``{term: count}``), ``lengths`` by field (approximated as Whoosh
    keeps them, so both backends score alike), the packed ``facts``, the
    ``tsvector`` text, and the ``stored`` fields results show."""

    def __init__(self, document):
        values = to_fields(document)
        self.path = values['path']
        self.stored = {key: values.get(key, '') for key in
                       ('path', 'name', 'type', 'year', 'date', 'release', 'title', 'number', 'text')}
        self.frequencies, positions, lengths = {}, {}, {}
        offset = 1
        for field in SCORED_FIELDS:
            tokens = [t.text for t in analyzer()(values.get(field) or '', mode='index')]
            self.frequencies[field] = collections.Counter(tokens)
            lengths[field] = len(tokens)
            for i, token in enumerate(tokens):
                positions.setdefault(token, []).append(f'{min(offset + i, LAST_POSITION)}{WEIGHTS[field]}')
            offset += len(tokens) + FIELD_GAP
        for field in KEYWORD_FIELDS:
            words = (values.get(field) or '').split()
            self.frequencies[field] = collections.Counter(words)
            lengths[field] = len(words)
        self.frequencies['titlekey'] = {values['titlekey']: 1} if values.get('titlekey') else {}
        self.lengths = [_as_whoosh_keeps(lengths[f]) for f in LENGTH_FIELDS]
        self.facts = np.array((values['fact_type'], values['fact_year'], values['fact_release'],
                               values['fact_date'], values['fact_path'], self.lengths), dtype=FACTS).tobytes()
        self.tsvector = ' '.join(f"{lexeme(term)}:{','.join(places[:256])}" for term, places in positions.items())


def _as_whoosh_keeps(length):
    """A field length as Whoosh stores it: in one byte, approximately."""
    return float(byte_to_length(length_to_byte(length))) if length else 0.0


def lexeme(term):
    """``term`` quoted as a tsvector or tsquery lexeme, taken as it is."""
    return "'" + term.replace('\\', '\\\\').replace("'", "''") + "'"


def phrase_query(text):
    """The ``tsquery`` text of a quoted phrase, as our analyzer indexes it,
    or None when the phrase has no terms.

    An indexed run of Chinese characters is its bigrams, then its last
    character alone: the term after a run stands two positions after the
    run's last bigram. A lone character at the end of the phrase stands for
    every bigram it starts (``测试2号`` -> ``'测试' <2> '2' <-> '号':*``).
    """
    items = []      # [lexeme, distance to the next]
    for match in TOKENS.finditer(normalize(text)):
        piece = match.group()
        if match.lastgroup == 'word' or len(piece) == 1:
            if len(piece) <= _WORD_MAX:     # longer words are not indexed
                items.append([lexeme(piece), 1])
            continue
        items.extend([lexeme(piece[i:i + 2]), 1] for i in range(len(piece) - 1))
        items[-1][1] = 2
    if not items:
        return None
    last = items[-1][0]
    if len(last) == 3 and TOKENS.fullmatch(last[1]).lastgroup == 'cjk':
        items[-1][0] = last + ':*'
    query = items[0][0]
    for (_, distance), (term, _) in zip(items, items[1:]):
        query += f' <{distance}> ' + term if distance != 1 else ' <-> ' + term
    return query


def like_prefix(prefix):
    """A LIKE pattern for every text that starts with ``prefix``."""
    return prefix.replace('\\', '\\\\').replace('%', '\\%').replace('_', '\\_') + '%'


def copy_text(value):
    """``value`` as a field of PostgreSQL's COPY text format."""
    return value.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
