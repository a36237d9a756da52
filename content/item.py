"""The base of every content item: declared fields, state and timestamps."""
import datetime

from persistent import Persistent

from .changes import path_of, record_change
from .markup import search_text

PUBLISHED = 'published'
PRIVATE = 'private'
STATES = (PRIVATE, 'pending', PUBLISHED, 'retracted')


class Item(Persistent):
    """A content item whose data are the plain values of its ``fields``.

    ``type_name`` is the item's name in JSON Lines and JSON; ``fields`` lists
    the type's own fields beside ``title``, ``body`` and ``date``, which every
    item has. Values are plain Python (str, date, list of dicts) or
    ``Attachment`` objects, so an item exports and imports without loss.
    """

    type_name = 'item'
    type_title = '内容'
    fields = ()
    # What search sees: the field holding the item's number or code (weighs
    # like the title), and the fields (or properties) whose words are searched.
    search_number = None
    search_fields = ('body',)

    __name__ = None
    __parent__ = None
    title = ''
    body = ''
    date = None
    state = PUBLISHED
    history = None          # a revisions.History, from the first save on
    live_revision = None    # the number of the revision the public sees

    def __init__(self, **values):
        self.created = self.modified = now()
        self.update(**values)

    @classmethod
    def all_fields(cls):
        """The names of every field this type stores, common ones first."""
        return ('title', 'body', 'date') + tuple(cls.fields)

    def update(self, **values):
        """Set the given fields; unknown names raise ``KeyError``.

        Only changed values are written, so a re-import of the same text does
        not touch the database.
        """
        allowed = set(self.all_fields()) | {'state'}
        changed = False
        for name, value in values.items():
            if name not in allowed:
                raise KeyError(name)
            if getattr(self, name, None) != value:
                setattr(self, name, value)
                changed = True
        if changed:
            self.modified = now()
            record_change(self)
        return changed

    @property
    def published(self):
        return self.state == PUBLISHED

    def search_document(self):
        """What search sees of this item, as a plain dict; None when the item
        must not be found (anything not published)."""
        if not self.published:
            return None
        year = getattr(self, 'year', None) or (self.date.year if self.date else '')
        return {
            'path': path_of(self),
            'name': self.__name__,
            'type': self.type_name,
            'title': self.title,
            'number': getattr(self, self.search_number) if self.search_number else '',
            'text': '\n'.join(filter(None, (_words(getattr(self, f, None)) for f in self.search_fields))),
            'date': self.date.isoformat() if self.date else '',
            'year': str(year or ''),
        }


def _words(value):
    """The searchable text of a field value (Markdown, list, table row, file)."""
    if not value:
        return ''
    if isinstance(value, str):
        return search_text(value)
    if isinstance(value, (list, tuple)):
        return '\n'.join(filter(None, (_words(v) for v in value)))
    if isinstance(value, dict):
        return ' '.join(filter(None, (_words(v) for v in value.values())))
    filename = getattr(value, 'filename', None)   # an Attachment
    return filename if filename is not None else str(value)


def now():
    """The current time, timezone-aware UTC, as content stores it."""
    return datetime.datetime.now(datetime.timezone.utc)
