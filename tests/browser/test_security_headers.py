"""In a real browser: the content security policy blocks nothing of ours,
and no other site can frame our pages."""
import pytest

pytestmark = pytest.mark.browser

PAGES = ['/', '/handbook/4-2/', '/handbook/v1.0/@@all', '/search?q=会费', '/notices/', '/login']


def test_our_pages_break_no_rule_of_their_own_policy(browser, server):
    page = browser.new_page()
    refused = []
    page.on('console', lambda message: refused.append(message.text)
            if 'Content Security Policy' in message.text else None)
    try:
        for path in PAGES:
            page.goto(server + path)
            # The stylesheet applied (a file, not inline): the body is not the browser's default.
            margin = page.evaluate('getComputedStyle(document.body).marginTop')
            assert margin != '8px', f'{path}: unstyled'
        assert refused == []
    finally:
        page.close()


def test_another_site_cannot_frame_the_login_form(browser, server):
    page = browser.new_page()
    try:
        page.set_content(f'<iframe src="{server}/login" width="600" height="400"></iframe>')
        page.wait_for_timeout(1000)
        frame = page.frames[1]
        assert frame.url.startswith('chrome-error://') or frame.locator('form').count() == 0
    finally:
        page.close()
