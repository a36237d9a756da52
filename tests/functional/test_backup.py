"""Backups (incremental, blobs included), restores and packing, through the
command, while the data is in use."""
import base64
import datetime
import json
import os

from webtest import TestApp


def notice_line(n, pdf=None):
    record = {'type': 'notice', 'id': f'2026-{n}', 'title': f'第{n}号通知', 'number': f'中汽修协字〔2026〕{n}号',
              'date': '2026-11-01', 'body': f'第{n}号通知的正文'}
    if pdf:
        record['attachments'] = [{'filename': '附件.pdf', 'content_type': 'application/pdf',
                                  'data': base64.b64encode(pdf).decode()}]
    return json.dumps(record, ensure_ascii=False) + '\n'


def test_backup_twice_then_restore_everything_into_a_new_folder(cli, app_factory, tmp_path, tmp_var, monkeypatch):
    pdf = b'%PDF-1.4\n% backed up\n'
    first = tmp_path / 'one.jsonl'
    first.write_text(notice_line(1, pdf), encoding='utf-8')
    assert cli('import', first) == 0
    dest = tmp_path / 'backups'
    assert cli('backup', dest) == 0
    second = tmp_path / 'two.jsonl'
    second.write_text(notice_line(2), encoding='utf-8')
    assert cli('import', second) == 0
    assert cli('backup', dest) == 0
    files = sorted(os.listdir(dest / 'filestorage'))
    assert any(f.endswith('.fs') for f in files) and any(f.endswith('.deltafs') for f in files)

    monkeypatch.setenv('CAMRA_VAR', str(tmp_path / 'elsewhere'))
    assert cli('restore', dest) == 0
    testapp = TestApp(app_factory())
    assert '第2号通知的正文' in testapp.get('/notices/2026-2').text
    page = testapp.get('/notices/2026-1')
    assert testapp.get(page.html.select_one('.attachments a')['href']).body == pdf
    assert [r['id'] for r in testapp.get('/search', {'q': '第1号通知'},
                                         headers={'Accept': 'application/json'}).json['results']][:1] == ['2026-1']


def test_restore_to_a_time_and_refuse_while_serving(cli, app_factory, tmp_path, tmp_var, capsys):
    first = tmp_path / 'one.jsonl'
    first.write_text(notice_line(1), encoding='utf-8')
    assert cli('import', first) == 0
    dest = tmp_path / 'backups'
    assert cli('backup', dest) == 0
    app = app_factory()                   # the site is running: the database is in use
    assert cli('restore', dest) == 1
    assert '请先停止' in capsys.readouterr().err
    from camra.site import close
    close(app)
    before = datetime.datetime(2000, 1, 1)
    assert cli('restore', dest, '--at', before.isoformat()) == 1      # nothing that old
    assert cli('restore', dest, '--at', 'yesterday') == 1
    assert '时间格式不正确' in capsys.readouterr().err
    assert '第1号通知' in TestApp(app_factory()).get('/notices/2026-1').text     # nothing was lost


def test_pack_keeps_current_data_and_drops_old_revisions(cli, app_factory, tmp_path, tmp_var):
    for n in range(5):
        source = tmp_path / f'{n}.jsonl'
        source.write_text(notice_line(1).replace('正文', '正文' + '修改' * 2000 * n), encoding='utf-8')
        assert cli('import', source) == 0
    data_fs = tmp_var / 'Data.fs'
    before = data_fs.stat().st_size
    assert cli('pack', '--days', '0') == 0
    assert data_fs.stat().st_size < before
    assert '修改' * 8000 in TestApp(app_factory()).get('/notices/2026-1').text


def test_every_restore_keeps_the_database_it_replaced(cli, tmp_path, tmp_var, capsys):
    """A second restore once overwrote the only copy of the database before the first."""
    import ZODB.FileStorage
    first = tmp_path / 'one.jsonl'
    first.write_text(notice_line(1), encoding='utf-8')
    assert cli('import', first) == 0
    dest = tmp_path / 'backups'
    assert cli('backup', dest) == 0
    second = tmp_path / 'two.jsonl'
    second.write_text(notice_line(2), encoding='utf-8')
    assert cli('import', second) == 0            # written after the backup: only in the database
    assert cli('restore', dest) == 0
    assert cli('restore', dest) == 0
    kept = sorted(p for p in os.listdir(tmp_var) if '.before-restore-' in p)
    assert len(kept) == 2 and kept[0] in capsys.readouterr().out
    # The first one kept holds what was written after the backup; the second, the restored one.
    first_kept, second_kept = (ZODB.FileStorage.FileStorage(str(tmp_var / k), read_only=True) for k in kept)
    try:
        assert first_kept.lastTransaction() > second_kept.lastTransaction()
    finally:
        first_kept.close()
        second_kept.close()
