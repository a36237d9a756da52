"""Save and Revert: a new revision of an item (a stale base is a conflict, never an overwrite)."""
from ..changes import path_of
from ..registry import info_of
from ..revisions import Conflict, current_values
from ..workflow import save
from .base import Action, ActionError, refuse_duplicate


class Save(Action):
    """Record ``values`` as a new revision of ``item``, made from revision
    ``base`` (required: without it a newer text could not be told apart).
    Raises ``Conflict`` (``revisions.Conflict``) when ``item`` has a newer
    revision; nothing is written then."""

    verb = 'edit'

    def __init__(self, site, actor, item, values, note='', base=None):
        super().__init__(site, actor)
        self.item, self.values, self.note, self.base = item, values, note, base

    def check(self):
        super().check()
        if self.base is None:
            raise ActionError('表单缺少修订号，没有保存：请核对下面的内容后再保存一次。')
        refuse_duplicate(info_of(self.item), self.item.__parent__, {**current_values(self.item), **self.values},
                         self.item)

    def run(self):
        info = save(self.item, self.values, self.actor.name, self.note, base=self.base)
        self.path, self.detail = path_of(self.item), f'revision {info.number}'
        return info


class Revert(Action):
    """Save the values of revision ``number`` as a new revision, from ``base``."""

    verb = 'revert'

    def __init__(self, site, actor, item, number, base):
        super().__init__(site, actor)
        self.item, self.number, self.base = item, number, base

    def check(self):
        super().check()
        try:
            self.values = self.item.history.values(self.number)
        except (AttributeError, KeyError, TypeError):
            raise ActionError('没有这个修订：请回到修订历史重新选择。') from None

    def run(self):
        try:
            info = save(self.item, self.values, self.actor.name, f'恢复到修订 {self.number}', base=self.base)
        except Conflict as conflict:
            raise ActionError(f'{conflict.latest.who} 刚刚保存了修订 {conflict.latest.number}，'
                              '请查看修订历史后再决定。', 409) from None
        self.path, self.detail = path_of(self.item), f'revision {self.number}'
        return info
