"""Attachments: stored as blobs, downloaded with their Chinese filenames."""
import base64
import json

from webtest import TestApp


def test_notice_attachment_download_keeps_chinese_filename(app_factory, cli, tmp_path):
    pdf = b'%PDF-1.4\n% test\n'
    record = {'type': 'notice', 'id': '2024-1', 'title': '关于附件的通知', 'number': '中汽修协字〔2024〕1号',
              'date': '2024-01-02', 'attachments': [
                  {'filename': '会员服务手册.pdf', 'content_type': 'application/pdf',
                   'data': base64.b64encode(pdf).decode()}]}
    source = tmp_path / 'one.jsonl'
    source.write_text(json.dumps(record, ensure_ascii=False) + '\n', encoding='utf-8')
    assert cli('import', source) == 0
    testapp = TestApp(app_factory())
    page = testapp.get('/notices/2024-1')
    link = page.html.select_one('.attachments a')
    assert link.get_text() == '会员服务手册.pdf'
    download = testapp.get(link['href'])
    assert download.body == pdf
    assert download.content_type == 'application/pdf'
    assert "filename*=UTF-8''%E4%BC%9A%E5%91%98" in download.headers['Content-Disposition']
    data = testapp.get('/notices/2024-1', headers={'Accept': 'application/json'}).json
    assert data['attachments'][0]['url'].endswith('/notices/2024-1/@@download/attachments/0')
    assert data['attachments'][0]['size'] == len(pdf)
    testapp.get('/notices/2024-1/@@download/attachments/5', status=404)
    testapp.get('/notices/2024-1/@@download/title', status=404)
