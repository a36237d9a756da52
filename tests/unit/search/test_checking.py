"""Finding a damaged index: fingerprints noted at commit, then checks."""
import os

import pytest

from camra.search import results
from camra.search.index import IndexUnreadable, SearchIndex


def document(number):
    return {'path': f'/news/n{number}', 'name': f'n{number}', 'type': 'news',
            'title': f'第{number}号检测通知', 'text': '汽车维修行业检测服务。' * 50}


@pytest.fixture
def index(tmp_path):
    index = SearchIndex(str(tmp_path / 'index'))
    for start in (0, 20):       # two commits: two segments, fingerprints noted twice
        with index.batch(bytes(8)) as batch:
            for number in range(start, start + 20):
                batch.add(document(number))
    yield index
    index.close()


def segment_file(index):
    """The biggest file of a segment (not the table of contents)."""
    names = [n for n in os.listdir(index.path) if n.endswith('.seg')]
    return max((os.path.join(index.path, n) for n in names), key=os.path.getsize)


def test_a_sound_index_has_no_problems_quick_or_full(index):
    assert index.problems(full=False) == []
    assert index.problems(full=True) == []
    assert results.search(index, '检测通知').total == 40


def test_a_truncated_segment_is_found_by_its_size_and_reading_it_fails_as_unreadable(index):
    path = segment_file(index)
    with open(path, 'r+b') as f:
        f.truncate(os.path.getsize(path) // 2)
    assert any('大小为' in p for p in index.problems(full=False))
    fresh = SearchIndex(index.path)         # a process started after the damage
    with pytest.raises(IndexUnreadable):
        results.search(fresh, '检测通知')


def test_zeroed_blocks_keep_the_size_and_only_the_checksum_finds_them(index):
    path = segment_file(index)
    with open(path, 'r+b') as f:
        f.seek(os.path.getsize(path) // 3)
        f.write(bytes(4096))
    assert any('校验和' in p for p in index.problems(full=True))


def test_a_missing_file_a_damaged_table_of_contents_or_no_folder_are_problems(index, tmp_path):
    os.remove(segment_file(index))
    assert any('缺失' in p for p in index.problems(full=False))
    toc = [n for n in os.listdir(index.path) if n.endswith('.toc')][0]
    with open(os.path.join(index.path, toc), 'r+b') as f:
        f.truncate(10)
    assert any('目录文件' in p for p in index.problems(full=False))
    os.rename(index.path, str(tmp_path / 'elsewhere'))
    assert index.problems(full=False) == ['索引文件夹不存在']


def test_reset_starts_an_empty_index_that_every_thread_then_reads(index):
    with open(segment_file(index), 'r+b') as f:
        f.truncate(100)
    index.reset()
    assert index.tid is None and index.problems() == []
    assert results.search(index, '检测通知').total == 0
    with index.batch(bytes(8)) as batch:
        batch.add(document(1))
    assert results.search(index, '第1号检测通知').total == 1
