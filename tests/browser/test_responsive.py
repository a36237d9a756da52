"""Real browser (Playwright driving Debian's chromium): phone and desktop widths."""
import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize('width, height', [(360, 740), (1280, 900)])
def test_home_and_handbook_section_fit_the_screen(browser, server, width, height, tmp_path):
    """No sideways scrolling, menu visible, the fee table shown, next-section link works."""
    page = browser.new_page(viewport={'width': width, 'height': height})
    try:
        for path, heading in [('/', None), ('/handbook/4-2/', '4.2 缴纳会费')]:
            page.goto(server + path)
            overflow = page.evaluate('document.documentElement.scrollWidth - window.innerWidth')
            assert overflow <= 0, f'{path} scrolls sideways by {overflow}px at {width}px'
            assert page.locator('nav.mainnav').is_visible()
            if heading:
                assert page.locator('h1').inner_text().split() == heading.split()
                assert page.locator('.body table').is_visible()
                page.locator('a[rel=next]').click()
                assert page.url.endswith('/handbook/5/')
            page.screenshot(path=str(tmp_path / f'{width}{path.replace("/", "_")}.png'), full_page=True)
    finally:
        page.close()


def test_home_cards_sit_side_by_side_only_on_desktop(browser, server):
    lefts = {}
    for width in (360, 1280):
        page = browser.new_page(viewport={'width': width, 'height': 900})
        page.goto(server + '/')
        lefts[width] = page.evaluate(
            "[...document.querySelectorAll('.home .card')].map(e => Math.round(e.getBoundingClientRect().left))")
        page.close()
    assert len(set(lefts[360])) == 1      # one column on a phone
    assert len(set(lefts[1280])) >= 2     # several columns on a desktop
