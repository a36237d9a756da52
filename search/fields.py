"""The Whoosh schema: what a search document holds, and how each field weighs.

A search document is a plain dict that content produces (see
``DOCUMENT_KEYS``); this package never sees content objects.
"""
from whoosh import fields

from .analysis import analyzer

# Bump when the schema or the analysis changes: an index built with another
# version is rebuilt by itself at the next start.
SCHEMA_VERSION = 4

DOCUMENT_KEYS = ('path', 'name', 'type', 'title', 'number', 'text', 'date', 'year', 'release')


def schema():
    """A new Whoosh schema for camra's search documents.

    ``path`` (the item's path in the site, unique) identifies a document;
    ``name`` is its URL name; ``type`` and ``year`` are facets; ``date``
    (ISO ``YYYY-MM-DD`` or empty) sorts by newest. ``release`` is empty
    except on documents of an older release of a versioned document (the
    handbook's ``v1.0``): searches leave those out unless they ask for one. ``all`` (title, number
    and text together) is what queries match; ``title`` and ``number`` are
    searched again only to weigh the items that match there, which is much
    cheaper than matching every query in three fields. ``title``, ``number``
    and ``text`` are stored for titles and snippets.
    """
    text_analyzer = analyzer()
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        name=fields.STORED(),
        type=fields.ID(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        date=fields.ID(stored=True, sortable=True),
        release=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text_analyzer, stored=True),
        number=fields.TEXT(analyzer=text_analyzer, stored=True),
        text=fields.STORED(),
        all=fields.TEXT(analyzer=text_analyzer),
    )


def to_fields(document):
    """The Whoosh field values of a search document (missing keys are empty)."""
    values = {key: document.get(key) or '' for key in DOCUMENT_KEYS}
    values['year'] = str(values['year'])
    values['date'] = str(values['date'])
    values['all'] = '\n'.join(values[key] for key in ('title', 'number', 'text'))
    if not values['release']:
        del values['release']       # most documents: no term at all
    return values
