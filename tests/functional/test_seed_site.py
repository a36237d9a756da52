"""The real seed documents imported with `camra import`, browsed through the app."""
JSON = {'Accept': 'application/json'}


def test_seed_handbook_sections_tables_and_announcing_notice(seeded_app):
    contents = seeded_app.get('/handbook/', headers=JSON).json
    assert contents['version'] == 'V1.0' and contents['total'] == 44
    fees = seeded_app.get('/handbook/7-3')
    rows = [[td.get_text() for td in tr.select('td')] for tr in fees.html.select('.body tbody tr')]
    assert ['常务理事单位', '会费 8000 元/年;'] in rows
    assert fees.html.select_one('a[rel=next]')['href'].endswith('/handbook/7-4/')
    project = seeded_app.get('/handbook/6-10')
    assert len(project.html.select('.body table')) == 2 and 'T/CAMRA 002-2016' in project.text
    assert '[bookmark' not in project.text and '<p>' not in project.html.select_one('.body td').decode_contents()
    notice = seeded_app.get('/notices/2022-35', headers=JSON).json
    assert notice['issuer'] == '中国汽车维修行业协会' and notice['related'] == ['/handbook/']


def test_seed_directory_has_every_association_grouped_by_province(seeded_app):
    data = seeded_app.get('/directory/', headers=JSON).json
    counts = {p['province']: p['count'] for p in data['provinces']}
    assert sum(counts.values()) == 94
    assert counts['全国'] == 1 and counts['江苏'] == 9 and counts['广东'] == 15
    page = seeded_app.get('/directory/')
    assert '共 94 家' in page.text


def test_seed_report_keeps_its_heading_structure(seeded_app):
    [item] = seeded_app.get('/news/', headers=JSON).json['items']
    page = seeded_app.get(item['url'])
    assert [h.get_text() for h in page.html.select('.body h2')] == ['（一）2021年度工作总结', '（二）2022年度工作思路']
    assert len(page.html.select('.body h3')) == 10
    assert page.html.select_one('.body h3')['id']  # anchors on headings
