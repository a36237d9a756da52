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
