"""Index files are read in place: opening an index does not copy it."""
import io
import os
import random
import tracemalloc

from camra.search.index import SearchIndex
from camra.search.results import search
from camra.search.storage import MappedFile


def test_a_mapped_file_reads_like_a_file():
    data = b'first line\nsecond\n' + bytes(range(256)) * 4 + b'no newline at the end'
    mapped, plain = MappedFile(memoryview(data)).file, io.BytesIO(data)
    for op in ['readline', ('read', 5), 'readline', ('seek', 100), ('read', 50), 'tell',
               ('seek', -10, os.SEEK_END), 'readline', ('read', 99), ('seek', 3), ('read', -1)]:
        op = (op,) if isinstance(op, str) else op
        assert getattr(mapped, op[0])(*op[1:]) == getattr(plain, op[0])(*op[1:]), op


def test_a_part_of_a_mapped_file_is_a_view_not_a_copy():
    whole = MappedFile(memoryview(b'0123456789'))
    part = whole.subset(2, 5)
    assert part.read(3) == b'234' and part.get(1, 2) == b'34'
    assert part._buf.obj is whole._buf.obj


def test_opening_an_index_copies_none_of_it(tmp_path):
    index = SearchIndex(str(tmp_path / 'index'))
    rng = random.Random(1)
    with index.batch(tid=None) as batch:
        for i in range(300):
            text = ''.join(chr(0x4e00 + rng.randrange(3000)) for _ in range(600))
            batch.add({'path': f'/news/n{i}', 'name': f'n{i}', 'type': 'news',
                       'title': f'资讯{i}', 'text': text})
    size = sum(f.stat().st_size for f in (tmp_path / 'index').iterdir())
    assert size > 2_000_000
    fresh = SearchIndex(str(tmp_path / 'index'))
    tracemalloc.start()
    try:
        assert search(fresh, '资讯7').total >= 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        fresh.close()
    assert peak < size / 4, (peak, size)
