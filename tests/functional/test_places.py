"""Renaming leaves a redirect; deleting goes to the recycle bin, which
reviewers restore from and admins empty; open edit forms are announced."""
import re
from urllib.parse import quote


def transitions(testapp, url, name):
    testapp.get(url + '@@edit').forms['transitions'].submit('name', value=name, status=303)


def test_a_renamed_item_redirects_from_its_old_url(as_user, csrf):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    # Its public URL moves only by a reviewer: editors are not offered it.
    assert '@@rename' not in ed.get('/notices/2022-35/@@edit').text
    ed.post('/notices/2022-35/@@rename', {'name': 'x', 'csrf_token': csrf(ed)}, status=403)
    form = rev.get('/notices/2022-35/@@rename').forms['rename']
    form['name'] = '会员服务手册发布'
    form.submit(status=303)
    moved = public.get('/notices/2022-35/', status=301)
    assert moved.location.endswith('/notices/%E4%BC%9A%E5%91%98%E6%9C%8D%E5%8A%A1%E6%89%8B%E5%86%8C%E5%8F%91%E5%B8%83/')
    assert '会员服务手册' in moved.follow().text
    # Below the old URL, and with its query, too; renamed again: still one hop.
    download = public.get('/notices/2022-35/@@download/attachments/0?x=1', status=301)
    assert download.location.endswith('/@@download/attachments/0?x=1')
    form = rev.get(f"/notices/{quote('会员服务手册发布')}/@@rename").forms['rename']
    form['name'] = 'handbook-notice'
    form.submit(status=303)
    assert public.get('/notices/2022-35', status=301).location.endswith('/notices/handbook-notice')
    # A name that cannot be used is refused with the reason.
    form = rev.get('/notices/handbook-notice/@@rename').forms['rename']
    form['name'] = '@@edit'
    assert '不能包含' in form.submit(status=400).text


def test_delete_restore_and_empty_the_recycle_bin(as_user):
    ed, rev, boss, public = as_user('ed'), as_user('rev'), as_user('boss'), as_user()
    url = '/notices/2022-35/'
    # Published before: an editor may not delete it, a reviewer may.
    ed.post(url + '@@delete', {'csrf_token': token(ed)}, status=403)
    rev.post(url + '@@delete', {'csrf_token': token(rev)}, status=303)
    page = public.get(url, status=410)
    assert '此内容已不再发布' in page.text and '删除' in page.text
    assert '关于发布《会员服务手册》的通知' not in public.get('/notices/').text
    bin_page = rev.get('/@@trash')
    assert '关于发布《会员服务手册》的通知' in bin_page.text and '清空回收站' not in bin_page.text
    ed.get('/@@trash', status=403)

    # Restored to its place, published as before.
    restore = bin_page.forms[next(k for k in bin_page.forms if 'restore' in (bin_page.forms[k].action or ''))]
    restore.submit(status=303)
    assert '关于发布《会员服务手册》的通知' in public.get(url).text

    # An editor's own draft: the editor may delete it; the admin empties the bin.
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '草稿通知', '中汽修协字〔2026〕50号', '2026-11-01'
    draft = form.submit(status=303).follow().request.path.replace('@@edit', '')
    ed.post(draft + '@@delete', {'csrf_token': token(ed)}, status=303)
    public.get(draft, status=404)                      # never published: nothing to announce
    rev.post('/@@empty-trash', {'csrf_token': token(rev)}, status=403)
    page = boss.get('/@@trash')
    page.forms['empty-trash'].submit(status=303)
    assert '回收站是空的' in boss.get('/@@trash').text


def test_a_restored_item_whose_name_was_taken_gets_a_free_one(as_user):
    rev = as_user('rev')
    rev.post('/notices/2022-35/@@delete', {'csrf_token': token(rev)}, status=303)
    form = rev.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '占用名称', '中汽修协字〔2022〕35号', '2022-03-01'
    taken = form.submit(status=303).follow().request.path
    assert taken.startswith('/notices/2022-35/')
    page = rev.get('/@@trash')
    page.forms[next(k for k in page.forms if 'restore' in (page.forms[k].action or ''))].submit(status=303)
    assert rev.get('/notices/2022-35-2/@@edit').status_int == 200


def test_opening_an_item_someone_is_editing_says_who_and_since_when(as_user):
    ed, rev = as_user('ed'), as_user('rev')
    assert ed.get('/notices/2022-35/@@edit').html.select_one('.presence') is None
    notice = rev.get('/notices/2022-35/@@edit').html.select_one('.presence').get_text()
    assert 'ed 自' in notice and '正在编辑' in notice
    # Once ed saves, ed is no longer editing it.
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['note'] = '保存'
    form['title'] = '改过的标题'
    form.submit(status=303)
    page = as_user('boss').get('/notices/2022-35/@@edit')
    assert 'ed 自' not in page.text and 'rev 自' in page.text


def token(testapp):
    return re.search(r'name="csrf_token" value="([^"]+)"', testapp.get('/login').text)[1]


def test_an_editor_deletes_only_their_own_drafts_never_another_editors(as_user, app, csrf):
    import transaction
    from webtest import TestApp

    from camra.content.root import APP_ROOT
    from camra.site import database
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    conn.root()[APP_ROOT].principals.add('ed2', 'editor', 'another long password')
    tm.commit()
    conn.close()
    ed, rev = as_user('ed'), as_user('rev')
    other = TestApp(app)
    form = other.get('/login').forms['login']
    form['name'], form['password'] = 'ed2', 'another long password'
    form.submit(status=303)
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '我的草稿', '中汽修协字〔2026〕51号', '2026-11-01'
    draft = form.submit(status=303).follow().request.path.replace('@@edit', '')
    # Another editor may rename it (nobody has its URL yet), not delete it: not even offered.
    assert '@@delete' not in other.get(draft + '@@edit').text
    other.post(draft + '@@delete', {'csrf_token': csrf(other)}, status=403)
    other.post(draft + '@@rename', {'name': 'wo-de-cao-gao', 'csrf_token': csrf(other)}, status=303)
    # Its author may delete it, and so may a reviewer.
    assert '@@delete' in ed.get('/notices/wo-de-cao-gao/@@edit').text
    rev.post('/notices/wo-de-cao-gao/@@delete', {'csrf_token': csrf(rev)}, status=303)


def test_a_reviewer_who_only_opened_the_form_to_publish_or_retract_is_not_left_editing(as_user):
    ed, rev = as_user('ed'), as_user('rev')
    page = rev.get('/notices/2022-35/@@edit')
    page.forms['transitions'].submit('name', value='retract', status=303).follow()
    assert ed.get('/notices/2022-35/@@edit').html.select_one('.presence') is None
