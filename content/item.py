"""The base of every content item: declared fields, state and timestamps."""
import datetime

from persistent import Persistent

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

    __name__ = None
    __parent__ = None
    title = ''
    body = ''
    date = None
    state = PUBLISHED

    def __init__(self, **values):
        self.created = self.modified = _now()
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
            self.modified = _now()
        return changed

    @property
    def published(self):
        return self.state == PUBLISHED


def _now():
    return datetime.datetime.now(datetime.timezone.utc)
