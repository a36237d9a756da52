"""Every public page type through the WSGI app, in HTML and JSON (demo site)."""
import pytest

from camra.site import database

JSON = {'Accept': 'application/json'}
BROWSER = {'Accept': 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'}


def test_home_shows_latest_notices_news_handbook_and_magazine(testapp):
    page = testapp.get('/', headers=BROWSER)
    assert page.content_type == 'text/html'
    text = page.text
    assert '关于开展2023年汽车维修质量服务月活动的通知' in text
    assert '绿色维修：VOC排放治理经验交流会在南京召开' in text
    assert '会员服务手册' in text and '缴纳会费' not in text  # top-level TOC only
    assert '《汽车维护与修理》2023年第5期（下半月刊）' in text
    assert '<meta name="viewport"' in text
    # newest first
    assert text.index('质量服务月') < text.index('关于发布《会员服务手册》的通知')


def test_home_json(testapp):
    response = testapp.get('/', headers=JSON)
    assert response.content_type == 'application/json' and '质量服务月' in response.text  # UTF-8, not \\u escapes
    data = response.json
    assert data['notices'][0]['id'] == '2023-8'
    assert data['notices'][0]['url'] == 'http://localhost/notices/2023-8/'
    assert {s['id'] for s in data['sections']} >= {'handbook', 'notices', 'directory'}


def test_handbook_contents_nested_and_json(testapp):
    page = testapp.get('/handbook/')
    assert 'V1.0' in page.text
    toc = page.html.select('ol.toc > li')
    assert [li.a.get_text(' ', strip=True) for li in toc][:2] == ['前言', '1 协会简介']
    nested = page.html.select('ol.toc > li ol a')
    assert '4.2 缴纳会费' in [a.get_text(' ', strip=True) for a in nested]
    data = testapp.get('/handbook/', headers=JSON).json
    assert [i['number'] for i in data['items']][:4] == ['0', '1', '2', '3']
    assert data['total'] == 10 and data['page'] == 1 and data['pages'] == 1


def test_section_page_has_table_prev_next_and_breadcrumbs(testapp):
    page = testapp.get('/handbook/4-2')
    assert page.html.select_one('h1').get_text(' ', strip=True) == '4.2 缴纳会费'
    cells = [td.get_text() for td in page.html.select('.body td')]
    assert '30000' in cells and '单位会员' in cells
    assert page.html.select_one('a[rel=prev]')['href'].endswith('/handbook/4-1/')
    assert page.html.select_one('a[rel=next]')['href'].endswith('/handbook/5/')
    crumbs = [a.get_text() for a in page.html.select('.breadcrumbs a')]
    assert crumbs == ['首页', '会员服务手册']


def test_section_with_children_and_heading_anchors(testapp):
    page = testapp.get('/handbook/3')
    assert [a.get_text(' ', strip=True) for a in page.html.select('.children a')] == \
        ['3.1 技术和标准化工作委员会', '3.2 教育培训工作委员会']
    data = testapp.get('/handbook/3-1', headers=JSON).json
    assert data['number'] == '3.1' and data['previous']['id'] == '3' and data['next']['id'] == '3-2'


def test_standards_filter_by_kind_and_status(testapp):
    page = testapp.get('/standards/')
    assert len(page.html.select('table.listing tbody tr')) == 3
    group = testapp.get('/standards/?kind=group')
    assert [td.get_text() for td in group.html.select('td.code')] == ['T/CAMRA 002-2016']
    superseded = testapp.get('/standards/?status=superseded', headers=JSON).json
    assert [i['id'] for i in superseded['items']] == ['gb-t-18344-2001']
    # nonsense filters are ignored, not errors
    assert len(testapp.get('/standards/?kind=zzz&status=1').html.select('tbody tr')) == 3


def test_superseded_standard_names_its_successor(testapp):
    page = testapp.get('/standards/gb-t-18344-2001')
    banner = page.html.select_one('.banner')
    assert '被代替' in banner.get_text() and 'GB/T 18344-2016' in banner.get_text()
    assert banner.a['href'].endswith('/standards/gb-t-18344-2016/')
    current = testapp.get('/standards/gb-t-18344-2016')
    assert current.html.select_one('.banner') is None
    data = testapp.get('/standards/gb-t-18344-2016', headers=JSON).json
    assert data['code'] == 'GB/T 18344-2016' and data['effective'] == '2017-07-01'


def test_notices_by_year_and_notice_page(testapp):
    page = testapp.get('/notices/')
    assert [h.get_text() for h in page.html.select('main h2')] == ['2023 年', '2022 年']
    only_2022 = testapp.get('/notices/?year=2022', headers=JSON).json
    assert [i['id'] for i in only_2022['items']] == ['2022-35']
    assert only_2022['years'] == [{'year': 2023, 'count': 1}, {'year': 2022, 'count': 1}]
    notice = testapp.get('/notices/2022-35')
    assert notice.html.select_one('.docnumber').get_text() == '中汽修协字〔2022〕35号'
    assert '2022年10月25日' in notice.html.select_one('.signature').get_text()
    assert notice.html.select_one('.related a')['href'].endswith('/handbook/')
    data = testapp.get('/notices/2022-35', headers=JSON).json
    assert data['number'] == '中汽修协字〔2022〕35号' and data['date'] == '2022-10-25'
    assert data['url'] == 'http://localhost/notices/2022-35/'


def test_news_is_paginated(testapp, app):
    import datetime

    import transaction

    from camra.content.news import NewsItem
    db = database(app)
    with db.transaction() as conn:
        news = conn.root()['app_root']['news']
        for n in range(25):
            news.add(f'n{n}', NewsItem(title=f'资讯{n}', date=datetime.date(2020, 1, 1) + datetime.timedelta(n)))
    first = testapp.get('/news/')
    assert len(first.html.select('ul.news > li')) == 20
    assert '第 1 / 2 页，共 28 条' in first.text
    second = testapp.get(first.html.select_one('a[rel=next]')['href'])
    assert len(second.html.select('ul.news > li')) == 8
    data = testapp.get('/news/?page=2', headers=JSON).json
    assert data['page'] == 2 and data['total'] == 28 and data['next'] is None
    assert data['previous'].endswith('page=1')
    assert testapp.get('/news/?page=-3').status_int == 200
    assert testapp.get('/news/?page=99', headers=JSON).json['page'] == 2
    transaction.abort()


def test_news_item(testapp):
    page = testapp.get('/news/qi-xiu-da-jiang-tang')
    assert '<strong>汽修大讲堂</strong>' in page.text
    assert '来源：会员服务部' in page.text


def test_magazine_by_year_and_edition_and_issue_contents(testapp):
    page = testapp.get('/magazine/')
    assert len(page.html.select('ul.issues li')) == 2
    second = testapp.get('/magazine/?edition=second', headers=JSON).json
    assert [i['id'] for i in second['items']] == ['2023-5-second']
    issue = testapp.get('/magazine/2023-5-first')
    rows = issue.html.select('.toc-table tbody tr')
    assert len(rows) == 3 and '新能源汽车高压系统安全检修' in rows[1].get_text()
    data = testapp.get('/magazine/2023-5-first', headers=JSON).json
    assert data['edition'] == 'first' and data['toc'][0]['page'] == '6'


def test_directory_grouped_by_province_with_counts_and_filter(testapp):
    page = testapp.get('/directory/')
    headings = [h.get_text(' ', strip=True) for h in page.html.select('section.province h2')]
    assert headings[0] == '全国 1 家'
    assert '江苏 3 家' in headings and '浙江 3 家' in headings
    option = page.html.select_one('select[name=province] option[value=江苏]')
    assert option.get_text() == '江苏（3）'
    jiangsu = testapp.get('/directory/', {'province': '江苏'})
    assert [a.get_text() for a in jiangsu.html.select('section.province a')] == \
        ['南京汽车维修行业协会', '苏州市机动车维修行业协会', '无锡市机动车维修行业协会']
    data = testapp.get('/directory/', {'province': '江苏'}, headers=JSON).json
    assert {(i['province'], i['city']) for i in data['items']} == {('江苏', '南京'), ('江苏', '苏州'), ('江苏', '无锡')}
    entry = testapp.get('/directory/su-zhou-shi-ji-dong-che-wei-xiu-hang-ye-xie-hui')
    assert '江苏' in entry.text and '苏州' in entry.text


def test_plain_page(testapp):
    page = testapp.get('/membership')
    assert page.html.select_one('h1').get_text() == '入会与会费'
    assert testapp.get('/membership', headers=JSON).json['type'] == 'page'


@pytest.mark.parametrize('url', ['/nope', '/handbook/99-9', '/notices/2022-35/zzz', '/static/../setup.cfg'])
def test_friendly_404(testapp, url):
    page = testapp.get(url, status=404)
    assert '页面不存在' in page.text and '返回首页' in page.text
    data = testapp.get(url, headers=JSON, status=404).json
    assert data['error'] == 'not_found'


def test_unpublished_items_are_not_shown(testapp, app):
    db = database(app)
    with db.transaction() as conn:
        conn.root()['app_root']['notices']['2023-8'].update(state='private')
    assert '质量服务月' not in testapp.get('/').text
    assert '质量服务月' not in testapp.get('/notices/').text
    testapp.get('/notices/2023-8', status=404)
    testapp.get('/notices/2023-8', headers=JSON, status=404)


def test_stylesheet_has_phone_desktop_and_print_rules(testapp):
    css = testapp.get(testapp.get('/').html.select_one('link[rel=stylesheet]')['href']).text
    assert '@media (min-width: 48rem)' in css and '@media print' in css


@pytest.mark.parametrize('url', ['/%FF', '/directory/?province=%FF', '/notices/?year=%E4'])
def test_undecodable_urls_get_a_clear_400(testapp, url):
    page = testapp.get(url, status=400)
    assert '网址有误' in page.text


@pytest.mark.parametrize('url', ['/news/?page=1e9', '/news/?page=99999999999999999999',
                                 '/notices/?year=abc', '/magazine/?year=-1&edition=third',
                                 '/directory/?province=%E7%81%AB%E6%98%9F', '/standards/?kind=&status='])
def test_odd_query_values_are_ignored_not_errors(testapp, url):
    assert testapp.get(url).status_int == 200
