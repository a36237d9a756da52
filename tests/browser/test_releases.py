"""Real browser: a reviewer releases V1.1 of the handbook; readers walk the
version switcher and the comparison page."""
import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def site(request, cli, seeds, make_user, tmp_path):
    """The server, on the seed handbook (V1.0) with a new version in its
    draft (a fee changed) and a reviewer."""
    text = seeds('000').read_text(encoding='utf-8')
    changed = tmp_path / '会员服务手册V1.1.txt'
    changed.write_text(text.replace('单位会员\t会费 2000 元/年', '单位会员\t会费 2500 元/年'), encoding='utf-8')
    assert cli('import', seeds('000')) == 0
    assert cli('import', changed) == 0
    make_user('rev', 'reviewer')
    return request.getfixturevalue('server')


def test_release_then_walk_the_switcher_and_the_comparison(browser, site, signed_in_page, screenshot):
    reviewer, page = signed_in_page(browser, site, 'rev')
    page.goto(site + '/handbook/@@release')
    page.fill('#r-label', 'V1.1')
    page.fill('#r-date', '2026-11-20')
    page.fill('#r-notes', '调整单位会员会费。')
    page.click('form#release button[type=submit]')
    assert 'V1.1' in page.locator('h1').inner_text()
    reviewer.close()

    reader = browser.new_context()
    page = reader.new_page()
    page.goto(site + '/handbook/7-3/')
    assert '2500' in page.locator('.body').inner_text()
    page.click('.switcher a:text("V1.0")')
    assert page.url.endswith('/handbook/v1.0/7-3/')
    assert '这是旧版本 V1.0' in page.locator('.oldrelease').inner_text()
    assert '2000' in page.locator('.body').inner_text()
    page.click('.oldrelease a')
    assert page.url.endswith('/handbook/7-3/')

    page.goto(site + '/handbook/')
    page.click('text=比较版本')
    page.select_option('select[name=a]', 'v1.0')
    page.select_option('select[name=b]', 'v1.1')
    page.click('form.compare button')
    changed = page.locator('section.changed section.field')
    screenshot(page, 'compare')
    assert changed.count() == 1 and '7.3 缴纳会费' in changed.locator('h3').inner_text()
    assert changed.locator('table del').count() == 1         # the fee table, rendered
    assert changed.locator('del').all_inner_texts() == ['0']      # 2000 -> 2500: one character
    assert changed.locator('ins').all_inner_texts() == ['5']
    # On a phone the changed table scrolls inside its frame, the page does not.
    page.set_viewport_size({'width': 360, 'height': 740})
    screenshot(page, 'compare')
    assert page.evaluate('document.documentElement.scrollWidth - window.innerWidth') <= 0
    reader.close()
