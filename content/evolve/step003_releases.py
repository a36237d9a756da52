"""handbook releases"""
from BTrees.OOBTree import OOBTree


def evolve(site):
    handbook = site.get('handbook')
    if handbook is not None and getattr(handbook, 'releases', None) is None:
        handbook.releases = OOBTree()
