"""A client that never follows the redirect after a write (a script, an
editor with several tabs) still gets a 303 for every write, and each write
is stored once."""
from camra.content.root import APP_ROOT
from camra.site import database

WRITES = 100


def test_a_hundred_saves_without_following_a_redirect_all_answer_303(as_user, users):
    ed = as_user('ed')
    token = ed.get('/notices/@@add?type=notice').forms['edit']['csrf_token'].value
    for i in range(WRITES):
        answer = ed.post('/notices/@@add?type=notice', {
            'title': f'脚本提交的第{i}份通知（标题较长，让每条提示都占去会话的不少空间）',
            'number': f'中汽修协字〔2031〕{i + 1}号', 'date': '2031-01-02', 'body': '正文',
            'save': '1', 'csrf_token': token}, status=303)
        assert len(answer.headers.get('Set-Cookie', '')) < 4096
    conn = database(users).open()
    try:
        notices = conn.root()[APP_ROOT]['notices']
        drafts = [n for n in notices.values() if n.title.startswith('脚本提交的第')]
        assert len(drafts) == WRITES        # none doubled, none lost
    finally:
        conn.close()
    # The newest messages wait for the next page; the oldest were dropped.
    page = ed.get('/@@dashboard')
    assert '已保存为草稿' in page.text


def test_an_add_form_sent_again_makes_nothing_new_and_answers_with_the_first_item(as_user, users):
    """A second click, or a client sending again after a lost answer."""
    ed = as_user('ed')
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '只应保存一次的通知', '中汽修协字〔2031〕90号', '2031-01-02'
    form['body'] = '正文'
    first = form.submit('save', status=303).headers['Location']
    again = form.submit('save', status=303).headers['Location']
    assert again == first
    preview = form.submit('preview')                   # shown again: the same token goes on
    assert preview.forms['edit']['once'].value == form['once'].value
    fresh = ed.get('/notices/@@add?type=notice').forms['edit']
    assert fresh['once'].value != form['once'].value
    for name in ('title', 'number', 'date', 'body'):
        fresh[name] = form[name].value
    assert '已被《只应保存一次的通知》使用' in fresh.submit('save', status=409).text     # a new form: a duplicate
    conn = database(users).open()
    try:
        notices = conn.root()[APP_ROOT]['notices']
        assert [n.title for n in notices.values()].count('只应保存一次的通知') == 1
    finally:
        conn.close()


def test_a_transition_sent_again_after_its_answer_was_lost_is_done_not_refused(as_user):
    import datetime

    from camra.content import clock
    rev, ed = as_user('rev'), as_user('ed')
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'], form['body'] = '关于重发的通知', '中汽修协字〔2026〕70号', '2026-11-02', '正文。'
    form.submit(status=303)
    token = rev.get('/notices/2026-70/@@edit').forms['transitions']['csrf_token'].value
    sent = {'name': 'publish', 'csrf_token': token}
    rev.post('/notices/2026-70/@@transition', sent, status=303)
    rev.post('/notices/2026-70/@@transition', sent, status=303)       # the same again: done
    events = rev.get('/notices/2026-70/@@history').html.select('table.events tbody tr')
    assert len(events) == 1                                             # published once
    other = as_user('boss')
    other_token = other.get('/notices/2026-70/@@edit').forms['transitions']['csrf_token'].value
    other.post('/notices/2026-70/@@transition', {'name': 'publish', 'csrf_token': other_token}, status=400)
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=3)
    clock.set_clock(lambda: later)
    try:
        rev.post('/notices/2026-70/@@transition', sent, status=400)    # long after: refused as usual
    finally:
        clock.set_clock(None)
