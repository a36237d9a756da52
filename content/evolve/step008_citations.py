"""notices index the document numbers they revoke or amend"""
REINDEX = False      # nothing search sees


def evolve(site):
    notices = site['notices']
    for notice in notices.values():
        notices.reindex(notice)
