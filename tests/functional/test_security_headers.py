"""Security headers on every answer: every registered view, the kept page
and its 304, errors, a refused host, downloads (sandboxed), HSTS on HTTPS."""
import base64
import json

import pytest
from pyramid.traversal import resource_path
from webtest import TestApp

from camra.content.root import APP_ROOT
from camra.site import database
from camra.site.headers import CONTENT_SECURITY_POLICY, DOWNLOAD_POLICY

EXPECTED = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
}


def assert_safe(response, policy=CONTENT_SECURITY_POLICY):
    expected = {**EXPECTED, 'Content-Security-Policy': policy}
    assert {name: response.headers.get(name) for name in expected} == expected, response.request.url


def test_the_policy_allows_no_inline_script_or_style_and_no_framing():
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert 'sandbox' in DOWNLOAD_POLICY and "script-src" not in DOWNLOAD_POLICY


def registered_views(app):
    """``(context class, view name, methods, accept)`` of every view that
    answers for a content object (exception views are asked for below)."""
    for entry in app.registry.introspector.get_category('views'):
        view = entry['introspectable']
        context = view['context']
        if isinstance(context, type) and not issubclass(context, BaseException):
            yield context, view['name'], view['request_methods'] or ('GET',), view['accept'] or 'text/html'


def objects(site):
    """One object of each class in the demo site, releases included."""
    found = []

    def walk(node):
        found.append(node)
        if hasattr(node, 'keys') and callable(getattr(node, 'values', None)):
            for child in list(node.values())[:20]:
                walk(child)
    walk(site)
    for release in site['handbook'].all_releases():
        found += [release, release.get(release.sections[1].name)]
    return found


def test_every_registered_view_answers_with_the_headers(app_factory, with_users, login, csrf):
    app = with_users(app_factory(demo='true'))
    conn = database(app).open()
    try:
        site = conn.root()[APP_ROOT]
        targets = objects(site)
        rows = []
        for context, name, methods, accept in registered_views(app):
            target = next((o for o in targets if isinstance(o, context)), None)
            assert target is not None, f'no {context.__name__} in the demo site for @@{name}'
            path = resource_path(target).rstrip('/') + '/' + (f'@@{name}' if name else '')
            rows.append((path, 'POST' if 'POST' in methods else 'GET', accept))
    finally:
        conn.close()
    assert len(rows) > 50
    for who in (None, 'boss'):
        testapp = TestApp(app)
        if who:
            login(testapp, who)
        token = csrf(testapp)
        for path, method, accept in sorted(set(rows)):
            if path.endswith('@@logout'):
                continue                    # would end the signed-in run; asked last
            if method == 'POST':
                response = testapp.post(path, {'csrf_token': token}, headers={'Accept': accept}, expect_errors=True)
            else:
                response = testapp.get(path, headers={'Accept': accept}, expect_errors=True)
            assert response.status_int < 500, (path, response.status)
            assert_safe(response)
        assert_safe(testapp.post('/@@logout', {'csrf_token': token}, expect_errors=True))


def test_kept_pages_304s_errors_and_refused_hosts_carry_them(testapp):
    first = testapp.get('/notices/')
    kept = testapp.get('/notices/')
    not_modified = testapp.get('/notices/', headers={'If-None-Match': first.headers['ETag']}, status=304)
    for response in (first, kept, not_modified,
                     testapp.get('/no-such-page', status=404),
                     testapp.get('/no-such-page', headers={'Accept': 'application/json'}, status=404),
                     testapp.get('/@@dashboard', status=303),
                     testapp.post('/login', {'name': 'x', 'password': 'y'}, status=400),   # no CSRF token
                     testapp.get('/', headers={'Host': 'evil.example'}, status=400),
                     testapp.get('/static/site.css')):
        assert_safe(response)
    assert 'Strict-Transport-Security' not in first.headers


def test_a_download_is_sandboxed_and_https_sites_send_hsts(app_factory, cli, tmp_path):
    record = {'type': 'notice', 'id': '2024-1', 'title': '关于附件的通知', 'number': '中汽修协字〔2024〕1号',
              'date': '2024-01-02', 'attachments': [
                  {'filename': '附件.pdf', 'data': base64.b64encode(b'%PDF-1.4\n%%EOF\n').decode()}]}
    source = tmp_path / 'one.jsonl'
    source.write_text(json.dumps(record, ensure_ascii=False) + '\n', encoding='utf-8')
    assert cli('import', source) == 0
    testapp = TestApp(app_factory(**{'session.secure': 'true'}))
    download = testapp.get('/notices/2024-1/@@download/attachments/0')
    assert_safe(download, policy=DOWNLOAD_POLICY)
    assert download.headers['Content-Disposition'].startswith('attachment;')
    assert download.headers['Strict-Transport-Security'] == 'max-age=31536000'
    assert testapp.get('/').headers['Strict-Transport-Security'] == 'max-age=31536000'


@pytest.mark.parametrize('path', ['/handbook/v1.0/@@all'])
def test_the_printable_release_page_needs_no_inline_style(testapp, path):
    page = testapp.get(path)
    assert '<style' not in page.text and 'style=' not in page.text
    assert page.html.select_one('link[rel=stylesheet]')['href'].split('?')[0].endswith('/static/printable.css')
