"""Where items live: Rename (the old URL redirects), Delete into the recycle
bin, Restore from it, EmptyTrash.

Who may: what the public sees changes only through a reviewer, as with
publishing. So editors rename items never published and delete the drafts
they started that were never published; renaming or deleting anything the
public has seen, deleting another editor's draft, and restoring need a
reviewer; emptying the bin, an admin.
"""
from ..changes import path_of
from ..folder import NameError_
from ..principals import ADMIN, REVIEWER
from ..redirects import move
from ..workflow import ever_published, started_by
from .base import Action, ActionError


class Rename(Action):
    """Give ``item`` the URL name ``name``. An editor renames what was never
    published; the public URL of anything published moves only by a
    reviewer (the old URL redirects)."""

    verb = 'rename'

    def required_role(self):
        return REVIEWER if ever_published(self.item) else super().required_role()

    def __init__(self, site, actor, item, name):
        super().__init__(site, actor)
        self.item, self.name = item, (name or '').strip()

    def run(self):
        old = path_of(self.item)
        try:
            move(self.item, self.item.__parent__, self.name, self.site.redirects)
        except NameError_ as exc:
            raise ActionError(str(exc)) from None
        self.path, self.detail = path_of(self.item), f'from {old}'
        self.gone = (old,)
        return self.item


class Delete(Action):
    """Move ``item`` into the recycle bin; returns its ``trash.Deleted``
    entry. An editor deletes a draft they started that was never published;
    anything else (another's draft, anything the public has seen) needs a
    reviewer."""

    verb = 'delete'

    def __init__(self, site, actor, item):
        super().__init__(site, actor)
        self.item = item

    def required_role(self):
        own_draft = not ever_published(self.item) and started_by(self.item) == getattr(self.actor, 'name', None)
        return super().required_role() if own_draft else REVIEWER

    def run(self):
        entry = self.site.trash.put(self.item, self.actor.name)
        self.path = entry.path
        self.gone = (entry.path,)
        return entry


class Restore(Action):
    """Put recycle-bin entry ``number`` back into ``folder`` (a free name
    like its old one if that is taken); returns the item."""

    verb = 'restore'
    role = REVIEWER

    def __init__(self, site, actor, number, folder):
        super().__init__(site, actor)
        self.entry, self.folder = site.trash.get(number), folder
        if self.entry is None:
            raise ActionError('回收站里没有这一项。', 404)

    def run(self):
        item = self.item = self.site.trash.restore(self.entry.id, self.folder)
        self.path, self.detail = path_of(item), f'deleted from {self.entry.path}'
        return item


class EmptyTrash(Action):
    """Delete everything in the bin for good; returns how many."""

    verb = 'empty-trash'
    role = ADMIN

    def run(self):
        count = self.site.trash.empty()
        self.detail = f'{count} items'
        return count
