"""The reviewers' queue and each editor's drafts, on the dashboard; a change
to a published item goes through review like a new item."""
import transaction

from camra.content.root import APP_ROOT
from camra.content.worklist import rebuild
from camra.site import database


def rows(page, section):
    return [[td.get_text(' ', strip=True) for td in tr.select('td')]
            for tr in page.html.select(f'section.{section} tbody tr')]


def add_notice(ed, title, number):
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'], form['body'] = title, number, '2026-11-02', '正文。'
    return form.submit(status=303).follow()


def test_a_submitted_notice_waits_in_the_queue_until_published(as_user):
    ed, rev = as_user('ed'), as_user('rev')
    page = add_notice(ed, '关于召开年会的通知', '中汽修协字〔2026〕40号')
    assert rows(ed.get('/@@dashboard'), 'drafts')[0][:3] == ['关于召开年会的通知', '通知公告', '草稿']
    assert not ed.get('/@@dashboard').html.select('section.queue')    # editors have no queue
    page.forms['transitions'].submit('name', value='submit', status=303)
    assert rows(ed.get('/@@dashboard'), 'drafts') == []

    queue = rev.get('/@@dashboard')
    [row] = rows(queue, 'queue')
    assert row[0] == '关于召开年会的通知' and row[1:3] == ['通知公告', 'ed'] and row[4] == '预览'
    edit = queue.html.select_one('section.queue a')['href']
    assert edit.endswith('/notices/2026-40/@@edit')
    rev.get(edit).forms['transitions'].submit('name', value='publish', status=303)
    assert rows(rev.get('/@@dashboard'), 'queue') == []


def test_a_sent_back_notice_is_a_draft_again_with_the_reason(as_user):
    ed, rev = as_user('ed'), as_user('rev')
    add_notice(ed, '关于调整会费的通知', '中汽修协字〔2026〕41号').forms['transitions'].submit(
        'name', value='submit', status=303)
    form = rev.get('/notices/2026-41/@@edit').forms['transitions']
    form.fields.setdefault('note', [])
    rev.post('/notices/2026-41/@@transition', {'name': 'reject', 'note': '请补充会费标准表',
                                                'csrf_token': form['csrf_token'].value}, status=303)
    [row] = rows(ed.get('/@@dashboard'), 'drafts')
    assert row[2] == '已退回' and '请补充会费标准表' in row[0]


def test_a_change_to_a_published_notice_is_submitted_reviewed_and_published(as_user):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['body'] = form['body'].value.replace('特此通知', '特此通知，请遵照执行')
    page = form.submit(status=303).follow()
    # The editor can submit the change; the public still reads the published text.
    buttons = [b.get_text() for b in page.html.select('#transitions button')]
    assert buttons == ['提交审核']
    assert '请遵照执行' not in public.get('/notices/2022-35/').text
    [draft] = rows(ed.get('/@@dashboard'), 'drafts')
    assert draft[2] == '已发布，修改未提交'

    page.forms['transitions'].submit('name', value='submit_draft', status=303)
    assert rows(ed.get('/@@dashboard'), 'drafts') == []
    assert '请遵照执行' not in public.get('/notices/2022-35/').text     # submitting publishes nothing
    queue = rev.get('/@@dashboard')
    [row] = rows(queue, 'queue')
    assert '对已发布内容的修改' in row[0] and row[4] == '查看修改'
    diff = rev.get(queue.html.select_one('section.queue td:last-child a')['href'])
    assert '请遵照执行' in ''.join(i.get_text() for i in diff.html.select('ins'))
    state = rev.get('/notices/2022-35/@@edit').html.select_one('.state').get_text()
    assert '新修订待审核' in state
    rev.get('/notices/2022-35/@@edit').forms['transitions'].submit('name', value='publish_draft', status=303)
    assert '请遵照执行' in public.get('/notices/2022-35/').text
    assert rows(rev.get('/@@dashboard'), 'queue') == []
    history = rev.get('/notices/2022-35/@@history').html.select('table.events td')
    assert '提交审核' in [td.get_text() for td in history]


def test_a_submitted_change_sent_back_stays_unpublished(as_user):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['title'] = '关于发布《会员服务手册》的通知（修改稿）'
    form.submit(status=303).follow().forms['transitions'].submit('name', value='submit_draft', status=303)
    page = rev.get('/notices/2022-35/@@edit')
    assert [b.get_text() for b in page.html.select('#transitions button')] == ['发布新修订', '退回修改', '撤回']
    page.forms['transitions'].submit('name', value='reject_draft', status=303)
    assert rows(rev.get('/@@dashboard'), 'queue') == []
    assert rows(ed.get('/@@dashboard'), 'drafts')[0][2] == '已发布，修改未提交'
    assert '修改稿' not in public.get('/notices/2022-35/').text


def test_the_worklist_is_rebuilt_from_the_items_themselves(as_user, app):
    ed = as_user('ed')
    add_notice(ed, '关于征集案例的通知', '中汽修协字〔2026〕42号')
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    site = conn.root()[APP_ROOT]
    try:
        built = rebuild(site)
        assert [p for p, _ in built.drafts_of('ed')] == [p for p, _ in site.worklist.drafts_of('ed')] \
            == ['/notices/2026-42']
    finally:
        tm.abort()
        conn.close()


def test_a_deleted_or_renamed_draft_leaves_no_stale_line(as_user):
    ed = as_user('ed')
    add_notice(ed, '关于草稿的通知', '中汽修协字〔2026〕43号')
    token = ed.get('/@@dashboard').html.select_one('input[name=csrf_token]')['value']
    ed.post('/notices/2026-43/@@rename', {'name': 'cao-gao', 'csrf_token': token}, status=303)
    assert [a['href'] for a in ed.get('/@@dashboard').html.select('section.drafts td a')] == [
        'http://localhost/notices/cao-gao/@@edit']
    ed.post('/notices/cao-gao/@@delete', {'csrf_token': token}, status=303)
    assert rows(ed.get('/@@dashboard'), 'drafts') == []
