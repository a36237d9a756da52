"""folders note which add form made each item (a form sent twice makes one)"""
from BTrees.OOBTree import OOBTree

from camra.content.folder import Folder

REINDEX = False      # the forms' tokens are not searched


def evolve(site):
    folders = [site]
    while folders:
        folder = folders.pop()
        if not hasattr(folder, '_forms'):
            folder._forms = OOBTree()
        folders.extend(child for child in folder.values() if isinstance(child, Folder))
