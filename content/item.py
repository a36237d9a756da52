"""The base of every content item: declared fields, state and timestamps."""
from persistent import Persistent

from .changes import path_of, record_change
from .clock import in_window, now
from .markup import headings, search_text

PUBLISHED = 'published'
PRIVATE = 'private'
STATES = (PRIVATE, 'pending', PUBLISHED, 'retracted')
# What the public gets at an item's URL: the page, or why not.
VISIBLE, SCHEDULED, EXPIRED, WITHDRAWN, UNPUBLISHED = 'visible', 'scheduled', 'expired', 'withdrawn', 'unpublished'


class Item(Persistent):
    """A content item whose data are the plain values of its ``fields``.

    ``type_name`` is the item's name in JSON Lines and JSON; ``fields`` lists
    the type's own fields beside ``title``, ``body``, ``date`` and the
    publication window ``publish_at`` / ``expire_at`` (UTC datetimes or
    None), which every item has. Values are plain Python (str, date, list of dicts) or
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
    publish_at = None       # a published item is shown from then on...
    expire_at = None        # ...until then
    state = PUBLISHED
    history = None          # a revisions.History, from the first save on
    live_revision = None    # the number of the revision the public sees

    def __init__(self, **values):
        self.created = self.modified = now()
        self.update(**values)

    @classmethod
    def all_fields(cls):
        """The names of every field this type stores, common ones first."""
        return ('title', 'body', 'date', 'publish_at', 'expire_at') + tuple(cls.fields)

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
            reindex = getattr(self.__parent__, 'reindex', None)
            if reindex is not None:
                reindex(self)
        return changed

    @property
    def published(self):
        """Whether the public sees the item now."""
        return self.visibility() == VISIBLE

    def visibility(self, when=None):
        """What the public gets at ``when`` (now): ``VISIBLE``, or
        ``SCHEDULED`` (published, its time not come), ``EXPIRED``,
        ``WITHDRAWN`` (retracted), ``UNPUBLISHED`` (a draft, or pending)."""
        if self.state == 'retracted':
            return WITHDRAWN
        if self.state != PUBLISHED:
            return UNPUBLISHED
        when = when or now()
        if in_window(self.publish_at, self.expire_at, when):
            return VISIBLE
        return SCHEDULED if self.publish_at is not None and when < self.publish_at else EXPIRED

    def next_change(self, when=None):
        """The next time after ``when`` (now) at which the public's view of
        the item changes by itself (its publication or expiry), or None."""
        when = when or now()
        if self.state != PUBLISHED:
            return None
        return min((t for t in (self.publish_at, self.expire_at) if t is not None and t > when), default=None)

    def last_change(self, when=None):
        """The latest time up to ``when`` (now) at which the public's view
        of the item changed by itself, or None (see ``next_change``)."""
        when = when or now()
        if self.state != PUBLISHED:
            return None
        return max((t for t in (self.publish_at, self.expire_at) if t is not None and t <= when), default=None)

    def search_document(self):
        """What search sees of this item, as a plain dict.

        An item the public cannot see gives ``{'path', 'hidden': True}``;
        ``due`` (POSIX seconds), when present, is when the item must be
        looked at again because its visibility changes by itself then, and
        ``since`` when it last did (a clock set back past it undoes that).
        """
        when = now()
        due, since = self.next_change(when), self.last_change(when)
        times = {**({'due': due.timestamp()} if due else {}), **({'since': since.timestamp()} if since else {})}
        if not self.published:
            return {'path': path_of(self), 'hidden': True, **times} if times else None
        year = getattr(self, 'year', None) or (self.date.year if self.date else '')
        return {
            'path': path_of(self),
            'name': self.__name__,
            'type': self.type_name,
            'title': self.title,
            'number': getattr(self, self.search_number) if self.search_number else '',
            'headings': headings(getattr(self, 'body', '') or ''),
            'text': '\n'.join(filter(None, (_words(getattr(self, f, None)) for f in self.search_fields))),
            'date': self.date.isoformat() if self.date else '',
            'year': str(year or ''),
            **times,
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
