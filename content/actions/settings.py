"""SetSynonyms: the search synonym table, as admins write it (None: the one search ships with)."""
from camra.search import synonyms

from ..changes import record_public_change
from ..principals import ADMIN
from .base import Action, ActionError

MAX_CHARACTERS = 50_000


class SetSynonyms(Action):
    """Check and store ``text`` (None restores the default); returns the table."""

    verb = 'synonyms'
    role = ADMIN

    def __init__(self, site, actor, text):
        super().__init__(site, actor)
        self.text = text.replace('\r\n', '\n') if text is not None else None

    def check(self):
        super().check()
        if self.text is None:
            self.table = synonyms.DEFAULT
            return
        if len(self.text) > MAX_CHARACTERS:
            raise ActionError(f'同义词表最多 {MAX_CHARACTERS} 个字符')
        try:
            self.table = synonyms.parse(self.text)
        except synonyms.SynonymError as exc:
            raise ActionError(str(exc)) from None

    def run(self):
        self.site.synonyms = self.text
        record_public_change(self.site)     # search results change: so do their pages' versions
        self.detail = 'default table' if self.text is None else f'{len(self.table.words)} words'
        return self.table
