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
