"""The member-service handbook: numbered sections (5.1, 6.10…) in one folder."""
import re

from .folder import Folder
from .item import Item

_NUMBER = re.compile(r'^\d+(\.\d+)*$')


def number_key(number):
    """Sort key of a section number: ``'5.10'`` -> ``(5, 10)`` (after 5.9)."""
    return tuple(int(part) for part in number.split('.'))


def section_name(number):
    """URL name of a section number: ``'5.1'`` -> ``'5-1'``."""
    return number.replace('.', '-')


def is_section_number(text):
    """True for ``5``, ``5.1``, ``6.10``; False for anything else."""
    return bool(_NUMBER.match(text or ''))


class HandbookSection(Item):
    """One numbered section; its depth and parent follow from its number.

    Section ``0`` is the foreword (前言), shown before section 1 without a
    number.
    """

    type_name = 'handbook_section'
    type_title = '手册章节'
    fields = ('number',)
    search_number = 'number'
    number = ''

    @property
    def key(self):
        return number_key(self.number)

    @property
    def depth(self):
        return len(self.key)

    @property
    def parent_number(self):
        return self.number.rpartition('.')[0] or None

    @property
    def label(self):
        """The number as shown before the title ('' for the foreword)."""
        return '' if self.number == '0' else self.number


class Handbook(Folder):
    """The handbook: sections named by number, read in number order."""

    item_type = HandbookSection
    version = ''

    def sections(self):
        """Published sections in number order (5.9 before 5.10)."""
        return sorted((s for s in self.values() if s.published), key=lambda s: s.key)

    def toc(self):
        """The table of contents: ``[(section, [child sections]), ...]``."""
        sections = self.sections()
        tops = [s for s in sections if s.depth == 1]
        return [(top, [s for s in sections if s.parent_number == top.number]) for top in tops]

    def neighbours(self, section):
        """(previous, next) published sections around ``section`` in reading order."""
        sections = self.sections()
        keys = [s.key for s in sections]
        if section.key not in keys:
            return None, None
        i = keys.index(section.key)
        return (sections[i - 1] if i else None,
                sections[i + 1] if i + 1 < len(sections) else None)
