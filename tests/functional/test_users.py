"""Admins manage users in the web UI; the site never loses its last admin."""


def test_an_admin_adds_a_user_changes_the_role_and_deactivates_them(as_user, login):
    boss = as_user('boss')
    form = boss.get('/@@users').forms['adduser']
    form['name'], form['title'], form['role'] = 'wang', '王编辑', 'editor'
    form['password'] = form['confirm'] = 'a long enough password'
    form.submit(status=303)
    wang = as_user()
    login(wang, 'wang', 'a long enough password')
    wang.get('/@@trash', status=403)                     # an editor

    form = boss.get('/@@users').forms['user-wang']
    form['role'] = 'reviewer'
    form.submit(status=303)
    assert wang.get('/@@trash').status_int == 200        # at once: no new login needed

    form = boss.get('/@@users').forms['user-wang']
    form['active'] = False
    form.submit(status=303)
    wang.get('/@@dashboard', status=303)                 # signed out in effect
    login(as_user(), 'wang', 'a long enough password', status=400)
    assert '修改用户' in boss.get('/@@dashboard').text


def test_bad_input_is_refused_with_the_reason(as_user):
    boss = as_user('boss')
    form = boss.get('/@@users').forms['adduser']
    form['name'], form['password'], form['confirm'] = 'li', 'a long enough password', 'another password!'
    page = form.submit(status=400)
    assert '两次输入的密码不一致' in page.text and page.forms['adduser']['name'].value == 'li'
    form = page.forms['adduser']
    form['name'], form['password'], form['confirm'] = 'ed', 'a long enough password', 'a long enough password'
    assert '用户名已被占用' in form.submit(status=400).text
    form = boss.get('/@@users').forms['user-boss']
    form['role'] = 'editor'
    assert '唯一的管理员' in form.submit(status=400).text
    as_user('rev').get('/@@users', status=403)
