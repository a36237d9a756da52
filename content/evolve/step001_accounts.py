"""users and the audit log"""
from camra.content.audit import AuditLog
from camra.content.principals import Principals

REINDEX = False      # users and the audit log are not searched


def evolve(site):
    if getattr(site, 'principals', None) is None:
        site.principals = Principals()
    if getattr(site, 'audit', None) is None:
        site.audit = AuditLog()
