"""The site on RelStorage over a real PostgreSQL server (history-preserving,
blobs in the database): two app processes see and find each other's
writes, a stale edit is refused, attachments reach a process with its own
blob cache, packing keeps current data, and a history-free database is
refused with a clear message."""
import json

import pytest
from webtest import TestApp

from camra.content.database import StorageError, open_database

from .conftest import add_users, sign_in, wait_until
from .test_backup import notice_line

JSON = {'Accept': 'application/json'}

pytestmark = pytest.mark.slow


@pytest.fixture
def process(postgres_database, app_factory, tmp_path, monkeypatch):
    """``process(name, **settings)``: an app as one process of several would
    run it: its own data folder (search index) and blob cache."""
    monkeypatch.delenv('CAMRA_VAR')

    def make(name, **settings):
        return app_factory(var=str(tmp_path / name), **{'zodbconn.uri': postgres_database.uri(f'{name}-blobs')},
                           **settings)
    return make


def _first_found(testapp, words):
    items = testapp.get('/search', {'q': words}, headers=JSON).json['results']
    return items[0]['title'] if items else None


@pytest.mark.parametrize('backend', ['whoosh', 'postgres'])
def test_two_processes_see_and_find_each_others_publications(process, backend):
    # postgres: one search index, in the content's own database, for both.
    first = process('one', demo='true', **{'search.backend': backend})
    second = process('two', **{'search.backend': backend})
    add_users(first)
    one, two = TestApp(first), TestApp(second)
    for testapp in (one, two):
        sign_in(testapp, 'rev')
    assert two.get('/notices/', headers=JSON).json['total'] == 2     # the first made the demo site
    assert '进程发布的行业资讯' not in TestApp(second).get('/news/').text   # kept in its page cache

    for testapp, name in ((one, '甲'), (two, '乙')):
        form = testapp.get('/news/@@add?type=news').forms['edit']
        form['title'] = f'{name}进程发布的行业资讯'
        form['date'] = '2032-03-01'
        form['body'] = f'由{name}进程写入。'
        page = form.submit(status=303).follow()
        page.forms['transitions'].submit('name', value='publish', status=303)

    for testapp in (one, two):
        for title in ('甲进程发布的行业资讯', '乙进程发布的行业资讯'):
            wait_until(lambda: _first_found(testapp, title) == title, timeout=30,
                       what='a process did not find what the other published')
        titles = [i['title'] for i in testapp.get('/news/', headers=JSON).json['items']]
        assert {'甲进程发布的行业资讯', '乙进程发布的行业资讯'} <= set(titles)
    page = TestApp(second).get('/news/').text       # the cached page followed the other's write
    assert '甲进程发布的行业资讯' in page and '乙进程发布的行业资讯' in page
    if backend == 'postgres':       # indexed once, whichever process wrote it
        with first.registry.search_index.connection() as conn, conn.cursor() as cur:
            cur.execute("SELECT count(*) FROM camra_search_docs WHERE stored->>'title' LIKE '_进程发布的行业资讯'")
            assert cur.fetchone()[0] == 2


def test_a_stale_edit_is_refused_across_processes(process):
    first, second = process('one', demo='true'), process('two')
    add_users(first)
    one, two = TestApp(first), TestApp(second)
    for testapp in (one, two):
        sign_in(testapp, 'ed')
    stale = two.get('/notices/2022-35/@@edit').forms['edit']        # opened before the other saves
    fresh = one.get('/notices/2022-35/@@edit').forms['edit']
    fresh['body'] = '甲改的正文'
    fresh.submit(status=303)
    stale['body'] = '乙改的正文'
    page = stale.submit(status=409)
    assert '保存冲突' in page.text and '甲改的正文' in page.text and '乙改的正文' in page.text


def test_an_attachment_reaches_a_process_with_its_own_blob_cache(postgres_database, app_factory, cli,
                                                                 monkeypatch, tmp_path):
    pdf = b'%PDF-1.4\n% test\n' + '会员服务手册'.encode() * 5000
    source = tmp_path / 'one.jsonl'
    source.write_text(notice_line(1, pdf), encoding='utf-8')
    monkeypatch.setenv('CAMRA_ZODBCONN_URI', postgres_database.uri('cache-cli'))
    assert cli('import', source) == 0
    monkeypatch.delenv('CAMRA_ZODBCONN_URI')
    testapp = TestApp(app_factory(**{'zodbconn.uri': postgres_database.uri('cache-app')}))
    download = testapp.get('/notices/2026-1/@@download/attachments/0')
    assert download.body == pdf
    # The app's blob cache is its own folder: the blob came from the database.
    assert list((tmp_path / 'cache-app').rglob('*.blob'))


def test_pack_keeps_current_data_and_drops_old_revisions(postgres_database, app_factory, cli, monkeypatch,
                                                         tmp_path):
    import psycopg2
    monkeypatch.setenv('CAMRA_ZODBCONN_URI', postgres_database.uri('cache-cli'))
    for n in range(5):
        source = tmp_path / f'{n}.jsonl'
        source.write_text(json.dumps({'type': 'notice', 'id': '2026-1', 'title': '第1号通知',
                                      'number': '中汽修协字〔2026〕1号', 'date': '2026-11-01',
                                      'body': '正文' + '修改' * 2000 * n}, ensure_ascii=False) + '\n')
        assert cli('import', source) == 0

    def revisions():
        with psycopg2.connect(postgres_database.server.dsn(postgres_database.name)) as conn, \
                conn.cursor() as cursor:
            cursor.execute('SELECT count(*) FROM object_state')
            return cursor.fetchone()[0]
    before = revisions()
    assert cli('pack', '--days', '0') == 0
    assert revisions() < before
    assert '修改' * 8000 in TestApp(app_factory()).get('/notices/2026-1').text


def test_a_history_free_database_is_refused_with_a_clear_message(postgres_database, cli, monkeypatch, capsys,
                                                                 tmp_path):
    with pytest.raises(StorageError, match='keep_history'):
        open_database(postgres_database.uri(keep_history='false'))
    monkeypatch.setenv('CAMRA_ZODBCONN_URI', postgres_database.uri(keep_history='false'))
    assert cli('export', tmp_path / 'out.jsonl') == 1
    assert 'keep_history' in capsys.readouterr().err


def test_an_unreachable_server_is_a_clear_message(postgres_server, cli, monkeypatch, capsys, ports, tmp_path):
    monkeypatch.setenv('CAMRA_ZODBCONN_URI', f'postgres://camra:x@127.0.0.1:{ports()}/camra')
    assert cli('export', tmp_path / 'out.jsonl') == 1
    err = capsys.readouterr().err
    assert '无法连接 PostgreSQL' in err and 'Traceback' not in err


def test_backup_and_restore_with_pg_dump_blobs_included(postgres_database, app_factory, cli, monkeypatch,
                                                        tmp_path, capsys):
    monkeypatch.setenv('CAMRA_ZODBCONN_URI', postgres_database.uri('cache-cli'))
    pdf = b'%PDF-1.4\n' + '附件'.encode() * 3000

    def add(n, attachment=None):
        source = tmp_path / f'{n}.jsonl'
        source.write_text(notice_line(n, attachment), encoding='utf-8')
        assert cli('import', source) == 0

    add(1, pdf)
    backups = tmp_path / 'backups'
    assert cli('backup', backups) == 0
    assert 'PostgreSQL' in capsys.readouterr().out
    add(2)
    # Not while a site process is connected.
    serving = app_factory(**{'zodbconn.uri': postgres_database.uri('cache-app')})
    TestApp(serving).get('/notices/2026-2')
    assert cli('restore', backups) == 1
    assert '请先停止' in capsys.readouterr().err
    from camra.site import close
    close(serving)

    assert cli('restore', backups) == 0
    assert 'before-restore-' in capsys.readouterr().out
    monkeypatch.delenv('CAMRA_ZODBCONN_URI')
    testapp = TestApp(app_factory(var=str(tmp_path / 'fresh-var'),
                                  **{'zodbconn.uri': postgres_database.uri('cache-after')}))
    assert testapp.get('/notices/2026-1/@@download/attachments/0').body == pdf
    testapp.get('/notices/2026-2', status=404)
    # The database the restore replaced was dumped first: nothing is lost.
    kept = [p.name for p in (backups / 'postgres').iterdir() if p.name.startswith('before-restore-')]
    assert len(kept) == 1


def test_restore_without_a_backup_says_so(postgres_database, cli, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv('CAMRA_ZODBCONN_URI', postgres_database.uri())
    assert cli('restore', tmp_path / 'nothing-here') == 1
    err = capsys.readouterr().err
    assert '没有' in err and 'Traceback' not in err
