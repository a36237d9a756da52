"""The Host header: forged names are refused before anything is kept, and
every absolute URL is made from ``site.url``."""
import json

import pytest
from webtest import TestApp

FORGED = 'evil.example'
# Pages whose bodies hold absolute URLs: JSON, feeds, the sitemap, HTML (stylesheet link).
PAGES = [('/notices/', 'application/json'), ('/notices/feed', '*/*'), ('/sitemap.xml', '*/*'),
         ('/', 'text/html'), ('/notices/2022-35/', 'application/json')]


def test_a_forged_host_is_refused_and_poisons_nothing(app):
    public = TestApp(app)
    for path, accept in PAGES:
        refused = public.get(path, headers={'Host': FORGED, 'Accept': accept}, status=400)
        assert '主机名不正确' in refused.text and refused.headers['Cache-Control'] == 'no-store'
    for path, accept in PAGES:
        page = public.get(path, headers={'Accept': accept})
        assert FORGED not in page.text, path
        assert 'http://localhost' in page.text, path


def test_a_forwarded_host_never_reaches_a_page(app):
    public = TestApp(app)
    for path, accept in PAGES:
        public.get(path, headers={'X-Forwarded-Host': FORGED, 'Accept': accept})
    for path, accept in PAGES:
        page = public.get(path, headers={'Accept': accept})
        assert FORGED not in page.text, path


def test_site_url_makes_every_absolute_url(app_factory):
    public = TestApp(app_factory(demo='true', **{'site.url': 'https://www.camra.example'}))
    listing = public.get('/notices/', headers={'Accept': 'application/json'}).json
    assert listing['items'][0]['url'].startswith('https://www.camra.example/notices/')
    home = public.get('/').html
    assert home.select_one('link[rel=stylesheet]')['href'].startswith('https://www.camra.example/static/')
    assert 'https://www.camra.example/notices/' in public.get('/notices/feed').text
    assert 'https://www.camra.example/' in public.get('/sitemap.xml').text
    public.get('/notices/', headers={'Host': 'www.camra.example'})          # its own name: accepted
    public.get('/notices/', headers={'Host': 'camra.example'}, status=400)  # not in site.hosts


def test_pages_kept_for_one_host_are_not_served_for_another(app_factory):
    public = TestApp(app_factory(demo='true', **{'site.hosts': 'a.example, b.example'}))
    first = public.get('/notices/', headers={'Host': 'a.example', 'Accept': 'application/json'})
    second = public.get('/notices/', headers={'Host': 'b.example', 'Accept': 'application/json'})
    assert first.headers['ETag'] != second.headers['ETag']
    assert json.dumps(second.json).count('http://b.example/') and 'a.example' not in second.text
    again = public.get('/notices/', headers={'Host': 'a.example', 'Accept': 'application/json',
                                             'If-None-Match': second.headers['ETag']})
    assert again.status_int == 200 and 'b.example' not in again.text


def test_a_site_url_that_is_not_a_site_root_is_refused_at_start(app_factory):
    from camra.site.hosts import HostError
    for bad in ('www.camra.example', 'ftp://camra.example', 'https://camra.example/site/'):
        with pytest.raises(HostError, match='site.url'):
            app_factory(**{'site.url': bad})
