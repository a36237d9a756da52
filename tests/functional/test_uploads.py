"""Files attached through the edit form: kept as sent, refused when too
large or not what their name says, downloaded under their Chinese name."""
import io
import zipfile

from webtest import Upload

PDF = b'%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'


def docx_bytes():
    """A minimal Word document (a zip with word/document.xml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w') as z:
        z.writestr('[Content_Types].xml', '<Types/>')
        z.writestr('word/document.xml', '<w:document/>')
    return buffer.getvalue()


def attach(testapp, url, *uploads, remove=()):
    form = testapp.get(url).forms['edit']
    if uploads:
        form['attachments.upload'] = list(uploads)
    for index in remove:
        form.set('attachments.remove', True, index=index)
    return form


def test_files_attached_in_the_form_download_with_their_chinese_names(as_user):
    ed, rev = as_user('ed'), as_user('rev')
    url = '/notices/2022-35/'
    attach(ed, url + '@@edit', Upload('附件1：报名回执表.pdf', PDF, 'text/html')).submit(status=303)
    rev.get(url + '@@edit').forms['transitions'].submit('name', value='publish_draft', status=303)
    page = as_user().get(url)
    link = page.html.select_one('.attachments a')
    assert link.get_text() == '附件1：报名回执表.pdf'
    download = as_user().get(link['href'])
    assert download.body == PDF
    assert download.content_type == 'application/pdf'            # sniffed, not the browser's claim
    assert "filename*=UTF-8''%E9%99%84%E4%BB%B61%EF%BC%9A" in download.headers['Content-Disposition']

    # A second file is added beside the first; then the first is removed.
    attach(ed, url + '@@edit', Upload('通知.docx', docx_bytes())).submit(status=303)
    files = [li.get_text(' ', strip=True) for li in ed.get(url + '@@edit').html.select('.files li')]
    assert '报名回执表.pdf' in files[0] and '通知.docx' in files[1]
    attach(ed, url + '@@edit', remove=[0]).submit(status=303)
    files = [li.get_text(' ', strip=True) for li in ed.get(url + '@@edit').html.select('.files li')]
    assert len(files) == 1 and '通知.docx' in files[0]


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_saved(signed_in):
    ed = signed_in('ed', **{'uploads.max_mb': '0.001'})     # about 1 KB
    form = attach(ed, '/notices/2022-35/@@edit', Upload('大文件.pdf', PDF + b'0' * 2000))
    form['body'] = '同时改的正文'
    page = form.submit(status=400)
    assert '超过上限' in page.text and '同时改的正文' in page.text    # what was typed stays
    assert '同时改的正文' not in ed.get('/notices/2022-35/@@edit').forms['edit']['body'].value
    assert '<td>ed</td>' not in ed.get('/notices/2022-35/@@history').text     # no revision by ed


def test_files_whose_content_lies_about_their_type_are_refused(as_user):
    ed = as_user('ed')
    cases = {
        '通知.pdf': b'<html><script>alert(1)</script></html>',      # HTML named as a PDF
        '照片.jpg': b'MZ\x90\x00' + b'\x00' * 200,                  # a Windows program
        '表格.docx': PDF,                                            # a PDF named as Word
        '安装包.exe': b'MZ\x90\x00' + b'\x00' * 200,                 # not a kind we keep
    }
    for filename, data in cases.items():
        page = attach(ed, '/notices/2022-35/@@edit', Upload(filename, data)).submit(status=400)
        assert filename in page.html.select_one('#e-attachments').get_text(), filename
    assert ed.get('/notices/2022-35/@@edit').html.select('.files li')[0].get_text() == '（无）'
    # Plain text is kept, in GB18030 as saved by Chinese Windows too.
    attach(ed, '/notices/2022-35/@@edit', Upload('说明.txt', '会员单位名单'.encode('gb18030'))).submit(status=303)
    assert '说明.txt' in ed.get('/notices/2022-35/@@edit').html.select_one('.files').get_text()


def word_document():
    """A .docx with a heading, both kinds of list, a table and an image."""
    import docx
    from docx.shared import Inches
    document = docx.Document()
    document.add_paragraph('各会员单位：')
    document.add_heading('一、培训内容', level=2)
    document.add_paragraph('新能源汽车维修', style='List Bullet')
    document.add_paragraph('高压安全', style='List Bullet')
    document.add_paragraph('报名', style='List Number')
    document.add_paragraph('缴费', style='List Number')
    table = document.add_table(rows=2, cols=3)
    for row, cells in enumerate((('项目', '费用', '备注'), ('会员', '500元', '含教材|资料'))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_picture(io.BytesIO(PNG), width=Inches(1))
    document.add_paragraph('特此通知。')
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tiny_png():
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    header = struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header)
            + chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00')) + chunk(b'IEND', b''))


PNG = tiny_png()


def test_a_word_file_becomes_the_body_with_its_structure_and_images(as_user):
    ed, rev = as_user('ed'), as_user('rev')
    form = ed.get('/news/@@add?type=news').forms['edit']
    form['title'] = '关于举办新能源汽车维修培训的通知'
    form['date'] = '2026-11-20'
    form['word'] = Upload('培训通知.docx', word_document())
    page = form.submit('preview', status=303).follow()       # saved: the images need a home
    assert '已从 Word 文件导入正文' in page.text
    body = page.forms['edit']['body'].value
    assert '## 一、培训内容' in body and '- 新能源汽车维修' in body and '1. 报名' in body
    assert '| 会员 | 500元 | 含教材\\|资料 |' in body
    files = page.html.select('.files li')
    assert '培训通知-图1.png' in files[0].get_text()
    url = page.request.path.replace('@@edit', '')
    rev.get(url + '@@edit').forms['transitions'].submit('name', value='publish', status=303)
    public = as_user().get(url).html.select_one('article')
    assert public.select_one('h2').get_text() == '一、培训内容'
    assert [td.get_text() for td in public.select('tbody td')] == ['会员', '500元', '含教材|资料']
    image = public.select_one('.body img')
    assert as_user().get(image['src']).body == PNG


def test_a_file_that_is_not_a_word_document_is_refused_and_the_typed_body_kept(as_user):
    ed = as_user('ed')
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    form['body'] = '手写的正文'
    form['word'] = Upload('旧格式.docx', PDF)
    page = form.submit(status=400)
    assert '与扩展名不符' in page.text and page.forms['edit']['body'].value == '手写的正文'
    form = page.forms['edit']
    form['word'] = Upload('坏文件.docx', docx_bytes())          # a zip that is no document
    page = form.submit(status=400)
    assert '无法读取 Word 文件' in page.text and page.forms['edit']['body'].value == '手写的正文'


def test_files_chosen_before_a_preview_are_held_and_attached_by_the_save(as_user):
    ed = as_user('ed')
    form = attach(ed, '/notices/2022-35/@@edit', Upload('附件2：日程.pdf', PDF))
    shown = form.submit('preview', status=200)
    [held] = shown.html.select('.files li.held')
    assert '附件2：日程.pdf' in held.get_text() and held.select_one('input[type=checkbox]').has_attr('checked')
    shown.forms['edit'].submit('save', status=303)
    files = [li.get_text(' ', strip=True) for li in ed.get('/notices/2022-35/@@edit').html.select('.files li')]
    assert len(files) == 1 and '附件2：日程.pdf' in files[0]


def test_files_chosen_with_a_refused_field_are_held_and_can_be_dropped(as_user):
    ed = as_user('ed')
    form = attach(ed, '/notices/@@add?type=notice', Upload('回执.pdf', PDF), Upload('名单.pdf', PDF))
    form['title'], form['date'], form['body'] = '关于报名的通知', '2026-11-02', '正文。'
    form['number'] = '不是文号'
    shown = form.submit('save', status=400)
    assert [li.select_one('.filename').get_text() for li in shown.html.select('.files li.held')] == ['回执.pdf', '名单.pdf']
    again = shown.forms['edit']
    again['number'] = '中汽修协字〔2026〕50号'
    again.set('attachments.held', False, index=1)           # the second one is not wanted after all
    item = again.submit('save', status=303).follow()
    assert [li.select_one('.filename').get_text() for li in item.html.select('.files li')] == ['回执.pdf']


def test_a_held_key_that_was_never_given_brings_nothing(as_user):
    ed = as_user('ed')
    form = ed.get('/notices/2022-35/@@edit').forms['edit']
    fields = dict(form.submit_fields())
    fields['attachments.held'] = '20260101000000-forged'
    ed.post('/notices/2022-35/@@edit', fields, status=303)
    assert not ed.get('/notices/2022-35/@@edit').html.select('.files li .filename')
