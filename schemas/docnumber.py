"""Chinese official document numbers: 中汽修协字〔2022〕35号."""
import re
import unicodedata
from dataclasses import dataclass


class DocNumberError(ValueError):
    """Raised for text that is not a document number."""


# Word files use every kind of bracket for 〔〕; all mean the same.
_PATTERN = re.compile(
    r'^(?P<prefix>[^\s〔〕\[\]［］()（）【】]{1,20}?)\s*'
    r'[〔\[［(（【]\s*(?P<year>(?:19|20)\d\d)\s*[〕\]］)）】]\s*'
    r'第?\s*(?P<serial>\d{1,5})\s*号$')


@dataclass(frozen=True)
class DocNumber:
    prefix: str
    year: int
    serial: int

    def __str__(self):
        return f'{self.prefix}〔{self.year}〕{self.serial}号'


def parse_docnumber(text):
    """Parse ``text`` into a ``DocNumber`` (prefix, year, serial).

    Brackets ``〔〕 [] ［］ () （） 【】`` are accepted and ``str()`` gives the
    standard form with 〔〕. Raises ``DocNumberError`` for anything else.
    """
    if not isinstance(text, str):
        raise DocNumberError('文号必须是文本')
    cleaned = unicodedata.normalize('NFKC', text).strip()
    # NFKC turns 〔〕 into themselves but full-width digits into ASCII.
    match = _PATTERN.match(cleaned)
    if not match:
        raise DocNumberError(f'文号格式不正确：“{text}”（应如 中汽修协字〔2022〕35号）')
    serial = int(match['serial'])
    if serial == 0:
        raise DocNumberError(f'文号序号不能为 0：“{text}”')
    return DocNumber(match['prefix'], int(match['year']), serial)
