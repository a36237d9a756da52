"""Random and hostile input at every form, query parameter and importer:
never a 500 or a traceback, and nothing stored half-way."""
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
HOSTILE = ['', ' ', '\x00', '\ufeff', '\u202e', '../../etc/passwd', '<script>alert(1)</script>',
           "' OR 1=1 --", '%00', '${7*7}', '{{7*7}}', '中' * 5000, '\r\n', '@@edit', '-1', '9' * 40,
           '2026-02-30', '\udcff'.encode('utf-8', 'surrogatepass').decode('utf-8', 'replace')]
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300),
                 st.text(alphabet=string.digits + '-T:.', max_size=25))


def no_traceback(page):
    assert page.status_int < 500, page.status
    assert 'Traceback' not in page.text


@FUZZ
@given(values=st.dictionaries(st.sampled_from(['title', 'number', 'issuer', 'date', 'body', 'publish_at',
                                               'expire_at', 'related', 'note', 'base', 'word']),
                              text, max_size=8))
def test_the_edit_form_takes_anything(as_user, csrf, values):
    ed = as_user('ed')
    before = ed.get('/notices/2022-35/@@edit').forms['edit']['body'].value
    page = ed.post('/notices/2022-35/@@edit', {**values, 'csrf_token': csrf(ed)}, expect_errors=True)
    no_traceback(page)
    after = ed.get('/notices/2022-35/@@edit').forms['edit']['body'].value
    if page.status_int != 303:
        assert after == before                      # refused: nothing stored
    ed.post('/logout', {'csrf_token': csrf(ed)})


@FUZZ
@given(values=st.dictionaries(st.sampled_from(['title', 'number', 'date', 'body', 'magazine', 'year',
                                               'issue_no', 'edition', 'toc', 'code', 'kind', 'status',
                                               'phone', 'website']), text, max_size=8),
       kind=st.sampled_from(['notice', 'news', 'page', 'standard', 'magazine_issue', 'association',
                             'handbook_section', 'nonsense']))
def test_every_add_form_takes_anything(as_user, csrf, values, kind):
    ed = as_user('ed')
    folder = {'notice': 'notices', 'news': 'news', 'page': '', 'standard': 'standards',
              'magazine_issue': 'magazine', 'association': 'directory', 'handbook_section': 'handbook',
              'nonsense': 'notices'}[kind]
    url = f'/{folder}/@@add?type={kind}'.replace('//', '/')
    page = ed.post(url, {**values, 'csrf_token': csrf(ed)}, expect_errors=True)
    no_traceback(page)


@FUZZ
@given(params=st.dictionaries(st.sampled_from(['q', 'type', 'year', 'sort', 'page', 'release', 'a', 'b',
                                               'came_from', 'edition', 'province', 'kind', 'status']),
                              text, max_size=6),
       path=st.sampled_from(['/search', '/notices/', '/news/', '/standards/', '/directory/', '/magazine/',
                             '/handbook/', '/handbook/@@compare', '/login', '/sitemap.xml', '/notices/feed',
                             '/notices/2022-35/@@download/attachments/0']),
       accept=st.sampled_from(['text/html', 'application/json', '*/*', 'image/png', '']))
def test_every_page_takes_any_query(as_user, params, path, accept):
    page = as_user().get(path, params, headers={'Accept': accept} if accept else {}, expect_errors=True)
    assert page.status_int < 500, (path, params, page.status)


@FUZZ
@given(values=st.dictionaries(st.sampled_from(['name', 'password', 'came_from', 'label', 'date', 'notes',
                                               'notice', 'role', 'title', 'confirm', 'action', 'id',
                                               'folder', 'revision']), text, max_size=6),
       url=st.sampled_from(['/login', '/@@users', '/handbook/@@release', '/notices/2022-35/@@rename',
                            '/@@restore', '/notices/2022-35/@@revert', '/notices/2022-35/@@transition']))
def test_every_other_form_takes_anything(as_user, csrf, values, url):
    boss = as_user('boss')
    page = boss.post(url, {**values, 'csrf_token': csrf(boss)}, expect_errors=True)
    no_traceback(page)


@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(lambda t: t.encode('utf-8')),
                      st.sampled_from([b'PK\x03\x04' + b'\x00' * 100, b'{"type": "notice"}\n', b'\xff\xfe',
                                       '目 录\n1\t总则\t1\n2\t会员\t2\n3\t会费\t3\n'.encode('utf-8')])),
       suffix=st.sampled_from(['.txt', '.jsonl', '.docx', '.json']))
def test_the_importers_take_any_file(tmp_path_factory, data, suffix):
    from camra.content.importers import read_file
    from camra.content.loader import ImportFailed, prepare
    path = tmp_path_factory.mktemp('fuzz') / f'文件{suffix}'
    path.write_bytes(data)
    try:
        parsed = read_file(str(path))
        prepare(parsed.records)
    except ImportFailed:
        pass


@pytest.fixture(autouse=True)
def _quiet_throttle(users):
    """Many logins in a row are what throttling is for: not under test here."""
    users.registry.login_throttle.limit = 10 ** 9
