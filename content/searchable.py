"""What search sees of the site: the documents at and under a path."""
from .folder import Folder
from .root import APP_ROOT


def find(site, path):
    """The object at site ``path`` (``/notices/2022-35``), or None."""
    obj = site
    for name in filter(None, path.split('/')):
        if not isinstance(obj, Folder):
            return None
        obj = obj.get(name)
        if obj is None:
            return None
    return obj


def documents(connection, path='/'):
    """The search documents of the object at ``path`` in ``connection``'s
    site and of everything under it, skipping what must not be found."""
    site = connection.root().get(APP_ROOT)
    obj = find(site, path) if site is not None else None
    if obj is not None:
        yield from _walk(obj)


def count(folder):
    """How many items (not folders) are under ``folder``; cheap: a folder of
    one item type is counted by its length, without loading its items."""
    if getattr(folder, 'item_type', None) is not None:
        return len(folder)
    return sum(count(child) if isinstance(child, Folder) else 1 for child in folder.values())


def _walk(obj):
    if isinstance(obj, Folder):
        for child in obj.values():
            yield from _walk(child)
        return
    document = obj.search_document()
    if document is not None:
        yield document
