"""Province and city from the name of an organisation.

``苏州市机动车维修行业协会`` -> (江苏, 苏州). Names that begin with a province
give the province only (``河北省道路运输协会`` -> 河北); national names
(``中国…``) give neither.
"""
import functools
import importlib.resources

NATIONAL = '全国'


@functools.lru_cache(maxsize=1)
def _table():
    """(provinces, cities): full and short province names, city -> province."""
    provinces = []   # (prefix, short name), longest prefix first
    cities = {}      # city short name -> province short name
    text = importlib.resources.files('camra.content').joinpath('data/regions.txt').read_text('utf-8')
    for line in text.splitlines():
        if not line.strip() or line.startswith('#'):
            continue
        head, _, tail = line.partition(':')
        full, short = head.split()
        provinces.append((full, short))
        for city in tail.split():
            cities.setdefault(city, short)
    return provinces, cities


def province_names():
    """Short province names in the official order (北京 ... 台湾)."""
    return [short for _, short in _table()[0]]


def locate(name):
    """Return ``(province, city)`` for an organisation's ``name``.

    Either may be ``''`` when the name does not tell. A municipality gives
    itself as both (``北京`` / ``北京``). A city that shares its name with a
    province (吉林) counts as the city only when written with ``市``.
    """
    provinces, cities = _table()
    name = (name or '').strip()
    for full, short in provinces:
        if name.startswith(full) and not _is_city_of_same_name(name, short, cities):
            return short, (short if cities.get(short) == short and _municipality(short) else '')
    # Longest city name first, so 张家港 is not read as 张家口 and so on.
    for city in sorted(cities, key=len, reverse=True):
        if name.startswith(city + '市') or name.startswith(city + '地区') or name.startswith(city + '盟'):
            return cities[city], city
    for full, short in provinces:
        if name.startswith(short) and not name.startswith(short + '市'):
            return short, (short if _municipality(short) else '')
    for city in sorted(cities, key=len, reverse=True):
        if name.startswith(city):
            return cities[city], city
    return '', ''


def _municipality(short):
    return short in ('北京', '天津', '上海', '重庆', '香港', '澳门')


def _is_city_of_same_name(name, short, cities):
    return cities.get(short) == short and not _municipality(short) and name.startswith(short + '市')
