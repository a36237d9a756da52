"""The association's face on every page: logo or emblem, the home banner,
favicon, the ICP line, robots.txt; breadcrumbs, news leads and the directory."""
import pytest
from webtest import TestApp

ICP = '京ICP备05012345号-1'


def test_every_page_has_the_emblem_of_the_short_name_and_icons(testapp):
    page = testapp.get('/notices/')
    emblem = page.html.select_one('.brand svg.emblem')
    assert [t.get_text() for t in emblem.select('text')] == ['中汽', '修协']
    icons = {link['rel'][0]: link['href'] for link in page.html.select('link[rel~=icon], link[rel=apple-touch-icon]')}
    assert set(icons) == {'icon', 'apple-touch-icon'}
    assert testapp.get(icons['icon'].replace('http://localhost', '')).content_type == 'image/svg+xml'


def test_favicon_and_robots_answer_at_the_root(testapp):
    icon = testapp.get('/favicon.ico')
    assert icon.content_type == 'image/x-icon' and icon.body[:4] == b'\x00\x00\x01\x00'
    robots = testapp.get('/robots.txt')
    assert robots.content_type == 'text/plain'
    assert 'Sitemap: http://localhost/sitemap.xml' in robots.text and 'Disallow: /*@@' in robots.text


def test_no_icp_line_unless_one_is_set(testapp):
    assert not testapp.get('/').html.select('.icp')


def test_the_icp_number_links_to_the_filing_system_when_set(app_factory):
    page = TestApp(app_factory(**{'site.icp': ICP})).get('/')
    link = page.html.select_one('footer .icp a')
    assert link.get_text() == ICP and link['href'] == 'https://beian.miit.gov.cn/'


def test_a_logo_file_replaces_the_emblem(app_factory, tmp_path):
    logo = tmp_path / 'logo.svg'
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    testapp = TestApp(app_factory(**{'site.logo': str(logo)}))
    page = testapp.get('/')
    assert page.html.select_one('.brand img.logo')['src'] == 'http://localhost/logo'
    assert not page.html.select('.brand svg.emblem')
    served = testapp.get('/logo')
    assert served.content_type == 'image/svg+xml' and 'sandbox' in served.headers['Content-Security-Policy']


def test_no_logo_file_no_logo_url(testapp):
    testapp.get('/logo', status=404)


def test_the_home_page_opens_with_a_banner_naming_the_association(testapp):
    hero = testapp.get('/').html.select_one('.hero')
    assert hero.h1.get_text() == '中国汽车维修行业协会'
    assert hero.select_one('.tagline').get_text() == '双向服务 · 桥梁纽带 · 行业自律'
    assert [a.get_text(' ', strip=True) for a in hero.select('a.button')][0] == '阅读会员服务手册 V1.0'


def test_breadcrumbs_name_a_release_by_its_label(testapp):
    crumbs = [a.get_text() for a in testapp.get('/handbook/v1.0/4/').html.select('.breadcrumbs li')]
    assert crumbs[:3] == ['首页', '会员服务手册', 'V1.0']


@pytest.mark.parametrize('summary, shown', [
    ('本期汽修大讲堂邀请税务专家，面向维修企业…', False),   # the body's first words: said once
    ('一句不同的导语。', True),
])
def test_a_news_summary_is_shown_once(summary, shown):
    from camra.content.news import NewsItem
    item = NewsItem()
    item.summary = summary
    item.body = '本期**汽修大讲堂**邀请税务专家，面向维修企业解读小微企业税收优惠政策。'
    assert (item.lead == summary) is shown


def test_the_directory_shows_contact_details_where_known(testapp):
    page = testapp.get('/directory/')
    [national] = [li for li in page.html.select('.entries li') if li.a.get_text() == '中国汽车维修行业协会']
    assert [c.get_text() for c in national.select('.contact')] == [
        '地址：北京市丰台区莲花池南里24号中盐大厦A座808室', '电话：010-63313302', '网址：www.camra.org.cn']
    assert national.select_one('a[href^="tel:"]')['href'] == 'tel:010-63313302'
    assert national.select_one('.contact a[href^="http"]')['href'] == 'http://www.camra.org.cn'
    [beijing] = [li for li in page.html.select('.entries li') if li.a.get_text() == '北京汽车维修行业协会']
    assert not beijing.select('.contact')
    assert '暂无联系方式' in testapp.get(beijing.a['href'].replace('http://localhost', '')).text
