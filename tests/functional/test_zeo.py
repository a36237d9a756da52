"""Two app instances over one real ZEO server see each other's writes."""
import datetime
import time

import pytest
from webtest import TestApp

from camra.site import database

from .conftest import zeo_uri as _uri

JSON = {'Accept': 'application/json'}


def _publish(wsgi, name, title):
    """Write a news item through this instance's own database connection."""
    from camra.content.news import NewsItem
    with database(wsgi).transaction() as conn:
        conn.root()['app_root']['news'].add(name, NewsItem(title=title, date=datetime.date(2024, 5, 1)))


def _eventually(check, timeout=10):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.slow
def test_two_instances_share_one_zeo_database(zeo_address, app_factory, tmp_path):
    first = app_factory(**{'zodbconn.uri': _uri(zeo_address, tmp_path / 'cache1'), 'demo': 'true'})
    second = app_factory(**{'zodbconn.uri': _uri(zeo_address, tmp_path / 'cache2')})
    one, two = TestApp(first), TestApp(second)
    # the first instance created the site (with its demo); the second found it
    assert two.get('/notices/', headers=JSON).json['total'] == 2

    def titles(testapp):
        return [i['title'] for i in testapp.get('/news/', headers=JSON).json['items']]

    _publish(first, 'from-one', '一号实例发布的资讯')
    assert _eventually(lambda: '一号实例发布的资讯' in titles(two))
    _publish(second, 'from-two', '二号实例发布的资讯')
    assert _eventually(lambda: '二号实例发布的资讯' in titles(one))
    assert one.get('/news/from-two').status_int == 200
