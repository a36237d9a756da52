"""Revisions compared side by side, to the character, and reverted."""


def save(testapp, url, **values):
    form = testapp.get(url + '@@edit').forms['edit']
    for name, value in values.items():
        form[name] = value
    return form.submit(status=303)


def test_the_diff_marks_the_changed_characters_and_revert_makes_a_new_revision(as_user):
    ed, url = as_user('ed'), '/notices/2022-35/'
    body = ed.get(url + '@@edit').forms['edit']['body'].value
    save(ed, url, body=body + '\n\n| 项目 | 费用 |\n|---|---|\n| 会员 | 500元 |\n', note='加收费表')
    save(ed, url, body=body + '\n\n| 项目 | 费用 |\n|---|---|\n| 会员 | 600元 |\n', note='调价',
         title='改过的标题')
    page = ed.get(url + '@@diff')                            # latest against the one before
    sections = {s.h2.get_text(): s for s in page.html.select('section.field')}
    assert set(sections) == {'标题', '正文'}
    row = sections['正文'].select_one('tr.change')
    assert [d.get_text() for d in row.select('del')] == ['5'] and [i.get_text() for i in row.select('ins')] == ['6']
    assert '| 会员 | ' in row.get_text()
    assert '发文日期' in page.html.select_one('p.meta').get_text()       # unchanged fields named

    # Revision 1 (the imported text) against 3: the table was added.
    page = ed.get(url + '@@diff?a=1&b=3')
    assert '| 会员 | 600元 |' in [tr.get_text().strip() for tr in page.html.select('tr.insert')]

    history = ed.get(url + '@@history')
    revert = next(f for f in history.forms.values() if f.action.endswith('@@revert') and f['revision'].value == '1')
    revert.submit(status=303)
    form = ed.get(url + '@@edit').forms['edit']
    assert form['body'].value == body and form['title'].value != '改过的标题'
    latest = ed.get(url + '@@history').html.select_one('table.revisions tbody tr')
    assert '恢复到修订 1' in latest.get_text() and latest.select('td')[1].get_text() == '4'
    assert '600元' not in ed.get(url + '@@edit').forms['edit']['body'].value
    # The revert form of a page shown before another save is refused, nothing lost.
    revert.submit(status=409)


def test_diff_of_unknown_revisions_says_so(as_user):
    ed = as_user('ed')
    assert '只有一个修订' in ed.get('/notices/2022-35/@@diff', status=404).text
    save(ed, '/notices/2022-35/', title='新标题')
    ed.get('/notices/2022-35/@@diff?a=1&b=9', status=404)
    assert ed.get('/notices/2022-35/@@diff?a=x&b=').status_int == 200
