"""Notices: official documents with a document number."""
from BTrees.OOBTree import OOBTree

from camra.schemas.docnumber import DocNumberError, parse_docnumber

from .folder import Folder
from .item import Item

REVOKES, AMENDS = 'revokes', 'amends'
RELATION_TITLES = {REVOKES: '废止', AMENDS: '修订'}


class Notice(Item):
    """A notice (通知) such as 中汽修协字〔2022〕35号, with its attachments.

    The parts an official document prints (GB/T 9704) are fields: the main
    recipients (主送), the attachment notes (附件说明), copies (抄送), who
    printed it and when (印发). ``revokes`` and ``amends`` hold the document
    numbers of earlier notices it revokes or amends (废止, 修订);
    ``related`` holds site paths (``/handbook/``) of items it refers to.
    """

    type_name = 'notice'
    type_title = '通知公告'
    fields = ('number', 'issuer', 'recipients', 'attachment_notes', 'cc', 'printed_by', 'printed_on',
              'revokes', 'amends', 'attachments', 'related')
    search_number = 'number'
    search_fields = ('issuer', 'recipients', 'body', 'attachments')
    number = issuer = recipients = cc = printed_by = ''
    printed_on = None
    attachment_notes = revokes = amends = attachments = related = ()

    @property
    def docnumber(self):
        try:
            return parse_docnumber(self.number)
        except DocNumberError:
            return None

    @property
    def year(self):
        parsed = self.docnumber
        return parsed.year if parsed else (self.date.year if self.date else None)

    @property
    def serial(self):
        parsed = self.docnumber
        return parsed.serial if parsed else None

    def relations(self):
        """``[(kind, number)]`` of the earlier notices this one revokes or amends."""
        return [(REVOKES, n) for n in self.revokes or ()] + [(AMENDS, n) for n in self.amends or ()]

    def superseded_by(self):
        """``[(kind, notice)]``: the published notices that revoke or amend this
        one, newest first (the banner on its page)."""
        folder = self.__parent__
        found = []
        for name in folder.citing(self.number) if isinstance(folder, Notices) else ():
            other = folder.get(name)
            if other is not None and other is not self and other.published:
                found.extend((kind, other) for kind, number in other.relations() if number == self.number)
        return sorted(found, key=lambda ko: (ko[1].date is not None, ko[1].date), reverse=True)


class Notices(Folder):
    """The notices, with an index of which notices cite which numbers
    (revoke or amend them), so an earlier notice finds its successors
    without reading the folder."""

    item_type = Notice

    def reindex(self, child):
        super().reindex(child)
        if isinstance(child, Notice):
            self._cite(child)

    def _cite(self, notice):
        index = getattr(self, '_citations', None)
        if index is None:
            index = self._citations = OOBTree()
        for _, number in notice.relations():
            names = index.get(number, ())
            if notice.__name__ not in names:
                index[number] = tuple(names) + (notice.__name__,)

    def with_number(self, number):
        """The notices whose document number is ``number`` (found where such
        a notice is named: ``2022-35``), as the importer finds them."""
        from .registry import TYPES  # the registry knows every type; imported late
        return TYPES[Notice.type_name].same_items(self, {'number': number})

    def citing(self, number):
        """The names of the notices that once cited ``number`` (the caller
        checks they still do and are published)."""
        index = getattr(self, '_citations', None)
        return index.get(number, ()) if index is not None and number else ()
