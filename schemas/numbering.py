"""The formats of the numbers that name things: standard codes and
handbook section numbers (document numbers: ``camra.schemas.docnumber``)."""
import re

STANDARD_CODE = re.compile(r'^[A-Z]{1,6}(/[A-Z]{1,8})?\s?[A-Z]*\s?\d{1,6}(\.\d{1,3})?-(19|20)\d\d$')
_SECTION_NUMBER = re.compile(r'^\d+(\.\d+)*$')


def is_section_number(text):
    """True for ``5``, ``5.1``, ``6.10``; False for anything else."""
    return bool(_SECTION_NUMBER.match(text or ''))
