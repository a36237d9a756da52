"""Which province and city an association is in, from its name."""
import pytest

from camra.content.regions import locate


@pytest.mark.parametrize('name, place', [
    ('苏州市机动车维修行业协会', ('江苏', '苏州')),
    ('南京汽车维修行业协会', ('江苏', '南京')),
    ('张家港市机动车维修行业协会', ('江苏', '张家港')),
    ('北京汽车维修行业协会', ('北京', '北京')),
    ('河北省道路运输协会', ('河北', '')),
    ('吉林省汽车维修行业协会', ('吉林', '')),
    ('内蒙古汽车行业协会', ('内蒙古', '')),
    ('佛山市禅城区交通运输协会', ('广东', '佛山')),
    ('新疆维吾尔自治区道路运输协会', ('新疆', '')),
    ('中国汽车维修行业协会', ('', '')),
])
def test_locate(name, place):
    assert locate(name) == place


def test_every_seed_association_is_placed(seeds):
    from camra.content.importers import read_file
    names = [r['title'] for _, r in read_file(seeds('000')).records if r['type'] == 'association']
    unplaced = [n for n in names if locate(n) == ('', '') and not n.startswith('中国')]
    assert unplaced == []
