"""Province and city from the name of an organisation.

``苏州市机动车维修行业协会`` -> (江苏, 苏州). Names that begin with a province
give the province only (``河北省道路运输协会`` -> 河北); national names
(``中国…``) give neither.
"""
import functools
import importlib.resources

NATIONAL = '全国'
MUNICIPALITIES = ('北京', '天津', '上海', '重庆', '香港', '澳门')


@functools.lru_cache(maxsize=1)
def _table():
    """(provinces, cities, cities longest first): full and short province
    names, city -> province, and the city names ordered for prefix matching."""
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
    return provinces, cities, sorted(cities, key=len, reverse=True)


def province_names():
    """Short province names in the official order (北京 ... 台湾)."""
    return [short for _, short in _table()[0]]


def locate(name):
    """Return ``(province, city)`` for an organisation's ``name``.

    Either may be ``''`` when the name does not tell. A municipality gives
    itself as both (``北京`` / ``北京``). Checked in this order, so that
    吉林省 is the province and 吉林市 the city, and 张家港 is not 张家口:
    a full province name, a city written with 市/地区/盟 (longest first),
    a short province name, a bare city name.
    """
    provinces, cities, by_length = _table()
    name = (name or '').strip()
    for full, short in provinces:
        if name.startswith(full):
            return short, (short if short in MUNICIPALITIES else '')
    for city in by_length:
        if name.startswith((city + '市', city + '地区', city + '盟')):
            return cities[city], city
    for _, short in provinces:
        if name.startswith(short):
            return short, (short if short in MUNICIPALITIES else '')
    for city in by_length:
        if name.startswith(city):
            return cities[city], city
    return '', ''
