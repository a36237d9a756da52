"""Notices: official documents with a document number."""
from camra.schemas.docnumber import DocNumberError, parse_docnumber

from .folder import Folder
from .item import Item


class Notice(Item):
    """A notice (通知) such as 中汽修协字〔2022〕35号, with its attachments.

    ``related`` holds site paths (``/handbook/``) of items it refers to.
    """

    type_name = 'notice'
    type_title = '通知公告'
    fields = ('number', 'issuer', 'attachments', 'related')
    search_number = 'number'
    search_fields = ('issuer', 'body', 'attachments')
    number = issuer = ''
    attachments = ()
    related = ()

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


class Notices(Folder):
    item_type = Notice
