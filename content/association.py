"""The directory of allied associations."""
from camra.schemas.choices import ASSOCIATION_KINDS as KINDS

from .folder import Folder
from .item import Item
from .naming import pinyin_key
from .regions import NATIONAL, province_names


class Association(Item):
    """A directory entry; ``title`` is the association's name."""

    type_name = 'association'
    type_title = '协会名录'
    fields = ('province', 'city', 'kind', 'address', 'phone', 'website')
    search_fields = ('province', 'city', 'address', 'phone', 'website', 'body')
    province = city = kind = address = phone = website = ''

    @property
    def kind_title(self):
        return KINDS.get(self.kind, self.kind)


class Directory(Folder):
    item_type = Association

    def by_province(self):
        """``[(province, [associations sorted by pinyin])]`` in official order,
        national bodies first and unknown places last."""
        groups = {}
        for entry in self.values():
            if entry.published:
                groups.setdefault(entry.province or NATIONAL, []).append(entry)
        order = [NATIONAL] + province_names()
        ranked = sorted(groups, key=lambda p: (order.index(p) if p in order else len(order), pinyin_key(p)))
        return [(p, sorted(groups[p], key=lambda a: pinyin_key(a.title))) for p in ranked]


def fill_place(values):
    """Complete ``province``, ``city`` and ``kind`` from the name where empty.

    ``苏州市机动车维修行业协会`` -> 江苏 / 苏州 / municipal. Given values win.
    """
    from .regions import locate
    province, city = locate(values.get('title', ''))
    values = dict(values)
    if not values.get('province') and not values.get('city'):
        values['province'], values['city'] = province, city
    if not values.get('kind'):
        name = values.get('title', '')
        if name.startswith('中国') or name.startswith('全国'):
            values['kind'] = 'national'
        elif values.get('city') and values.get('city') != values.get('province'):
            values['kind'] = 'municipal'
        elif values.get('province'):
            values['kind'] = 'provincial'
        else:
            values['kind'] = 'other'
    return values
