"""Real browser, phone and desktop: the edit form's file rows, files kept
across a preview, and the dashboard's queue and drafts. Screenshots are kept
in ``test-output/screenshots/``."""
import pytest

pytestmark = pytest.mark.browser
PDF = b'%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'


@pytest.fixture
def site(request, cli, seeds, make_user):
    """The seed site (its notice 2022-35 published), an editor and a reviewer."""
    assert cli('import', seeds('000')) == 0
    make_user('ed', 'editor')
    make_user('rev', 'reviewer')
    return request.getfixturevalue('server')


def signed_in(browser, site, name, width):
    context = browser.new_context(viewport={'width': width, 'height': 900})
    page = context.new_page()
    page.goto(site + '/login')
    page.fill('#name', name)
    page.fill('#password', 'a long enough password')
    page.click('form#login button[type=submit]')
    page.wait_for_url('**/@@dashboard')
    return context, page


def row_reads_well(page, selector):
    """Whether the file row ``selector`` shows its name first and a small box
    (not one stretched across the form with the name below it)."""
    return page.evaluate("""sel => { const row = document.querySelector(sel);
        const name = row.querySelector('.filename').getBoundingClientRect();
        const box = row.querySelector('input[type=checkbox]').getBoundingClientRect();
        return box.width < 40 && name.top <= box.top + 4; }""", selector)


@pytest.mark.parametrize('width', [360, 1280])
def test_a_file_chosen_before_a_preview_is_kept_and_the_queue_shows_the_change(browser, site, width, screenshot):
    editor, page = signed_in(browser, site, 'ed', width)
    page.goto(site + '/notices/2022-35/@@edit')
    page.set_input_files('#f-attachments', files=[
        {'name': '附件2：会议日程安排表.pdf', 'mimeType': 'application/pdf', 'buffer': PDF}])
    page.fill('#f-body', page.input_value('#f-body') + '\n\n| 时间 | 议程 |\n|---|---|\n| 9:00 | 开幕 |\n请准时参加。')
    page.click('button[name=preview]')
    screenshot(page, 'edit-preview-held-file')
    assert page.locator('.files li.held .filename').inner_text() == '附件2：会议日程安排表.pdf'
    assert row_reads_well(page, '.files li.held')
    assert '紧接在表格后面的文字' in page.locator('.warnings').inner_text()
    page.click('button[name=save]')
    assert '附件2：会议日程安排表.pdf' in page.locator('.files').inner_text()
    assert row_reads_well(page, '.files li')
    page.click('#transitions button[value=submit_draft]')
    editor.close()

    reviewer, page = signed_in(browser, site, 'rev', width)
    screenshot(page, 'dashboard-queue')
    queue = page.locator('section.queue tbody tr')
    assert queue.count() == 1 and '对已发布内容的修改' in queue.inner_text()
    page.click('section.queue a:text("查看修改")')
    assert '附件2：会议日程安排表.pdf' in page.locator('table.sidebyside').first.inner_text()
    reviewer.close()
