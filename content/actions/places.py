"""Where items live: Rename (the old URL redirects), Delete into the recycle
bin, Restore from it, EmptyTrash.

Who may: editors rename any item (its old URLs redirect for ever, so no
reader loses it) and delete drafts that were never published, anyone's (the
editors are one team); deleting what the public has seen, and restoring,
need a reviewer; emptying the bin, an admin.
"""
from ..changes import path_of
from ..folder import NameError_
from ..principals import ADMIN, REVIEWER
from ..redirects import move
from .base import Action, ActionError


class Rename(Action):
    """Give ``item`` the URL name ``name``."""

    verb = 'rename'

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
        return self.item


class Delete(Action):
    """Move ``item`` into the recycle bin; returns its ``trash.Deleted`` entry."""

    verb = 'delete'

    def __init__(self, site, actor, item):
        super().__init__(site, actor)
        self.item = item

    def required_role(self):
        never_public = self.item.live_revision is None and self.item.state in ('private', 'pending')
        return super().required_role() if never_public else REVIEWER

    def run(self):
        entry = self.site.trash.put(self.item, self.actor.name)
        self.path = entry.path
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
        item = self.site.trash.restore(self.entry.id, self.folder)
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
