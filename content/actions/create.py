"""Create: a new item in a folder, with its first revision (the edit form makes it a private draft)."""
from ..changes import path_of
from ..naming import unique_name
from ..registry import addable
from ..revisions import History, current_values
from .base import Action, ActionError, refuse_duplicate


class Create(Action):
    """Add an item of type ``info`` (a ``TypeInfo``) to ``folder`` with
    ``values`` (validated, files made into attachments).

    ``once`` is the add form's token: sent again (a second click, a client
    retrying after a lost answer, a request retried after a commit whose
    outcome the database connection lost), the form makes nothing new and
    gives the item it made the first time."""

    verb = 'add'

    def __init__(self, site, actor, folder, info, values, note='', once=None):
        super().__init__(site, actor)
        self.folder, self.info, self.values, self.note, self.once = folder, info, values, note, once
        self.item = None

    def execute(self):
        earlier = self.folder.made_by(self.once)
        if earlier is not None and self.permitted():
            self.item = earlier
            return earlier
        return super().execute()

    def check(self):
        super().check()
        if self.info not in addable(self.folder):
            raise ActionError(f'这里不能新建{self.info.cls.type_title}。', 404)
        refuse_duplicate(self.info, self.folder, self.values)

    def run(self):
        item = self.item = self.info.cls(**self.values)
        self.folder.add(unique_name(self.folder, self.info.make_name(self.values)), item)
        if self.once:
            self.folder.note_form(self.once, item.__name__)
        item.history = History()
        item.history.add(current_values(item), self.actor.name, self.note)
        self.path = path_of(item)
        return item
