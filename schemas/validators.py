"""Validators with Chinese messages for the fields that have a format."""
import re

import colander

from .docnumber import DocNumberError, parse_docnumber
from .numbering import STANDARD_CODE, is_section_number

_PHONE = re.compile(r'^[0-9+\-()（）\s、/，,转]{5,}$')
_WEBSITE = re.compile(r'^(https?://)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?$')


def docnumber(node, value):
    """A document number such as 中汽修协字〔2022〕35号."""
    try:
        parse_docnumber(value)
    except DocNumberError as exc:
        raise colander.Invalid(node, str(exc))


def standard_docnumber(value):
    """A document number in its standard form (〔〕, no 第): ``中汽修协字[2024]12号``
    is stored as ``中汽修协字〔2024〕12号``; anything unreadable is left for
    ``docnumber`` to refuse."""
    try:
        return str(parse_docnumber(value)) if isinstance(value, str) else value
    except DocNumberError:
        return value


def standard_code(node, value):
    """A standard code such as T/CAMRA 002-2016 or GB/T 16739.1-2014."""
    if not STANDARD_CODE.match(value):
        raise colander.Invalid(node, f'标准编号格式不正确：“{value}”（应如 T/CAMRA 002-2016）')


def section_number(node, value):
    if not is_section_number(value):
        raise colander.Invalid(node, f'章节编号格式不正确：“{value}”（应如 5 或 5.1）')


def phone(node, value):
    if value and not _PHONE.match(value):
        raise colander.Invalid(node, f'电话号码格式不正确：“{value}”')


def website(node, value):
    if value and not _WEBSITE.match(value):
        raise colander.Invalid(node, f'网址格式不正确：“{value}”')
