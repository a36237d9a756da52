"""date indexes of folders"""
from camra.content.dateindex import DateIndex
from camra.content.folder import Folder

REINDEX = False      # the date index is not searched


def evolve(site):
    folders = [site]
    while folders:
        folder = folders.pop()
        if isinstance(folder, Folder):
            folder.dates = DateIndex()
            for child in folder.values():
                folder.reindex(child)
                folders.append(child)
