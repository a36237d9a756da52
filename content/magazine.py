"""Magazine issues: 《汽车维护与修理》 appears twice a month since July 2017."""
from camra.schemas.choices import EDITIONS

from .folder import Folder
from .item import Item

TOC_KEYS = ('column', 'title', 'author', 'page')


class MagazineIssue(Item):
    """One issue: magazine, edition, year and number, contents, cover and PDF.

    ``toc`` is a list of dicts with the keys ``TOC_KEYS``.
    """

    type_name = 'magazine_issue'
    type_title = '杂志'
    fields = ('magazine', 'edition', 'year', 'issue_no', 'cover', 'toc', 'pdf')
    search_fields = ('magazine', 'label', 'toc', 'body')
    magazine = edition = ''
    year = issue_no = None
    cover = pdf = None
    toc = ()

    @property
    def edition_title(self):
        return EDITIONS.get(self.edition, self.edition)

    @property
    def label(self):
        """``2023年第3期（上半月刊）``."""
        return f'{self.year}年第{self.issue_no}期（{self.edition_title}）'


class Magazine(Folder):
    item_type = MagazineIssue
