"""The search index in PostgreSQL: one writer among processes, a killed
writer leaves nothing behind, each process's arrays follow other processes'
writes, phrases as tsquery, and clear messages for wrong settings."""
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

from camra.search.index import IndexBusy
from camra.search.pg_batch import MAX_CHUNKS
from camra.search.pg_index import PgSearchIndex
from camra.search.pg_text import phrase_query
from camra.search.results import search

from ...conftest import new_search_database

T1, T2 = b'\0' * 7 + b'\1', b'\0' * 7 + b'\2'


def doc(name, title, text=''):
    return {'path': f'/news/{name}', 'name': name, 'type': 'news', 'title': title, 'text': text,
            'date': '2024-01-02', 'year': '2024'}


@pytest.fixture
def dsn(postgres_server):
    return new_search_database(postgres_server)


@pytest.fixture
def indexes(dsn):
    """``make()``: another process's view of the same index (its own pool,
    arrays and lock connection)."""
    made = []

    def make():
        made.append(PgSearchIndex(dsn))
        return made[-1]
    yield make
    for index in made:
        index.close()


def titles(index, q):
    return [hit.title for hit in search(index, q, page_size=50).hits]


def test_one_writer_at_a_time_among_processes(indexes):
    first, second = indexes(), indexes()
    with first.batch(T1) as batch:
        batch.add(doc('a', '第一篇资讯'))
    with first.updating():
        started = time.monotonic()
        with pytest.raises(IndexBusy):
            with second.batch(T2, timeout=0.3):
                pass
        assert time.monotonic() - started >= 0.3
    with second.batch(T2, timeout=0.3) as batch:
        batch.add(doc('b', '第二篇资讯'))
    assert first.tid == second.tid == T2
    assert sorted(titles(first, '资讯')) == ['第一篇资讯', '第二篇资讯']


KILLED_WRITER = '''
import sys, time
from camra.search.pg_index import PgSearchIndex
index = PgSearchIndex(sys.argv[1])
with index.batch(b'\\0' * 7 + b'\\2') as batch:
    batch.delete('/news/a')
    for i in range(3000):
        batch.add({'path': f'/news/k{i}', 'title': f'写到一半{i}', 'text': '被杀的写入进程', 'type': 'news'})
    batch._flush()
    print('written', flush=True)
    time.sleep(60)
'''


def test_a_writer_killed_mid_batch_leaves_nothing_and_lets_go_of_the_lock(dsn, indexes):
    index = indexes()
    with index.batch(T1) as batch:
        batch.add(doc('a', '被杀之前的资讯'))
    writer = subprocess.Popen([sys.executable, '-c', KILLED_WRITER, dsn], stdout=subprocess.PIPE)
    try:
        assert writer.stdout.readline().strip() == b'written'
        with pytest.raises(IndexBusy):          # it holds the lock while it writes
            with index.updating(timeout=0.2):
                pass
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    assert index.tid == T1 and titles(index, '资讯') == ['被杀之前的资讯'] and not titles(index, '写到一半')
    with index.batch(T2, timeout=5) as batch:   # the lock went with the process
        batch.add(doc('b', '之后的资讯'))
    assert sorted(titles(index, '资讯')) == ['之后的资讯', '被杀之前的资讯']


def test_each_process_brings_its_arrays_up_to_date_with_anothers_writes(indexes):
    reader, writer = indexes(), indexes()
    with writer.batch(T1, clear=True) as batch:
        for i in range(30):
            batch.add(doc(f'n{i}', f'会员服务通知{i}', '会员服务 汽车维修' * (1 + i % 3)))
    assert len(titles(reader, '会员服务')) == 30        # read whole, postings kept
    for round_ in range(12):                            # more batches than a term keeps chunks
        with writer.batch(T2) as batch:
            batch.delete(f'/news/n{round_}')
            batch.add(doc(f'n{round_}', f'会员服务修订{round_}', '会员服务'))
            batch.add(doc(f'new{round_}', f'新增会员服务{round_}', '汽车维修'))
    kept, fresh = titles(reader, '会员服务'), titles(indexes(), '会员服务')
    assert kept == fresh and len(kept) == 42 and '会员服务通知0' not in kept
    with reader.searcher() as s:
        view = reader.view(s)
        with indexes().searcher() as other:
            new = other.view()
            live = new.live
            assert np.array_equal(view.live, live)
            assert np.array_equal(view.date[live], new.date[live])
            assert np.array_equal(view.lengths['body'][live], new.lengths['body'][live])
    with writer.connection() as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM camra_search_postings WHERE field = 'body' AND term = '会员'")
        assert cur.fetchone()[0] <= MAX_CHUNKS + 1


def test_a_rebuild_replaces_everything_and_readers_start_over(indexes):
    reader, writer = indexes(), indexes()
    with writer.batch(T1) as batch:
        batch.add(doc('old', '旧的资讯'))
    assert titles(reader, '资讯') == ['旧的资讯']
    with writer.batch(T2, clear=True) as batch:
        batch.add(doc('new', '新的资讯'))
        batch._flush()          # the old rows deleted, the new written: not committed yet
        seen = []
        searching = threading.Thread(target=lambda: seen.append(titles(reader, '资讯')), daemon=True)
        searching.start()
        searching.join(timeout=10)
        assert seen == [['旧的资讯']], 'a search during a rebuild must see the old index at once'
    assert titles(reader, '资讯') == ['新的资讯']
    writer.reset()
    assert writer.tid is None and titles(reader, '资讯') == []


@pytest.mark.parametrize('phrase, query', [
    ('测试2号', "'测试' <2> '2' <-> '号':*"),
    ('T/CAMRA 002-2016', "'t' <-> 'camra' <-> '002' <-> '2016'"),
    ('会员服务部', "'会员' <-> '员服' <-> '服务' <-> '务部'"),
    ('车', "'车':*"),
    ("it's", "'it' <-> 's'"),
    ('！？', None),
])
def test_a_quoted_phrase_as_tsquery(phrase, query):
    assert phrase_query(phrase) == query


def test_wrong_settings_are_clear_messages(cli, monkeypatch, capsys):
    monkeypatch.setenv('CAMRA_SEARCH_BACKEND', 'elastic')
    assert cli('reindex') == 1
    assert 'search.backend 应为 whoosh 或 postgres' in capsys.readouterr().err
    monkeypatch.setenv('CAMRA_SEARCH_BACKEND', 'postgres')     # content in a FileStorage: no database named
    assert cli('reindex') == 1
    assert '请用 search.postgres 设定 PostgreSQL 数据库' in capsys.readouterr().err


def test_an_unreachable_database_is_a_clear_message(cli, monkeypatch, capsys, ports):
    monkeypatch.setenv('CAMRA_SEARCH_BACKEND', 'postgres')
    monkeypatch.setenv('CAMRA_SEARCH_POSTGRES', f'host=127.0.0.1 port={ports()} dbname=x user=x connect_timeout=2')
    assert cli('search', '会员') == 1
    err = capsys.readouterr().err
    assert '无法读取搜索索引' in err and 'Traceback' not in err

