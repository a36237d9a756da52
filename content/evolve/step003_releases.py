"""handbook releases"""
from BTrees.OOBTree import OOBTree

REINDEX = False      # an empty set of releases: search sees the sections as before


def evolve(site):
    handbook = site.get('handbook')
    if handbook is not None and getattr(handbook, 'releases', None) is None:
        handbook.releases = OOBTree()
