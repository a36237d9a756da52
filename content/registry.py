"""The content types: one registration per type, asked by everything else."""
from dataclasses import dataclass
from typing import Callable

from camra.schemas.docnumber import parse_docnumber

from .association import Association
from .handbook import HandbookSection, section_name
from .magazine import MagazineIssue
from .naming import slugify
from .news import NewsItem
from .notice import Notice
from .page import Page
from .standard import Standard


@dataclass(frozen=True)
class TypeInfo:
    """What the rest of the system needs to know about a content type.

    ``container`` is the name of the root folder the items live in (``''``:
    the root itself); ``make_name`` gives a readable URL name from field
    values; ``key_fields`` identify "the same item" when a text is imported
    again, so a re-import updates instead of doubling.
    """

    name: str
    cls: type
    container: str
    make_name: Callable[[dict], str]
    key_fields: tuple

    def same_item(self, item, values):
        return all(getattr(item, f, None) == values.get(f) for f in self.key_fields)


def _notice_name(values):
    parsed = parse_docnumber(values['number'])
    return f'{parsed.year}-{parsed.serial}'


def _issue_name(values):
    return f"{values['year']}-{values['issue_no']}-{values.get('edition') or 'first'}"


TYPES = {info.name: info for info in (
    TypeInfo('handbook_section', HandbookSection, 'handbook',
             lambda v: section_name(v['number']), ('number',)),
    TypeInfo('standard', Standard, 'standards',
             lambda v: slugify(v['code'], fallback='standard'), ('code',)),
    TypeInfo('notice', Notice, 'notices', _notice_name, ('number',)),
    TypeInfo('news', NewsItem, 'news',
             lambda v: slugify(v['title'], 40, fallback='news'), ('title', 'date')),
    TypeInfo('magazine_issue', MagazineIssue, 'magazine', _issue_name,
             ('magazine', 'year', 'issue_no', 'edition')),
    TypeInfo('association', Association, 'directory',
             lambda v: slugify(v['title'], fallback='association'), ('title',)),
    TypeInfo('page', Page, '', lambda v: slugify(v['title'], fallback='page'), ('title',)),
)}
