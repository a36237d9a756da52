"""The real browser: Playwright driving Debian's chromium, one per module."""
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get('CAMRA_CHROMIUM') or shutil.which('chromium') or '/usr/bin/chromium'
# Flags for a closed network: no background connections, no sandbox as root.
ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync']


@pytest.fixture(scope='module')
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get('CI'):
            pytest.fail(f'chromium not found at {CHROMIUM}: .ci/run installs it')
        pytest.skip('chromium is not installed (apt-get install chromium)')
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


PASSWORD = 'a long enough password'


@pytest.fixture
def make_user(cli, monkeypatch):
    """``make_user(name, role)`` with ``PASSWORD``, before the server starts
    (the server then owns the database file)."""
    import io

    def make(name, role):
        monkeypatch.setattr('sys.stdin', io.StringIO(PASSWORD + '\n'))
        assert cli('adduser', name, '--role', role) == 0
    return make


def sign_in(browser, site, name):
    """A new browser context signed in as ``name``; returns (context, page)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + '/login')
    page.fill('#name', name)
    page.fill('#password', PASSWORD)
    page.click('form#login button[type=submit]')
    page.wait_for_url('**/@@dashboard')
    return context, page


@pytest.fixture
def signed_in_page():
    """``signed_in_page(browser, site, name)`` -> (context, page)."""
    return sign_in


SHOTS = Path(os.environ.get('CAMRA_SCREENSHOTS', Path(__file__).resolve().parents[2] / 'test-output' / 'screenshots'))


@pytest.fixture(scope='session')
def screenshot():
    """``screenshot(page, name)`` keeps a full-page picture as
    ``test-output/screenshots/<name>-<width>.png`` (``CAMRA_SCREENSHOTS``
    elsewhere) for a person to look at; returns its path."""
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = SHOTS / f'{name}-{page.viewport_size["width"]}.png'
        page.screenshot(path=str(path), full_page=True)
        return path
    return take
