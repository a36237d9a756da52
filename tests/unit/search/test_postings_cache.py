"""The postings kept as arrays: an index that commits often does not make
the cache grow without end."""
import numpy as np

from camra.search import results
from camra.search.index import SearchIndex
from camra.search.postings import ENTRY_BYTES, ArrayCache


def test_an_index_grown_by_many_commits_keeps_only_its_live_segments_entries(tmp_path):
    index = SearchIndex(str(tmp_path / 'index'))
    counts = []
    for n in range(60):         # one publication at a time, searched after each
        with index.batch(bytes(8)) as batch:
            batch.add({'path': f'/notices/n{n}', 'name': f'n{n}', 'type': 'notice',
                       'title': f'负载测试第{n}份通知', 'text': '会员单位请知悉。'})
        for q in ('负载测试', '会费标准', f'负载测试第{n}份通知'):
            assert results.search(index, q).total >= (1 if q != '会费标准' else 0)
        counts.append(len(index.cache._items))
    # Entries follow the live segments (Whoosh merges them now and then),
    # not the 60 commits' worth of segments searched once.
    assert max(counts[30:]) <= 2 * max(counts[:10]), counts
    assert results.search(index, '负载测试第59份通知').hits[0].name == 'n59'
    index.close()


def test_empty_postings_are_not_free():
    cache = ArrayCache(limit=100 * ENTRY_BYTES)
    empty = (np.zeros(0, np.int32), np.zeros(0, np.float32))
    for n in range(1000):
        cache.get(('seg', 'title', f'词{n}'), lambda: empty)
    assert len(cache._items) <= 100 and cache.nbytes <= 100 * ENTRY_BYTES
