"""Transition: submit, publish, send back, retract, redraft (``camra.content.workflow``)."""
from ..changes import path_of
from ..principals import EDITOR, REVIEWER
from ..workflow import TRANSITIONS, WorkflowError, available, transition
from .base import Action, ActionError

_ROLE_OF_PERMISSION = {'edit': EDITOR, 'review': REVIEWER}


class Transition(Action):
    """Move ``item`` by the transition called ``name``; its permission
    decides the role needed (reviewers publish, editors submit)."""

    def __init__(self, site, actor, item, name, note=''):
        super().__init__(site, actor)
        self.item, self.name, self.note = item, name, note
        self.transition = TRANSITIONS.get(name)
        self.source = item.state

    @property
    def verb(self):
        return self.name

    def required_role(self):
        return _ROLE_OF_PERMISSION.get(self.transition.permission) if self.transition else EDITOR

    def check(self):
        if self.transition is None or self.transition not in available(self.item, lambda p: True):
            raise ActionError('当前状态不允许这个操作。')
        super().check()

    def run(self):
        try:
            done = transition(self.item, self.name, self.actor.name, self.note)
        except WorkflowError as exc:
            raise ActionError(str(exc)) from None
        self.path = path_of(self.item)
        return done
