"""the site keeps a worklist (the reviewers' queue and each editor's drafts) and holds the files of forms shown again"""
from camra.content.held import HeldFiles
from camra.content.worklist import rebuild

REINDEX = False      # nothing search sees


def evolve(site):
    site.worklist = rebuild(site)
    site.held = HeldFiles()
