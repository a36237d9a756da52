"""The Whoosh schema: what a search document holds, field by field.

A search document is a plain dict that content produces (see
``DOCUMENT_KEYS``); this package never sees content objects.
"""
import datetime
import zlib

from whoosh import columns, fields

from . import keys, pinyin
from .analysis import analyzer

# Bump when the schema or the analysis changes: an index built with another
# version is rebuilt by itself at the next start.
SCHEMA_VERSION = 5

DOCUMENT_KEYS = ('path', 'name', 'type', 'title', 'number', 'headings', 'text', 'date', 'year', 'release')
# The fields that ranking scores, each apart (see ``camra.search.ranking``).
SCORED_FIELDS = ('title', 'number', 'headings', 'body')
# Facts about each document that ranking and filters read for every match,
# kept as 32-bit numbers in columns that ``camra.search.postings`` reads in
# one piece: the hash (``value_hash``) of the type, year and release, the
# date as a day number, and a hash of the path that orders equal results.
FACT_COLUMNS = ('fact_type', 'fact_year', 'fact_release', 'fact_date', 'fact_path')


def schema():
    """A new Whoosh schema for camra's search documents.

    ``path`` (the item's path in the site, unique) identifies a document;
    ``name`` is its URL name; ``type`` and ``year`` are facets; ``date``
    (ISO ``YYYY-MM-DD`` or empty) sorts by newest (through the fact columns). ``release`` is empty
    except on documents of an older release of a versioned document (the
    handbook's ``v1.0``): searches leave those out unless they ask for one.
    The scored fields keep term frequencies without positions (phrases are
    checked on the stored ``text``, which is also what snippets come from):
    that keeps the index small and its postings quick to read.
    ``titlekey`` and ``numkey`` hold the title and the document number or
    code folded to keys (``camra.search.keys``), for exact matches;
    ``pinyin`` the title's syllables, for visitors who type pinyin.
    """
    text = analyzer()
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        name=fields.STORED(),
        type=fields.ID(stored=True),
        year=fields.ID(stored=True),
        date=fields.STORED(),
        release=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text, stored=True, phrase=False),
        number=fields.TEXT(analyzer=text, stored=True, phrase=False),
        headings=fields.TEXT(analyzer=text, phrase=False),
        body=fields.TEXT(analyzer=text, phrase=False),
        text=fields.STORED(),
        titlekey=fields.ID(),
        numkey=fields.KEYWORD(),
        pinyin=fields.KEYWORD(scorable=True),
        **{name: fields.COLUMN(columns.NumericColumn('I')) for name in FACT_COLUMNS},
    )


def value_hash(value):
    """The 32-bit number that stands for a type, year or release value in
    the fact columns (0 for the empty value)."""
    return zlib.crc32(value.encode('utf-8')) if value else 0


def day_number(iso):
    """The day number of an ISO date ``YYYY-MM-DD`` (0 when there is none)."""
    try:
        return datetime.date.fromisoformat(iso[:10]).toordinal()
    except (TypeError, ValueError):
        return 0


def to_fields(document):
    """The Whoosh field values of a search document (missing keys are empty)."""
    values = {key: document.get(key) or '' for key in DOCUMENT_KEYS}
    if isinstance(values['headings'], (list, tuple)):
        values['headings'] = '\n'.join(values['headings'])
    values['year'] = str(values['year'])
    values['date'] = str(values['date'])
    values['body'] = values['text']
    values['titlekey'] = keys.title_key(values['title'])
    values['numkey'] = ' '.join(keys.number_keys(values['number']))
    values['pinyin'] = ' '.join(pinyin.index_tokens(values['title']))
    values.update(fact_type=value_hash(values['type']), fact_year=value_hash(values['year']),
                  fact_release=value_hash(values['release']), fact_date=day_number(values['date']),
                  fact_path=value_hash(values['path']))
    for name in ('release', 'titlekey', 'numkey', 'pinyin', 'headings'):
        if not values[name]:
            del values[name]       # most documents: no term at all
    return values
