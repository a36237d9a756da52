"""the recycle bin, redirects and edit presence"""
from camra.content.presence import Presence
from camra.content.redirects import Redirects
from camra.content.trash import Trash

REINDEX = False      # none of these is searched


def evolve(site):
    for name, cls in (('trash', Trash), ('redirects', Redirects), ('presence', Presence)):
        if getattr(site, name, None) is None:
            setattr(site, name, cls())
