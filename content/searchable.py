"""What search sees of the site: the documents at and under a path."""
import zlib

from .folder import Folder
from .root import APP_ROOT


def find(site, path):
    """The object at site ``path`` (``/notices/2022-35``), or None; found
    as a URL finds it (a handbook release's sections too)."""
    obj = site
    for name in filter(None, path.split('/')):
        if not hasattr(obj, '__getitem__'):
            return None
        try:
            obj = obj[name]
        except KeyError:
            return None
    return obj


def documents(connection, path='/'):
    """The search documents of the object at ``path`` in ``connection``'s
    site and of everything under it, skipping what must not be found.

    They come in a fixed order unrelated to type, place or date (a hash of
    the path), so that the first part of an index built from them is a fair
    sample of the whole: searches that stop early estimate counts from it.
    """
    site = connection.root().get(APP_ROOT)
    obj = find(site, path) if site is not None else None
    if obj is None:
        return
    # Item paths first: walking folders leaves the items themselves unloaded.
    paths = sorted(_item_paths(obj, path.rstrip('/')), key=lambda p: zlib.crc32(p.encode()))
    for done, item_path in enumerate(paths, 1):
        document = find(site, item_path).search_document()
        if document is not None:
            yield document
        if done % 1000 == 0:
            connection.cacheGC()    # keep memory flat on a big site


def count(folder):
    """How many items (not folders) are under ``folder``; cheap: a folder of
    one item type is counted by its length, without loading its items."""
    if getattr(folder, 'item_type', None) is not None:
        return len(folder)
    return sum(count(child) if isinstance(child, Folder) else 1 for child in folder.values())


def _item_paths(obj, path):
    if not isinstance(obj, Folder):
        yield path
        return
    for name, child in obj.items():
        yield from _item_paths(child, f'{path}/{name}')
    release_paths = getattr(obj, 'release_paths', None)
    if release_paths is not None:
        yield from release_paths(path)
