"""Accessibility (GB/T 37668-2019, close to WCAG 2.1 AA): axe-core in the
real browser on every kind of page, for readers and for editors, on a phone
and a desktop: no serious or critical violation."""
import pytest

pytestmark = pytest.mark.browser

WIDTHS = [(360, 740), (1280, 900)]
TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
PUBLIC = ['/', '/handbook/', '/handbook/4-2/', '/handbook/v1.0/@@all', '/notices/', '/notices/2022-35/',
          '/news/', '/standards/', '/directory/', '/magazine/', '/about/', '/search?q=会费',
          '/search?q=量子纠缠', '/login', '/no-such-page']
EDITING = ['/@@dashboard', '/notices/@@add?type=notice', '/news/@@add?type=news',
           '/standards/@@add?type=standard', '/magazine/@@add?type=magazine_issue',
           '/directory/@@add?type=association', '/handbook/@@add?type=handbook_section', '/@@add?type=page',
           '/notices/2022-35/@@edit', '/notices/2022-35/@@history', '/@@users', '/@@trash', '/@@synonyms',
           '/handbook/@@release', '/@@preferences']


@pytest.fixture
def site(request, make_user):
    make_user('boss', 'admin')
    return request.getfixturevalue('server')


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page, options={'runOnly': {'type': 'tag', 'values': TAGS}})
    return [(v['id'], v['impact'], v['help'], [n['target'] for n in v['nodes']][:3])
            for v in results.response['violations'] if v['impact'] in ('serious', 'critical')]


def first_of_each_kind(page, site):
    """The paths of one item of each public kind, found from the listings."""
    found = []
    for listing in ['/news/', '/standards/', '/directory/', '/magazine/']:
        page.goto(site + listing)
        hrefs = page.eval_on_selector_all('main a', 'links => links.map(a => a.pathname)')
        found += [h for h in hrefs if h.startswith(listing) and h.count('/') == 3 and '@@' not in h][:1]
    return found


@pytest.mark.parametrize('width, height', WIDTHS)
def test_every_kind_of_page_has_no_serious_violation(browser, site, signed_in_page, width, height):
    context, page = signed_in_page(browser, site, 'boss')
    public = browser.new_page(viewport={'width': width, 'height': height})
    page.set_viewport_size({'width': width, 'height': height})
    found = {}
    try:
        for path in PUBLIC + first_of_each_kind(public, site):
            public.goto(site + path)
            found[path] = serious_violations(public)
        for path in EDITING:
            page.goto(site + path)
            found['(editor) ' + path] = serious_violations(page)
    finally:
        public.close()
        context.close()
    assert {path: v for path, v in found.items() if v} == {}


def test_keyboard_users_skip_to_the_text_and_always_see_where_they_are(browser, site):
    page = browser.new_page()
    try:
        page.goto(site + '/notices/2022-35/')
        assert page.locator('html').get_attribute('lang') == 'zh-CN'
        page.keyboard.press('Tab')
        skip = page.locator(':focus')
        assert skip.inner_text() == '跳到正文' and skip.is_visible()
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != 'none'
        page.keyboard.press('Enter')
        assert page.evaluate('document.activeElement.id') == 'content'
        page.keyboard.press('Tab')            # the next stop is inside the text, focus drawn
        assert page.evaluate("document.activeElement.closest('main') !== null")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != 'none'
    finally:
        page.close()


def test_a_refused_field_says_why_to_screen_readers_too(browser, site, signed_in_page):
    context, page = signed_in_page(browser, site, 'boss')
    try:
        page.goto(site + '/notices/@@add?type=notice')
        page.fill('#f-number', '不是文号')
        page.fill('#f-date', '2026-11-20')
        page.evaluate("document.querySelector('#f-title').removeAttribute('required')")
        page.click('button[name=save]')
        for field in ('title', 'number'):
            control = page.locator(f'#f-{field}')
            assert control.get_attribute('aria-invalid') == 'true'
            message = page.locator('#' + control.get_attribute('aria-describedby'))
            assert message.is_visible() and message.inner_text()
        assert serious_violations(page) == []
    finally:
        context.close()
