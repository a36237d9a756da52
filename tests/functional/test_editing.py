"""Editors write, reviewers publish: accounts, roles, CSRF, forms, revisions.

Users and signed-in TestApps come from this folder's conftest.
"""
import re

import pytest
from webtest import TestApp

from camra.content.root import APP_ROOT
from camra.site import database

# -- people and access ------------------------------------------------------

def test_login_wrong_password_throttling_and_logout(as_user, login, csrf, password):
    anon = as_user()
    assert '用户名或密码不正确' in login(anon, 'ed', 'wrong password!', status=400).text
    assert '用户名或密码不正确' in login(anon, 'nobody', password, status=400).text
    page = login(anon, 'ed').follow()
    assert '工作台' in page.text and 'ed' in page.text
    token = csrf(anon)
    anon.post('/logout', {'csrf_token': token}, status=303)
    anon.get('/@@dashboard', status=303)            # signed out: back to the login page
    for _ in range(5):
        login(anon, 'rev', 'not the password', status=400)
    # Even the right password waits now.
    assert '登录失败次数过多' in login(anon, 'rev', status=429).text


def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(as_user):
    ed = as_user('ed')
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['title'] = '不应保存的标题'
    form['csrf_token'] = 'forged'
    page = form.submit(status=400)
    assert '表单已失效' in page.text
    assert '不应保存的标题' not in ed.get('/notices/2022-35/@@edit').text
    ed.post('/logout', status=400)                  # no token at all


def walk_edit_views(app):
    """(method, url, permission) of every view registered with a permission,
    on an object of its context type in the demo site."""
    site = database(app).open().root()[APP_ROOT]
    samples = [site, site['notices'], site['notices']['2022-35'], site['handbook']]
    found = []
    for intr in app.registry.introspector.get_category('views'):
        view = intr['introspectable']
        permission = next((r.discriminator for r in intr['related'] if r.category_name == 'permissions'), None)
        if permission in (None, 'view', '__no_permission_required__'):
            continue
        context = next(s for s in samples if isinstance(s, view['context']))
        path = '/' + '/'.join(filter(None, _names(context)))
        methods = view['request_methods'] or ('GET', 'POST')
        for method in (methods,) if isinstance(methods, str) else methods:
            found.append((method, f"{path.rstrip('/')}/@@{view['name']}?type=notice", permission))
    return sorted(set(found))


def _names(obj):
    names = []
    while obj.__parent__ is not None:
        names.append(obj.__name__)
        obj = obj.__parent__
    return reversed(names)


def test_every_edit_view_refuses_anonymous_and_wrong_roles(as_user, users, csrf):
    views = walk_edit_views(users)
    assert {p for _, _, p in views} == {'edit', 'review', 'manage'} and len(views) >= 20
    assert {m for m, _, _ in views} == {'GET', 'POST'}
    anon, ed, rev = as_user(), as_user('ed'), as_user('rev')
    token = {who: csrf(app) for who, app in (('ed', ed), ('rev', rev))}
    rank = {'edit': 1, 'review': 2, 'manage': 3}
    for method, url, permission in views:
        if method == 'GET':
            page = anon.get(url, status=303)
        else:
            page = anon.post(url, {'csrf_token': csrf(anon)}, status=303)
        assert '/login?came_from=' in page.location, url       # never the form
        for who, level in (('ed', 1), ('rev', 2)):
            if level >= rank[permission]:
                continue
            user = {'ed': ed, 'rev': rev}[who]
            if method == 'GET':
                page = user.get(url, status=403)
            else:
                page = user.post(url, {'csrf_token': token[who]}, status=403)
            assert '没有权限' in page.text, (who, url)
            if method == 'GET':
                assert f"你的角色（{'编辑' if who == 'ed' else '审核'}）" in page.text and '（editor）' not in page.text
    # A transition that needs the reviewer's role, asked by an editor.
    ed.post('/notices/2022-35/@@transition', {'csrf_token': token['ed'], 'name': 'retract'}, status=403)


# -- writing, review, publication ------------------------------------------

def test_an_editor_writes_a_notice_and_a_reviewer_publishes_it(as_user):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'] = '关于举办汽修大讲堂第九期的通知'
    form['number'] = '中汽修协字〔2026〕12号'
    form['date'] = '2026-11-20'
    form['body'] = '## 一、时间\n\n2026年12月1日。'
    page = form.submit(status=303).follow()
    assert '已保存为草稿' in page.text and '提交审核' in page.text
    url = '/notices/2026-12/'
    public.get(url, status=404)                                     # a draft is nobody's business
    assert '汽修大讲堂第九期' not in public.get('/notices/').text
    page = page.forms['transitions'].submit('name', value='submit', status=303).follow()
    assert '待审核' in page.text and '发布' not in [b.text for b in page.html.select('.transitions button')]
    page = rev.get(url + '@@edit')
    page = page.forms['transitions'].submit('name', value='publish', status=303).follow()
    assert '已发布' in page.text
    assert '2026年12月1日' in public.get(url).text

    # Edited again: the public keeps the published text until the next publication.
    form = ed.get(url + '@@edit').forms['edit']
    form['body'] = '## 一、时间\n\n改为2026年12月8日。'
    form['note'] = '改期'
    form.submit(status=303)
    assert '12月1日' in public.get(url).text and '12月8日' not in public.get(url).text
    history = ed.get(url + '@@history')
    assert '改期' in history.text and '（已发布）' in history.text
    rev.get(url + '@@edit').forms['transitions'].submit('name', value='publish_draft', status=303)
    assert '12月8日' in public.get(url).text


def test_invalid_input_keeps_what_was_typed_and_says_what_is_wrong(as_user):
    ed = as_user('ed')
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'] = '缺文号的通知'
    form['body'] = '正文一字不能丢'
    page = form.submit(status=400)
    assert '请填写文号' in page.text and '正文一字不能丢' in page.text and '缺文号的通知' in page.text


def test_two_editors_saving_the_same_revision_see_the_conflict(as_user):
    first, second = as_user('ed'), as_user('rev')
    one = first.get('/notices/2022-35/@@edit').forms['edit']
    two = second.get('/notices/2022-35/@@edit').forms['edit']
    one['body'] = '甲改的正文'
    one.submit(status=303)
    two['body'] = '乙改的正文'
    page = two.submit(status=409)
    assert '保存冲突' in page.text and '甲改的正文' in page.text and '乙改的正文' in page.text
    # Saved again from the revision it now names, the second text goes in.
    page.forms['edit'].submit(status=303)
    history = first.get('/notices/2022-35/@@history').text
    assert history.count('<td>ed</td>') == 1 and history.count('<td>rev</td>') == 1


XSS = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[点我](javascript:alert(1))',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example/"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '"><script>alert(1)</script>',
    '<details open ontoggle=alert(1)>',
    '<body onload=alert(1)>',
]


@pytest.mark.parametrize('vector', XSS)
def test_hostile_markdown_is_harmless_in_preview_and_page(as_user, vector):
    ed, rev = as_user('ed'), as_user('rev')
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['body'] = f'正文\n\n{vector}\n'
    preview = form.submit('preview', status=200)
    form.submit('save', status=303)
    rev.get('/notices/2022-35/@@edit').forms['transitions'].submit('name', value='publish_draft', status=303)
    page = as_user().get('/notices/2022-35/')
    for html in (preview.html.select_one('.preview'), page.html.select_one('main')):
        for tag in html.find_all(True):
            assert tag.name not in ('script', 'iframe', 'svg', 'math', 'style', 'body'), vector
            for attr, value in tag.attrs.items():
                assert not attr.startswith('on'), vector
                text = ' '.join(value) if isinstance(value, list) else value
                assert not re.match(r'\s*(javascript|data):', text, re.I), vector


def test_adduser_reads_the_password_from_stdin_and_the_user_can_sign_in(cli, app_factory, monkeypatch, capsys,
                                                                       login, password):
    import io
    monkeypatch.setattr('sys.stdin', io.StringIO('short\n'))
    assert cli('adduser', 'li', '--role', 'editor') == 1
    assert '密码至少' in capsys.readouterr().err
    monkeypatch.setattr('sys.stdin', io.StringIO(password + '\n'))
    assert cli('adduser', 'li', '--role', 'editor', '--title', '李编辑') == 0
    app = app_factory()
    login(TestApp(app), 'li', 'not the password', status=400)
    page = login(TestApp(app), 'li').follow()
    log = ' '.join(td.get_text() for td in page.html.select('td'))
    assert '李编辑' in page.text and '新建用户' in log and '登录' in log     # the audit log, in Chinese
    assert 'adduser' not in log and 'login' not in log


@pytest.mark.parametrize('base', [None, 'abc', '-1'])
def test_a_save_without_a_good_base_revision_is_refused_and_keeps_the_newer_text(as_user, base):
    ed, rev = as_user('ed'), as_user('rev')
    form = rev.get('/notices/2022-35/@@edit').forms['edit']
    form['body'] = '审核人员的新正文'
    form.submit(status=303)
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    fields = {name: form[name].value for name in ('title', 'number', 'date', 'csrf_token')}
    post = {**fields, 'body': '另一份正文', 'save': '1'}
    if base is not None:
        post['base'] = base
    page = ed.post('/notices/2022-35/@@edit', post, status=400)
    assert '缺少修订号' in page.text and '另一份正文' in page.text          # nothing typed is lost
    assert '审核人员的新正文' in ed.get('/notices/2022-35/@@edit').forms['edit']['body'].value


def test_document_numbers_are_stored_in_their_standard_form_and_never_twice(as_user):
    ed = as_user('ed')
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '关于年检的通知', '中汽修协字[2024]第12号', '2024-03-01'
    url = form.submit('save', status=303).location
    assert ed.get(url).forms['edit']['number'].value == '中汽修协字〔2024〕12号'
    # The same number again, however typed: refused, the form kept as typed.
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '另一份通知', '中汽修协字（2024）12号', '2024-03-02'
    page = form.submit('save', status=409)
    assert '文号“中汽修协字〔2024〕12号”已被《关于年检的通知》使用' in page.text
    assert page.forms['edit']['title'].value == '另一份通知'
    # Nor by editing another notice's number into it.
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['number'] = '中汽修协字〔2024〕12号'
    assert '已被《关于年检的通知》使用' in form.submit('save', status=409).text


def test_the_form_warns_of_table_traps_and_the_preview_shows_the_sentence_as_a_paragraph(as_user):
    ed = as_user('ed')
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['body'] = '| 会员 | 会费 |\n|---|---|\n| 单位会员 | 2000 元 | 含年会 |\n以上标准自2023年起执行。'
    page = form.submit('preview', status=200)
    warnings = [li.get_text() for li in page.html.select('.warnings li')]
    assert len(warnings) == 2 and '多出的内容不会显示' in warnings[0] and '第 4 行' in warnings[1]
    preview = page.html.select_one('section.preview')
    assert len(preview.select('tbody tr')) == 1 and preview.select_one('p').get_text() == '以上标准自2023年起执行。'
    page.forms['edit'].submit('save', status=303)
    assert len(ed.get('/notices/2022-35/@@edit').html.select('.warnings li')) == 2    # until mended
