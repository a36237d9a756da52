"""Schema per JSON Lines type name, and one entry point to validate."""
import colander

from .errors import field_errors
from .types import (
    AssociationSchema,
    HandbookSectionSchema,
    MagazineIssueSchema,
    NewsSchema,
    NoticeSchema,
    PageSchema,
    StandardSchema,
)

SCHEMAS = {
    'handbook_section': HandbookSectionSchema,
    'standard': StandardSchema,
    'notice': NoticeSchema,
    'news': NewsSchema,
    'magazine_issue': MagazineIssueSchema,
    'association': AssociationSchema,
    'page': PageSchema,
}


class ValidationError(ValueError):
    """Invalid field values; ``errors`` maps field names to Chinese messages."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__('；'.join(f'{k}：{v}' for k, v in errors.items()))


def validate(schema_class, values):
    """Return the clean appstruct of ``values`` for ``schema_class``.

    Bad values raise ``ValidationError`` with one Chinese message per
    field; unknown fields are refused rather than dropped, so nothing an
    editor wrote disappears silently.
    """
    schema = schema_class()
    schema.typ.unknown = 'raise'
    try:
        return schema.deserialize(values)
    except colander.Invalid as exc:
        raise ValidationError(field_errors(exc))
