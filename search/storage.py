"""Index files read in place through a memory map, never copied whole.

Whoosh's own memory-mapped storage wraps each file of a segment in a
``BytesIO``, which copies the file: opening a reader copied the whole index
(about a second per GB, at every cold start and every reopen). Here a
segment file is one read-only map, its parts are views of it, and reads copy
only the bytes they read.
"""
import mmap
import os

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile


class MappedStorage(FileStorage):
    """A Whoosh ``FileStorage`` whose files open as ``MappedFile``."""

    def __init__(self, path):
        # Whoosh's own mapping (the BytesIO copy) stays off: compound segment
        # files then open their parts through ``MappedFile.subset``.
        super().__init__(path, supports_mmap=False)

    def open_file(self, name, **kwargs):
        with open(self._fpath(name), 'rb') as f:
            if os.fstat(f.fileno()).st_size == 0:     # an empty file cannot be mapped
                return super().open_file(name, **kwargs)
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return MappedFile(memoryview(mapped), name=name)


class MappedFile(BufferFile):
    """A Whoosh structured file over a memoryview, read without copying it."""

    def __init__(self, buf, name=None, onclose=None):
        # BufferFile's own __init__ would copy ``buf`` into a BytesIO.
        self._buf = buf
        self._name = name
        self.file = _Reader(buf)
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    def subset(self, position, length, name=None):
        return MappedFile(self._buf[position:position + length], name=name or self._name)


class _Reader:
    """The read, seek and tell of a binary file, over a memoryview."""

    def __init__(self, buf):
        self._buf = buf
        self._pos = 0

    def read(self, size=-1):
        start = self._pos
        end = len(self._buf) if size is None or size < 0 else min(start + size, len(self._buf))
        self._pos = max(start, end)
        return self._buf[start:end].tobytes()

    def readline(self, size=-1):
        # pickle.load asks for lines only for old text opcodes: rare and short.
        start = self._pos
        end = len(self._buf) if size is None or size < 0 else min(start + size, len(self._buf))
        for chunk in range(start, end, 256):
            newline = self._buf[chunk:min(chunk + 256, end)].tobytes().find(b'\n')
            if newline >= 0:
                return self.read(chunk + newline + 1 - start)
        return self.read(end - start)

    def seek(self, offset, whence=os.SEEK_SET):
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._pos, os.SEEK_END: len(self._buf)}[whence]
        self._pos = base + offset
        return self._pos

    def tell(self):
        return self._pos

    def close(self):
        pass
