"""The real browser: Playwright driving Debian's chromium, one per module."""
import os
import shutil

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
