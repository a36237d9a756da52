"""The Whoosh schema: what a search document holds, and how each field weighs.

A search document is a plain dict that content produces (see
``DOCUMENT_KEYS``); this package never sees content objects.
"""
from whoosh import fields

from .analysis import analyzer

# Bump when the schema or the analysis changes: an index built with another
# version is rebuilt by itself at the next start.
SCHEMA_VERSION = 1

# Title and numbers weigh more than body text.
TITLE_BOOST = 4.0
NUMBER_BOOST = 6.0

DOCUMENT_KEYS = ('path', 'name', 'type', 'title', 'number', 'text', 'date', 'year')


def schema():
    """A new Whoosh schema for camra's search documents.

    ``path`` (the item's path in the site, unique) identifies a document;
    ``name`` is its URL name; ``type`` and ``year`` are facets; ``date``
    (ISO ``YYYY-MM-DD`` or empty) sorts by newest; ``title``, ``number`` and
    ``text`` are searched; ``title``, ``number`` and ``text`` are stored for
    snippets.
    """
    text_analyzer = analyzer()
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        name=fields.STORED(),
        type=fields.ID(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        title=fields.TEXT(analyzer=text_analyzer, stored=True, field_boost=TITLE_BOOST),
        number=fields.TEXT(analyzer=text_analyzer, stored=True, field_boost=NUMBER_BOOST),
        text=fields.TEXT(analyzer=text_analyzer, stored=True),
    )


def to_fields(document):
    """The Whoosh field values of a search document (missing keys are empty)."""
    values = {key: document.get(key) or '' for key in DOCUMENT_KEYS}
    values['year'] = str(values['year'])
    values['date'] = str(values['date'])
    return values
