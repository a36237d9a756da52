"""CutRelease: freeze the handbook's published sections as a new release."""
from ..changes import path_of
from ..principals import REVIEWER
from ..releases import ReleaseError, cut
from .base import Action, ActionError


class CutRelease(Action):
    """Release ``handbook`` as ``label`` (``V1.1``), dated ``date``, with
    ``notes`` and the site path of its announcing ``notice`` (one of
    ``notices``, when given); returns the ``Release``."""

    verb = 'release'
    role = REVIEWER

    def __init__(self, site, actor, handbook, label, date=None, notes='', notice='', notices=None):
        super().__init__(site, actor)
        self.handbook, self.label, self.date, self.notes, self.notice = handbook, label, date, notes, notice
        self.notices = notices

    def check(self):
        super().check()
        if self.notice and self.notices is not None and self.notice not in self.notices:
            raise ActionError('请从列表中选择发布通知')

    def run(self):
        try:
            made = cut(self.handbook, self.label, self.date, self.notes, self.notice, self.actor.name)
        except ReleaseError as exc:
            raise ActionError(str(exc)) from None
        self.path, self.detail = path_of(self.handbook), made.label
        return made
