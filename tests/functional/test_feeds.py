"""Atom feeds and the sitemap: published items only."""
import xml.etree.ElementTree as ET

import transaction

from camra.content.root import APP_ROOT
from camra.site import database

ATOM = '{http://www.w3.org/2005/Atom}'
SITEMAP = '{http://www.sitemaps.org/schemas/sitemap/0.9}'


def _retract(app, folder, name):
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    conn.root()[APP_ROOT][folder][name].update(state='private')
    tm.commit()
    conn.close()


def test_notices_and_news_feeds_are_atom_with_published_items_only(app, testapp):
    page = testapp.get('/notices/feed')
    assert page.content_type == 'application/atom+xml'
    feed = ET.fromstring(page.body)
    assert feed.tag == f'{ATOM}feed' and feed.find(f'{ATOM}title').text.startswith('通知公告')
    titles = [e.find(f'{ATOM}title').text for e in feed.iter(f'{ATOM}entry')]
    assert '关于开展2023年汽车维修质量服务月活动的通知' in titles
    for entry in feed.iter(f'{ATOM}entry'):      # what Atom requires of each entry
        assert entry.find(f'{ATOM}id').text and entry.find(f'{ATOM}updated').text
    news = ET.fromstring(testapp.get('/news/feed').body)
    assert list(news.iter(f'{ATOM}entry'))
    name = testapp.get('/notices/', headers={'Accept': 'application/json'}).json['items'][0]['id']
    _retract(app, 'notices', name)
    assert f'/notices/{name}/' not in testapp.get('/notices/feed').text
    assert f'/notices/{name}/' not in testapp.get('/sitemap.xml').text


def test_sitemap_lists_sections_and_published_items(testapp):
    page = testapp.get('/sitemap.xml')
    urls = [u.find(f'{SITEMAP}loc').text for u in ET.fromstring(page.body).iter(f'{SITEMAP}url')]
    assert 'http://localhost/' in urls and 'http://localhost/notices/' in urls
    assert any(u.startswith('http://localhost/handbook/') and u != 'http://localhost/handbook/' for u in urls)
    assert len(urls) == len(set(urls))
