"""Official documents as they are printed (GB/T 9704 PDF) and as they arrive
(PDF, Word and text files, many at once); notices that revoke or amend."""
import io
import shutil
import subprocess

import docx
import pypdf
import pytest
from webtest import TestApp, Upload

from camra.site import close

A4 = (595.3, 841.9)       # points
NOTICE = """中国汽车维修行业协会文件

中汽修协字〔2025〕{n}号

关于开展第{n}期维修技术培训的通知

各会员单位：

一、培训时间

2025年3月10日至12日。

二、培训内容

（一）新能源汽车高压安全

请各单位按时报名。

附件：1. 报名回执表
2. 培训日程

中国汽车维修行业协会

2025年3月1日

抄送：各地方行业协会。

中国汽车维修行业协会秘书处  2025年3月2日印发
"""


def notice_pdf(testapp, path='/notices/2022-35/'):
    response = testapp.get(path + 'pdf')
    assert response.content_type == 'application/pdf'
    return response.body


def test_the_seed_notice_prints_in_the_gbt_9704_layout(seeded_app, tmp_path):
    page = seeded_app.get('/notices/2022-35/')
    assert page.html.select_one('p.print a')['href'].endswith('/notices/2022-35/pdf')
    assert page.html.select_one('.recipients').get_text() == '各会员单位：'
    data = notice_pdf(seeded_app)
    [first] = pypdf.PdfReader(io.BytesIO(data)).pages
    box = first.mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A4
    lines = [line.strip() for line in first.extract_text().splitlines() if line.strip()]
    assert lines[:4] == ['中国汽车维修行业协会文件', '中汽修协字〔2022〕35号', '关于发布《会员服务手册》的通知', '各会员单位：']
    assert '2022年10月25日' in lines and lines[-1].replace(' ', '') == '—1—'
    # 28 characters a line: the longest body line (no indent) holds 28.
    assert max(len(line) for line in lines) == 28
    assert seeded_app.get('/notices/2022-35/pdf').body == data        # made once, then kept
    if not shutil.which('pdftoppm'):
        pytest.skip('pdftoppm is not installed (apt-get install poppler-utils)')
    (tmp_path / 'n.pdf').write_bytes(data)
    subprocess.run(['pdftoppm', '-r', '20', '-png', '-singlefile', str(tmp_path / 'n.pdf'), str(tmp_path / 'n')],
                   check=True)
    from PIL import Image
    picture = Image.open(tmp_path / 'n.png').convert('RGB')
    width, height = picture.size
    def red(y0, y1):
        return sum(1 for x in range(width) for y in range(int(y0 * height), int(y1 * height))
                   if (lambda r, g, b: r > 150 and g < 90 and b < 90)(*picture.getpixel((x, y))))
    assert red(0.15, 0.35) > 20          # the red issuer mark and rule, in the head
    assert red(0.4, 1.0) == 0            # nothing else is red


def test_a_pdf_made_from_the_seed_notice_imports_back_into_the_same_fields(seeded_app, app_factory, cli, tmp_path,
                                                                          tmp_var):
    data = notice_pdf(seeded_app)
    before = seeded_app.get('/notices/2022-35/', headers={'Accept': 'application/json'}).json
    close(seeded_app.app)
    shutil.rmtree(tmp_var)
    (tmp_path / '通知.pdf').write_bytes(data)
    assert cli('import', tmp_path / '通知.pdf') == 0
    after = TestApp(app_factory()).get('/notices/2022-35/', headers={'Accept': 'application/json'}).json
    for field in ('number', 'title', 'issuer', 'date', 'recipients', 'body'):
        assert after[field] == before[field], field
    [original] = after['attachments']
    assert original['filename'] == '通知.pdf'


def make_folder(folder, seeds):
    """Twenty files of every kind: notices as text and Word, a report, a
    notice PDF, a scanned PDF, a broken one, an empty text."""
    for n in range(1, 9):
        (folder / f'通知{n:02d}.txt').write_text(NOTICE.format(n=n), 'utf-8')
    for n in range(9, 17):
        document = docx.Document()
        for paragraph in NOTICE.format(n=n).split('\n\n'):
            document.add_paragraph(paragraph.strip())
        document.save(folder / f'通知{n:02d}.docx')
    shutil.copy(seeds('004'), folder / '年度工作总结.txt')
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    with open(folder / '扫描件.pdf', 'wb') as f:
        writer.write(f)
    (folder / '损坏.pdf').write_bytes(b'%PDF-1.4 not really')
    (folder / '空白.txt').write_text('', 'utf-8')
    (folder / '说明.md').write_text('not imported: not an official document file', 'utf-8')


def test_a_folder_of_twenty_files_imports_each_on_its_own_with_a_report(cli, seeds, tmp_path, capsys, app_factory):
    folder = tmp_path / '公文'
    folder.mkdir()
    make_folder(folder, seeds)
    assert cli('import', folder) == 1                   # some files did not import: said in the exit status
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith(('✓', '✗'))]
    assert len(lines) == 20
    assert sum(line.startswith('✓') for line in lines) == 17
    failed = {line.split('：')[0][2:].rsplit('/', 1)[-1]: line for line in lines if line.startswith('✗')}
    assert set(failed) == {'扫描件.pdf', '损坏.pdf', '空白.txt'}
    assert '没有文字层' in failed['扫描件.pdf'] and 'OCR' in failed['扫描件.pdf']
    assert '共 20 个文件：导入 17 个，未导入 3 个' in out
    testapp = TestApp(app_factory())
    data = testapp.get('/notices/2025-9/', headers={'Accept': 'application/json'}).json
    assert data['attachment_notes'] == ['报名回执表', '培训日程'] and data['cc'] == '各地方行业协会'
    assert data['printed_by'] == '中国汽车维修行业协会秘书处' and data['printed_on'] == '2025-03-02'
    page = testapp.get('/notices/2025-9/')
    assert [h.get_text() for h in page.html.select('.body h2')] == ['一、培训时间', '二、培训内容']
    assert testapp.get('/notices/', headers={'Accept': 'application/json'}).json['total'] == 16
    close(testapp.app)
    assert cli('import', folder) == 1                   # again: the same items, updated in place, never doubled
    assert TestApp(app_factory()).get('/notices/', headers={'Accept': 'application/json'}).json['total'] == 16


def test_editors_import_several_files_as_drafts_for_review(as_user):
    ed, public = as_user('ed'), as_user()
    form = ed.get('/@@import').forms['import']
    form['files'] = [Upload('通知30.txt', NOTICE.format(n=30).encode('utf-8'), 'text/plain'),
                     Upload('通知31.txt', NOTICE.format(n=31).encode('utf-8'), 'text/plain'),
                     Upload('旧通知.txt', NOTICE.format(n=30).replace('〔2025〕30号', '〔2022〕35号').encode('utf-8')),
                     Upload('程序.exe', b'MZ\x90\x00', 'application/octet-stream')]
    page = form.submit(status=200)
    report = {li.strong.get_text(): li.get_text() for li in page.html.select('.outcomes li')}
    assert '通知 中汽修协字〔2025〕30号' in report['通知30.txt']
    assert '已存在' in report['旧通知.txt'] and '只接受' in report['程序.exe']
    public.get('/notices/2025-30/', status=404)          # a draft, for review
    drafts = [a.get_text() for a in ed.get('/@@dashboard').html.select('section.drafts td a')]
    assert sorted(drafts) == ['关于开展第30期维修技术培训的通知', '关于开展第31期维修技术培训的通知']


def test_a_notice_that_revokes_another_puts_a_banner_on_it(as_user):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['date'], form['body'] = '关于废止会员服务手册通知的通知', '2026-11-02', '原通知自即日起废止。'
    form['number'], form['revokes'] = '中汽修协字〔2026〕60号', '中汽修协字[2022]35号'
    page = form.submit(status=303).follow()
    assert public.get('/notices/2022-35/').html.select('.superseded') == []    # a draft revokes nothing
    page.forms['transitions'].submit('name', value='submit', status=303)
    rev.get('/notices/2026-60/@@edit').forms['transitions'].submit('name', value='publish', status=303)
    [banner] = public.get('/notices/2022-35/').html.select('.superseded')
    assert '本文件已被《关于废止会员服务手册通知的通知》（中汽修协字〔2026〕60号）废止' in banner.get_text(strip=True)
    cites = public.get('/notices/2026-60/').html.select_one('section.cites')
    assert cites.get_text(' ', strip=True) == '本文件废止或修订 废止： 关于发布《会员服务手册》的通知（中汽修协字〔2022〕35号）'
    rev.get('/notices/2026-60/@@edit').forms['transitions'].submit('name', value='retract', status=303)
    assert public.get('/notices/2022-35/').html.select('.superseded') == []


def test_a_scanned_pdf_alone_is_refused_and_nothing_is_written(cli, tmp_path, capsys):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    with open(tmp_path / '扫描.pdf', 'wb') as f:
        writer.write(f)
    assert cli('import', tmp_path / '扫描.pdf') == 1
    assert '没有文字层' in capsys.readouterr().err
    assert cli('export', tmp_path / 'all.jsonl') == 0
    assert (tmp_path / 'all.jsonl').read_text('utf-8') == ''
