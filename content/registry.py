"""The content types: one registration per type, asked by everything else."""
from dataclasses import dataclass
from typing import Callable

from camra.schemas import types as schemas
from camra.schemas.base import file_fields
from camra.schemas.docnumber import parse_docnumber
from camra.schemas.validation import ValidationError
from camra.schemas.validation import validate as validate_with

from .association import Association
from .handbook import HandbookSection, section_name
from .magazine import MagazineIssue
from .naming import numbered_names, slugify
from .news import NewsItem
from .notice import Notice
from .page import Page
from .standard import Standard


@dataclass(frozen=True)
class TypeInfo:
    """What the rest of the system needs to know about a content type.

    ``schema`` is its colander schema class (fields, checks, labels);
    ``container`` is the name of the root folder the items live in (``''``:
    the root itself); ``make_name`` gives a readable URL name from field
    values; ``key_fields`` identify "the same item" when a text is imported
    again, so a re-import updates instead of doubling; when ``unique``, no
    two items may share them (a document number, a standard code, a section
    number).
    """

    name: str
    cls: type
    schema: type
    container: str
    make_name: Callable[[dict], str]
    key_fields: tuple
    unique: bool = False

    def same_item(self, item, values):
        return all(getattr(item, f, None) == values.get(f) for f in self.key_fields)

    def same_items(self, folder, values):
        """The items of ``folder`` that are "the same item" as ``values``:
        looked for where such an item is put (its readable name, or a
        numbered sibling of it up to the first free name), not among all."""
        for name in numbered_names(self.make_name(values)):
            if name not in folder:
                return
            if self.same_item(folder[name], values):
                yield folder[name]

    def duplicate(self, folder, values, item=None):
        """Another item of ``folder`` than ``item`` with the same key as
        ``values``, if the type's key is ``unique``; else None."""
        if not self.unique:
            return None
        return next((other for other in self.same_items(folder, values) if other is not item), None)

    def key_title(self):
        """What the key is called on the forms (文号, 标准编号…)."""
        return '、'.join(self.schema()[f].title for f in self.key_fields)

    @property
    def file_fields(self):
        """The names of the type's file fields (from its schema)."""
        return file_fields(self.schema())

    def folder(self, site):
        """The folder of ``site`` that holds items of this type."""
        return site[self.container] if self.container else site


def _notice_name(values):
    parsed = parse_docnumber(values['number'])
    return f'{parsed.year}-{parsed.serial}'


def _issue_name(values):
    return f"{values['year']}-{values['issue_no']}-{values.get('edition') or 'first'}"


TYPES = {info.name: info for info in (
    TypeInfo('handbook_section', HandbookSection, schemas.HandbookSectionSchema, 'handbook',
             lambda v: section_name(v['number']), ('number',), unique=True),
    TypeInfo('standard', Standard, schemas.StandardSchema, 'standards',
             lambda v: slugify(v['code'], fallback='standard'), ('code',), unique=True),
    TypeInfo('notice', Notice, schemas.NoticeSchema, 'notices', _notice_name, ('number',), unique=True),
    TypeInfo('news', NewsItem, schemas.NewsSchema, 'news',
             lambda v: slugify(v['title'], 40, fallback='news'), ('title', 'date')),
    TypeInfo('magazine_issue', MagazineIssue, schemas.MagazineIssueSchema, 'magazine', _issue_name,
             ('magazine', 'year', 'issue_no', 'edition')),
    TypeInfo('association', Association, schemas.AssociationSchema, 'directory',
             lambda v: slugify(v['title'], fallback='association'), ('title',)),
    TypeInfo('page', Page, schemas.PageSchema, '', lambda v: slugify(v['title'], fallback='page'), ('title',)),
)}


def info_of(item):
    """The ``TypeInfo`` of a content item."""
    return TYPES[item.type_name]


def addable(folder):
    """The ``TypeInfo`` of the types that live in ``folder`` (the site root
    or one of its sections; nothing is added deeper)."""
    if folder.__parent__ is not None and folder.__parent__.__parent__ is not None:
        return []
    container = '' if folder.__parent__ is None else folder.__name__
    return [info for info in TYPES.values() if info.container == container]


def validate(type_name, values):
    """The clean values of ``values`` for the type ``type_name``; raises
    ``ValidationError`` (one Chinese message per field) for an unknown type
    or bad values."""
    info = TYPES.get(type_name)
    if info is None:
        raise ValidationError({'type': f'未知的内容类型：“{type_name}”（可用：{"、".join(TYPES)}）'})
    return validate_with(info.schema, values)
