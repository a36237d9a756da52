"""The camra command: help, serve (demo on first start), import into an empty site."""
import json
import subprocess
import sys
import urllib.request


def test_help_lists_each_command_with_one_line(capsys, cli):
    try:
        cli('--help')
    except SystemExit as done:
        assert done.code == 0
    out = capsys.readouterr().out
    for command in ('serve', 'import', 'export', 'evolve'):
        assert any(line.strip().startswith(command + ' ') for line in out.splitlines()), command


def test_serve_starts_demo_site_on_camra_port(server):
    with urllib.request.urlopen(server + '/') as response:
        page = response.read().decode('utf-8')
    assert '关于开展2023年汽车维修质量服务月活动的通知' in page
    request = urllib.request.Request(server + '/handbook/', headers={'Accept': 'application/json'})
    with urllib.request.urlopen(request) as response:
        assert json.load(response)['items'][1]['number'] == '1'


def test_import_on_a_new_folder_makes_a_clean_site_without_demo(cli, seeds, app_factory, tmp_var, capsys):
    assert cli('import', seeds('004')) == 0
    assert '新增 1' in capsys.readouterr().out
    from webtest import TestApp
    testapp = TestApp(app_factory(demo='true'))  # demo applies only to a new database
    data = testapp.get('/news/', headers={'Accept': 'application/json'}).json
    assert [i['title'] for i in data['items']] == ['宁波市二手车流通协会2021年度工作总结和2022年度工作思路（审议稿）']
    assert testapp.get('/notices/', headers={'Accept': 'application/json'}).json['total'] == 0


def test_export_import_export_through_the_command(cli, seeds, tmp_path, monkeypatch, capsys):
    assert cli('import', seeds('000'), seeds('004')) == 0
    first, second = tmp_path / 'a.jsonl', tmp_path / 'b.jsonl'
    assert cli('export', first) == 0
    monkeypatch.setenv('CAMRA_VAR', str(tmp_path / 'empty'))
    assert cli('import', first) == 0
    assert cli('export', second) == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_text(encoding='utf-8').splitlines()) == 140


def test_failed_import_says_why_and_writes_nothing(cli, tmp_path, capsys):
    bad = tmp_path / 'bad.jsonl'
    bad.write_text('{"type": "page", "id": "p", "title": "好"}\n{"type": "notice", "title": "坏"}\n',
                   encoding='utf-8')
    assert cli('import', bad) == 1
    err = capsys.readouterr().err
    assert '未导入任何内容' in err and '第 2 行' in err and '请填写文号' in err
    assert cli('export', tmp_path / 'out.jsonl') == 0
    assert (tmp_path / 'out.jsonl').read_text() == ''


def test_busy_database_gives_a_clear_message(server, tmp_path):
    done = subprocess.run([sys.executable, '-m', 'camra.site.cli', 'export', str(tmp_path / 'x.jsonl')],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert '正被另一个进程使用' in done.stderr and 'Traceback' not in done.stderr


def test_import_checks_files_as_uploads_are_checked(cli, tmp_path, capsys, app_factory):
    """HTML or SVG called .pdf, and ``../`` in a name, are refused or made safe, as on the form."""
    import base64
    import json

    def notice(n, filename, data):
        return json.dumps({'type': 'notice', 'id': f'2024-{n}', 'title': f'通知{n}', 'number': f'中汽修协字〔2024〕{n}号',
                           'date': '2024-01-02', 'attachments': [
                               {'filename': filename, 'data': base64.b64encode(data).decode()}]}, ensure_ascii=False)
    bad = tmp_path / 'bad.jsonl'
    bad.write_text(notice(1, '报名表.pdf', b'<html><script>alert(1)</script></html>') + '\n'
                   + notice(2, '图.svg', b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>') + '\n',
                   encoding='utf-8')
    assert cli('import', bad) == 1
    err = capsys.readouterr().err
    assert '第 1 行' in err and '报名表.pdf' in err and '第 2 行' in err and '图.svg' in err
    good = tmp_path / 'good.jsonl'
    good.write_text(notice(3, '../../etc/附件.pdf', b'%PDF-1.4\n%%EOF\n') + '\n', encoding='utf-8')
    assert cli('import', good) == 0
    from webtest import TestApp
    data = TestApp(app_factory()).get('/notices/2024-3', headers={'Accept': 'application/json'}).json
    assert data['attachments'][0]['filename'] == '附件.pdf'
    assert data['attachments'][0]['content_type'] == 'application/pdf'


def test_deeply_nested_json_is_refused_with_its_line_not_a_traceback(cli, tmp_path, capsys):
    deep = tmp_path / 'deep.jsonl'
    deep.write_text('{"type": "page", "id": "p", "title": "好"}\n' + '[' * 100000 + ']' * 100000 + '\n',
                    encoding='utf-8')
    assert cli('import', deep) == 1
    err = capsys.readouterr().err
    assert '第 2 行' in err and '嵌套过深' in err and 'Traceback' not in err
