"""Handbook releases: the seed is V1.0; a fee changed, a section added and
one removed make V1.1; V1.0 stays exactly as it was, for ever."""
import io
import re

import pypdf
from webtest import TestApp

JSON = {'Accept': 'application/json'}


def token(testapp):
    return re.search(r'name="csrf_token" value="([^"]+)"', testapp.get('/login').text)[1]


def snapshot(testapp, release):
    """Every section of ``release`` as its page's text and its JSON."""
    contents = testapp.get(f'/handbook/{release}/', headers=JSON).json
    pages = {}
    for section in contents['sections']:
        html = testapp.get(section['url'])
        pages[section['id']] = (html.html.select_one('h1').get_text(' ', strip=True),
                                str(html.html.select_one('.body')),
                                testapp.get(section['url'], headers=JSON).json)
    return contents['checksum'], pages


def test_the_seed_is_v1_0_and_v1_1_changes_exactly_what_was_changed(seeded_users, indexed):
    public, ed, rev = seeded_users(), seeded_users('ed'), seeded_users('rev')
    data = public.get('/handbook/', headers=JSON).json
    [v10] = data['releases']
    assert v10['label'] == 'V1.0' and v10['current'] and len(v10['checksum']) == 64
    assert data['version'] == 'V1.0' and data['total'] == 44
    bar = public.get('/handbook/').html.select_one('.releasebar').get_text(' ', strip=True)
    assert 'V1.0 （当前）' in bar and v10['checksum'][:16] in bar
    assert '首个版本' in public.get('/handbook/v1.0/changes').text
    announced = public.get('/handbook/v1.0/', headers=JSON).json
    assert announced['date'] == '2022-10-25'
    checksum, before = snapshot(public, 'v1.0')
    assert checksum == v10['checksum']

    # The draft: a fee changed, a section added, one removed; reviewed.
    form = ed.get('/handbook/7-3/@@edit').forms['edit']
    form['body'] = form['body'].value.replace('会费 8000 元/年', '会费 9000 元/年')
    form.submit(status=303)
    rev.get('/handbook/7-3/@@edit').forms['transitions'].submit('name', value='publish_draft', status=303)
    form = ed.get('/handbook/@@add?type=handbook_section').forms['edit']
    form['number'], form['title'], form['body'] = '7.5', '会员权益', '会员享有优先参加培训等权益。'
    new_url = form.submit(status=303).follow().request.path.replace('@@edit', '')
    rev.get(new_url + '@@edit').forms['transitions'].submit('name', value='publish', status=303)
    rev.post('/handbook/7-4/@@delete', {'csrf_token': token(rev)}, status=303)
    # Before the release, the public still reads V1.0; editors compare the draft.
    assert '8000' in public.get('/handbook/7-3').text
    assert new_url not in public.get('/sitemap.xml').text and new_url not in public.get('/handbook/').text
    draft = ed.get('/handbook/@@compare?a=v1.0&b=draft')
    assert '会员权益' in draft.html.select_one('section.added').get_text()

    form = rev.get('/handbook/@@release').forms['release']
    form['label'], form['date'], form['notes'] = 'V1.1', '2026-11-20', '调整常务理事单位会费。'
    form.submit(status=303)
    ed.get('/handbook/@@release', status=403)                    # editors do not release

    # /handbook/ is V1.1 now; the comparison shows exactly those changes.
    data = public.get('/handbook/', headers=JSON).json
    assert [(r['label'], r['current']) for r in data['releases']] == [('V1.1', True), ('V1.0', False)]
    changes = public.get('/handbook/v1.1/changes')
    assert [li.get_text(' ', strip=True) for li in changes.html.select('section.added li')] == ['7.5 会员权益']
    assert [li.get_text(' ', strip=True) for li in changes.html.select('section.removed li')] == ['7.4 入会通知和证书牌匾']
    assert changes.html.select('section.moved') == []
    [changed] = changes.html.select('section.changed section.field')
    assert changed.h3.get_text(' ', strip=True) == '7.3 缴纳会费'
    assert [d.get_text() for d in changed.select('del')] == ['8'] and [i.get_text() for i in changed.select('ins')] == ['9']
    # Rendered as the reader reads it (the fee table is a table, no Markdown marks);
    # the Markdown side by side on request.
    assert changed.select('.body table td del') and '|' not in changed.get_text()
    source = public.get('/handbook/v1.1/changes?view=source').html.select('section.changed table.sidebyside')
    assert len(source) == 1 and '|' in source[0].get_text()
    assert '9000' in public.get('/handbook/7-3').text
    sitemap = public.get('/sitemap.xml').text
    assert new_url in sitemap and '/handbook/7-4/' not in sitemap and '/handbook/7-3/' in sitemap
    assert 'V1.1' in public.get('/').html.select_one('.home').get_text()
    public.get('/handbook/7-4', status=410)                      # removed: no longer published

    # V1.0 is exactly as it was: every page's text, its JSON, its checksum.
    assert snapshot(public, 'v1.0') == (checksum, before)
    assert '这是旧版本 V1.0' in public.get('/handbook/v1.0/all').text
    assert '这是旧版本' not in public.get('/handbook/v1.1/all').text
    old = public.get('/handbook/v1.0/7-3/')
    assert '这是旧版本 V1.0' in old.text and '8000' in old.text
    assert old.html.select_one('.oldrelease a')['href'].endswith('/handbook/7-3/')
    switch = {a.get_text(): a['href'] for a in public.get('/handbook/7-3/').html.select('.switcher a')}
    assert switch == {'V1.0': 'http://localhost/handbook/v1.0/7-3/'}
    assert public.get('/handbook/v1.0/7-4/').status_int == 200     # removed later, kept in V1.0
    section = public.get('/handbook/7-3/')
    assert '本节于 V1.0 加入，最近修改于 V1.1' in section.text
    assert 'V1.0 加入' in public.get('/handbook/7-1/').text and '最近修改' not in public.get('/handbook/7-1/').text

    # Releases never change.
    assert '不能修改' in rev.get('/handbook/v1.0/7-3/@@edit', status=409).text

    # Search: the current release by default; the old one when asked.
    indexed(public.app)         # a release is indexed after the cut is answered
    found = public.get('/search', {'q': '常务理事单位 会费'}, headers=JSON).json['results']
    assert found[0]['url'].endswith('/handbook/7-3/') and all('/v1.0/' not in r['url'] for r in found)
    old_hits = public.get('/search', {'q': '入会通知和证书牌匾', 'release': 'v1.0'}, headers=JSON).json['results']
    assert old_hits and all('/handbook/v1.0/' in r['url'] for r in old_hits)
    assert '/handbook/v1.0/7-4/' in [r['url'][len('http://localhost'):] for r in old_hits]


def test_a_release_reads_as_one_page_and_as_a_pdf(seeded_users):
    public = seeded_users()
    page = public.get('/handbook/v1.0/all')
    assert len(page.html.select('nav.toc a')) == 44 and len(page.html.select('section.section')) == 44
    assert public.get('/handbook/v1.0/', headers=JSON).json['checksum'] in page.text
    pdf = public.get('/handbook/v1.0/pdf')
    assert pdf.content_type == 'application/pdf'
    assert "filename*=UTF-8''" in pdf.headers['Content-Disposition']
    texts = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.body)).pages]
    pages = [re.sub(r'\s+', '', text) for text in texts]
    # A print handbook: a cover without a page number, the contents with the
    # page of each section, numbered pages, and no page left mostly blank.
    assert pages[0].startswith('中国汽车维修行业协会会员服务手册V1.02022年10月25日') and '—' not in pages[0]
    contents = dict(re.findall(r'^(.+?)\s*\.{3,}\s*(\d+)$', texts[1], re.MULTILINE))
    contents = {re.sub(r'\s+', '', heading): page for heading, page in contents.items()}
    assert len(contents) >= 20
    for heading, page in list(contents.items())[:12]:
        assert heading in pages[int(page) - 1], (heading, page)
    assert all(f'—{n}—' in text for n, text in enumerate(pages[1:], start=2))
    assert all(len(text) > 300 for text in pages[1:-1]), [len(t) for t in pages]
    compact = ''.join(pages)
    assert '缴纳会费' in compact and '常务理事单位' in compact and '会员服务手册V1.0' in compact


def test_the_printed_handbook_reads_back_as_the_handbook_section_by_section(seeded_users):
    """A handbook that comes as the PDF this site prints (contents with
    leader dots, the foreword after them, a running head and page numbers
    on every page, lines broken at the page's width) imports as the
    handbook, not as news."""
    from camra.content.importers import read_bytes
    public = seeded_users()
    parsed = read_bytes(public.get('/handbook/v1.0/pdf').body, '会员服务手册.pdf')
    assert parsed.kind == 'handbook'
    sections = {r['number']: r for _, r in parsed.records if r['type'] == 'handbook_section'}
    site = {s['number']: s['title'] for s in public.get('/handbook/v1.0/', headers=JSON).json['sections']}
    assert len(sections) == 44 and {n: r['title'] for n, r in sections.items()} == site
    body = sections['1']['body']
    assert '接受交通运输部行业指导' in body            # a line broken at the page's width, joined again
    assert all('会员服务手册 V1.0' not in r['body'] and '—' not in r['body'] for r in sections.values())


def test_a_new_version_file_goes_into_the_draft_matched_section_by_section(
        cli, seeds, app_factory, with_users, login, tmp_path):
    text = seeds('000').read_text(encoding='utf-8')
    assert cli('import', seeds('000')) == 0
    # The next version: a fee changed, 7.4 renumbered 7.5, a new 7.4 added.
    new = (text.replace('单位会员\t会费 2000 元/年', '单位会员\t会费 2500 元/年')
           .replace('7.4\t入会通知和证书牌匾\t29', '7.4\t会员权益\t29\n7.5\t入会通知和证书牌匾\t29')
           .replace('7.4 入会通知和证书牌匾', '7.4 会员权益\n\n会员享有优先参加培训等权益。\n\n7.5 入会通知和证书牌匾')
           .replace('版本 V1.0', '版本 V1.1'))
    source = tmp_path / '会员服务手册V1.1.txt'
    source.write_text(new, encoding='utf-8')
    assert cli('import', source) == 0
    app = with_users(app_factory())
    public, ed = TestApp(app), TestApp(app)
    login(ed, 'ed')
    assert '2000' in public.get('/handbook/7-3').text          # the public still reads V1.0
    page = ed.get('/handbook/@@compare?a=v1.0&b=draft')
    assert [li.get_text(' ', strip=True) for li in page.html.select('section.added li')] == ['7.4 会员权益']
    assert [li.get_text(' ', strip=True) for li in page.html.select('section.moved li')] == [
        '7.4 → 7.5 入会通知和证书牌匾']
    assert page.html.select('section.removed') == []
    [changed] = page.html.select('section.changed section.field')
    assert changed.h3.get_text(' ', strip=True) == '7.3 缴纳会费'
    # The renumbered section kept its URL name, and its history.
    history = ed.get('/handbook/7-4/@@history').text
    assert '导入更新' in history


def test_a_release_with_images_makes_its_pdf_with_the_sites_own_and_without_the_others(
        cli, seeds, app_factory, with_users, login, tmp_path):
    import base64
    import json

    from PIL import Image
    from webtest import TestApp

    def png(colour):
        buffer = io.BytesIO()
        Image.new('RGB', (40, 30), colour).save(buffer, 'PNG')
        return buffer.getvalue()
    record = {'type': 'notice', 'id': '2024-9', 'title': '附图的通知', 'number': '中汽修协字〔2024〕9号',
              'date': '2024-01-02', 'attachments': [{'filename': '示意图.png', 'data': base64.b64encode(png('red')).decode()}]}
    source = tmp_path / 'notice.jsonl'
    source.write_text(json.dumps(record, ensure_ascii=False) + '\n', encoding='utf-8')
    assert cli('import', seeds('000'), source) == 0
    app = with_users(app_factory())
    ed, rev, public = TestApp(app), TestApp(app), TestApp(app)
    login(ed, 'ed')
    login(rev, 'rev')
    form = ed.get('/handbook/7-3/@@edit').forms['edit']
    form['body'] = (form['body'].value + '\n\n![示意图](http://localhost/notices/2024-9/@@download/attachments/0)\n\n'
                    '![外站图片](https://images.example.com/x.png)\n')
    form.submit(status=303)
    rev.get('/handbook/7-3/@@edit').forms['transitions'].submit('name', value='publish_draft', status=303)
    form = rev.get('/handbook/@@release').forms['release']
    form['label'], form['date'] = 'V1.1', '2026-11-20'
    form.submit(status=303)
    pdf = public.get('/handbook/v1.1/pdf')
    # (pypdf lists a document's images on every page that shares its resources)
    images = {image.data for page in pypdf.PdfReader(io.BytesIO(pdf.body)).pages for image in page.images}
    [image] = images                # the notice's file; the other site's is left out
    assert Image.open(io.BytesIO(image)).convert('RGB').getpixel((0, 0)) == (255, 0, 0)
