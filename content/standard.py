"""Standards: national, industry and group standards with their lifecycle."""
from camra.schemas.choices import STANDARD_KINDS as KINDS
from camra.schemas.choices import STANDARD_STATUSES as STATUSES

from .folder import Folder
from .item import Item


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
