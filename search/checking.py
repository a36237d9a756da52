"""Whether an index on disk is whole: fingerprints written by us, and checks.

Whoosh never changes a segment file once written; a commit writes new
segments and a new table of contents (TOC). After every commit the index
notes each referenced file's size and CRC-32 (``fingerprints``), only
reading the files it has not noted yet. ``problems`` then finds what Whoosh
itself would not: a truncated file (reads fail, every search a 500), zeroed
blocks inside one (searches answer, wrongly) or a deleted index.
"""
import os
import zlib

from whoosh.index import TOC

INDEX_NAME = 'MAIN'     # Whoosh's default index name
_CHUNK = 1 << 22


def referenced_files(storage):
    """``(generation, [file names])`` of the index's latest TOC: the TOC
    itself and every file of every segment it lists (a compound segment's
    file even when it is missing). Raises on a TOC that cannot be read."""
    toc = TOC.read(storage, INDEX_NAME)
    names = {TOC._filename(INDEX_NAME, toc.generation)}
    for segment in toc.segments:
        names.update(segment.list_files(storage))
        if segment.is_compound():
            names.add(segment.make_filename('.seg'))
    return toc.generation, sorted(names)


def fingerprints(storage, path, known=None):
    """``{'generation': n, 'files': {name: [size, crc32]}}`` of the files the
    index in ``path`` references now. Files in ``known`` (an earlier result)
    with the same size are not read again: segment files never change."""
    generation, names = referenced_files(storage)
    known_files = (known or {}).get('files') or {}
    files = {}
    for name in names:
        try:
            size = os.path.getsize(os.path.join(path, name))
        except FileNotFoundError:
            continue        # removed by a later commit of another writer
        noted = known_files.get(name)
        files[name] = noted if noted and noted[0] == size else [size, _crc(os.path.join(path, name))]
    return {'generation': generation, 'files': files}


def problems(storage, path, noted, full=True):
    """What is wrong with the index in ``path`` (an empty list: nothing).

    ``noted`` is its last ``fingerprints`` (None: none were taken, so only
    what can be read is checked). Checks: the TOC reads; every file it
    references exists; noted files keep their size, and with ``full`` their
    CRC-32; every segment opens and its stored fields, terms and postings
    read (a known query: the first document is found by its path).
    """
    if not os.path.isdir(path):
        return ['索引文件夹不存在']
    try:
        _, names = referenced_files(storage)
    except Exception as exc:     # any unreadable TOC: EOF, unpickling, missing
        return [f'目录文件无法读取（{type(exc).__name__}: {exc}）']
    found = []
    noted_files = (noted or {}).get('files') or {}
    segments = {name.split('.', 1)[0] for name in names if not name.endswith('.toc')}
    # A file of a current segment noted at commit must be there, listed or not.
    names = sorted(set(names) | {n for n in noted_files if n.split('.', 1)[0] in segments})
    for name in names:
        file_path = os.path.join(path, name)
        if not os.path.exists(file_path):
            found.append(f'{name} 缺失')
            continue
        expected = noted_files.get(name)
        if expected is None:
            continue        # committed by another writer after the fingerprints
        size = os.path.getsize(file_path)
        if size != expected[0]:
            found.append(f'{name} 大小为 {size}，应为 {expected[0]}')
        elif full and _crc(file_path) != expected[1]:
            found.append(f'{name} 内容已损坏（校验和不符）')
    return found or _read_problems(storage)


def _read_problems(storage):
    """Open every segment and read from it (see ``problems``)."""
    from whoosh import index as whoosh_index
    try:
        ix = whoosh_index.FileIndex(storage, indexname=INDEX_NAME)
        with ix.searcher() as searcher:
            for reader, _ in searcher.reader().leaf_readers():
                if not reader.doc_count_all():
                    continue
                first = next(iter(reader.all_doc_ids()), None)
                if first is None:
                    continue
                stored = reader.stored_fields(first)
                path = stored.get('path')
                if path is not None and first not in set(reader.postings('path', path).all_ids()):
                    return [f'段 {reader.segment().segment_id()} 的索引与所存内容不符']
                for _ in zip(range(100), reader.all_terms()):
                    pass
    except Exception as exc:
        return [f'索引无法读取（{type(exc).__name__}: {exc}）']
    return []


def _crc(file_path):
    crc = 0
    with open(file_path, 'rb') as f:
        while chunk := f.read(_CHUNK):
            crc = zlib.crc32(chunk, crc)
    return crc
