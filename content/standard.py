"""Standards: national, industry and group standards with their lifecycle."""
import re

from .folder import Folder
from .item import Item

KINDS = {'national': '国家标准', 'industry': '行业标准', 'group': '团体标准'}
STATUSES = {
    'draft': '征求意见稿',
    'in_force': '现行',
    'superseded': '被代替',
    'withdrawn': '废止',
}
# GB/T 16739.1-2014, JT/T 816-2021, T/CAMRA 002-2016
CODE_PATTERN = re.compile(r'^[A-Z]{1,6}(/[A-Z]{1,8})?\s?[A-Z]*\s?\d{1,6}(\.\d{1,3})?-(19|20)\d\d$')


class Standard(Item):
    """A standard; a superseded or withdrawn one stays readable and names its successor."""

    type_name = 'standard'
    type_title = '标准'
    fields = ('code', 'kind', 'status', 'effective', 'committee', 'scope',
              'file', 'replaces', 'replaced_by')
    search_number = 'code'
    search_fields = ('kind_title', 'status_title', 'committee', 'scope', 'body')
    code = kind = status = committee = scope = ''
    effective = None
    file = None
    replaces = replaced_by = ''

    @property
    def kind_title(self):
        return KINDS.get(self.kind, self.kind)

    @property
    def status_title(self):
        return STATUSES.get(self.status, self.status)

    @property
    def obsolete(self):
        return self.status in ('superseded', 'withdrawn')

    def _sibling(self, name):
        folder = self.__parent__
        return folder.get(name) if (folder is not None and name) else None

    def successor(self):
        """The standard that replaces this one, or None."""
        return self._sibling(self.replaced_by)

    def predecessor(self):
        """The standard this one replaces, or None."""
        return self._sibling(self.replaces)


class Standards(Folder):
    item_type = Standard
