"""Real browser: an editor writes a notice with its number and a file and
submits it; a reviewer publishes it; readers find it on the home page, in
search and in the feed."""
import pytest

pytestmark = pytest.mark.browser
PDF = b'%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'


@pytest.fixture
def site(request, make_user):
    """The server, on a database with an editor and a reviewer."""
    make_user('ed', 'editor')
    make_user('rev', 'reviewer')
    return request.getfixturevalue('server')


def test_an_editor_writes_a_reviewer_publishes_readers_find_it(browser, site, signed_in_page):
    title = '关于举办新能源汽车维修技能大赛的通知'
    editor, page = signed_in_page(browser, site, 'ed')
    page.click('text=新建通知公告')
    page.fill('#f-title', title)
    page.fill('#f-number', '中汽修协字〔2026〕88号')
    page.fill('#f-date', '2026-11-20')
    page.fill('#f-body', '## 一、比赛时间\n\n2026年12月。\n\n| 组别 | 名额 |\n|---|---|\n| 机电 | 30 |')
    page.set_input_files('#f-attachments', files=[
        {'name': '附件1：报名表.pdf', 'mimeType': 'application/pdf', 'buffer': PDF}])
    page.click('button[name=save]')
    assert '已保存为草稿' in page.locator('.flash').inner_text()
    assert '附件1：报名表.pdf' in page.locator('.files').inner_text()
    page.click('#transitions button[value=submit]')
    assert '待审核' in page.locator('.state').inner_text()
    edit_url = page.url
    editor.close()

    reviewer, page = signed_in_page(browser, site, 'rev')
    page.goto(edit_url)
    page.click('#transitions button[value=publish]')
    assert '已发布' in page.locator('.state').inner_text()
    reviewer.close()

    reader = browser.new_context()
    page = reader.new_page()
    page.goto(site + '/')
    page.click(f'text={title}')
    assert page.locator('.docnumber').inner_text() == '中汽修协字〔2026〕88号'
    assert page.locator('.body table').is_visible()
    with page.expect_download() as download:
        page.click('.attachments a')
    assert download.value.suggested_filename == '附件1：报名表.pdf'
    page.goto(site + '/')
    page.fill('header input[name=q]', '技能大赛')
    page.press('header input[name=q]', 'Enter')
    assert title in page.locator('main').inner_text()
    feed = page.request.get(site + '/notices/feed')
    assert title in feed.text() and feed.headers['content-type'].startswith('application/atom+xml')
    reader.close()
