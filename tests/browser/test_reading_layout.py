"""What a reader sees on a phone (360 px) and a desktop (1280 px): tables,
codes and dates that stay whole, the directory, the finished look.

Every page is kept as a screenshot in ``test-output/screenshots/``.
"""
import json

import pytest

pytestmark = pytest.mark.browser

WIDTHS = (360, 1280)
EXTRA = [
    {'type': 'standard', 'id': 't-camra-002-2016', 'code': 'T/CAMRA 002-2016', 'title': '放心汽修认证评价规范',
     'kind': 'group', 'status': 'in_force', 'date': '2016-10-01', 'body': '本规范规定了放心汽修认证的评价原则。'},
    {'type': 'news', 'id': 'lv-se-wei-xiu', 'title': '绿色维修：VOC排放治理经验交流会在南京召开',
     'date': '2023-05-11', 'source': '污染防治工作委员会', 'summary': '与会企业交流喷漆房VOC排放治理的做法。',
     'body': '与会企业交流了喷漆房 VOC 排放治理、水性漆推广和危废管理的经验，推动绿色维修。'},
]


@pytest.fixture
def site(cli, seeds, tmp_path, request):
    """A server over the seeds (the handbook with its contact table in
    section 4, the annual report as news), a standard and a news item."""
    extra = tmp_path / 'extra.jsonl'
    extra.write_text(''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in EXTRA), 'utf-8')
    assert cli('import', seeds('000'), seeds('004'), extra) == 0
    return request.getfixturevalue('server')


def open_page(browser, site, path, width):
    page = browser.new_page(viewport={'width': width, 'height': 900})
    page.goto(site + path)
    return page


def sideways(page):
    return page.evaluate('document.documentElement.scrollWidth - window.innerWidth')


def one_line(page, selector):
    """The texts of the elements matching ``selector`` that take more than one line."""
    return page.evaluate("""sel => [...document.querySelectorAll(sel)].filter(e => {
        const r = document.createRange(); r.selectNodeContents(e);
        const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
        return lines.size > 1; }).map(e => e.textContent.trim())""", selector)


@pytest.mark.parametrize('width', WIDTHS)
def test_the_contact_table_keeps_names_and_phones_whole_and_scrolls_within_itself(browser, site, width,
                                                                                 screenshot):
    page = open_page(browser, site, '/handbook/4/', width)
    try:
        screenshot(page, 'handbook-4')
        assert sideways(page) <= 0, 'the page itself scrolls sideways'
        # Every column but the duties: departments, heads, phones.
        whole = '.body table tr > :not(:nth-child(2))'
        assert page.locator(whole).count() == 15
        assert one_line(page, whole) == []
        frame = page.locator('.body table').first.locator('xpath=..')
        widths = frame.evaluate('f => [f.scrollWidth, f.clientWidth]')
        if width == 360:
            assert widths[0] > widths[1], 'on a phone the table scrolls inside its frame'
        else:
            assert widths[0] <= widths[1], 'on a desktop the table fits'
    finally:
        page.close()


@pytest.mark.parametrize('width', WIDTHS)
def test_standard_codes_and_dates_never_break(browser, site, width, screenshot):
    page = open_page(browser, site, '/standards/', width)
    try:
        screenshot(page, 'standards')
        assert sideways(page) <= 0
        assert page.locator('td.code').first.inner_text() == 'T/CAMRA 002-2016'
        assert one_line(page, 'td.code, time') == []
        page.goto(site + '/news/')
        screenshot(page, 'news')
        assert one_line(page, 'time') == []
    finally:
        page.close()


@pytest.mark.parametrize('width', WIDTHS)
def test_the_directory_lines_its_entries_up_in_a_grid(browser, site, width, screenshot):
    page = open_page(browser, site, '/directory/', width)
    try:
        screenshot(page, 'directory')
        assert sideways(page) <= 0
        # In every province, each entry starts at one of a few column edges,
        # and entries side by side start on the same line.
        rows = page.evaluate("""() => [...document.querySelectorAll('section.province')].map(s =>
            [...s.querySelectorAll('li')].map(li => { const r = li.getBoundingClientRect();
                                                       return [Math.round(r.left), Math.round(r.top)]; }))""")
        lefts = {left for section in rows for left, _ in section}
        assert len(lefts) == (1 if width == 360 else 3)
        for section in rows:
            by_top = {}
            for left, top in section:
                by_top.setdefault(top, []).append(left)
            assert all(len(set(v)) == len(v) for v in by_top.values())
            assert len(by_top) == -(-len(section) // len(lefts))   # full rows, none ragged
    finally:
        page.close()


@pytest.mark.parametrize('width', WIDTHS)
def test_the_site_looks_finished(browser, site, width, screenshot):
    """A logo and a banner, buttons big enough to hit, reading lines of about
    40 characters, and a news summary said once."""
    page = open_page(browser, site, '/', width)
    try:
        screenshot(page, 'home')
        assert page.locator('.brand .logo').is_visible() and page.locator('.hero h1').is_visible()
        heights = page.evaluate("[...document.querySelectorAll('button, a.button')].map(b => b.offsetHeight)")
        assert heights and min(heights) >= 40
        page.goto(site + '/news/ning-bo-shi-er-shou-che-liu-tong-xie-hui/')
        screenshot(page, 'news-item')
        # The report's summary is its first lines: said once.
        assert page.get_by_text('2021年是跌宕起伏的一年', exact=False).count() == 1
        measure = page.evaluate("""() => { const p = document.querySelector('.body p');
            return p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize); }""")
        assert measure <= 41
    finally:
        page.close()
