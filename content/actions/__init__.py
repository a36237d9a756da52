"""Every write to the site, one action a module: the road each change takes.

An action is made with the site, the actor (a ``User``, or ``SYSTEM`` for
the command line and the demo) and what to do; ``check()`` raises
``ActionError`` (a Chinese message and the HTTP status it calls for) when
the actor's role or the content does not allow it, and ``execute()``
checks, writes (revisions included), records the act in the audit log and
tells the subscribers of ``camra.content.events`` (e-mail hooks in there).
Views parse a form, call an action and redirect; the command line, the
importers and the demo builder call the same actions. Nothing is committed
here: the caller's transaction does that.

    view / CLI --> Action(site, actor, ...).execute()
                     check()  role (``role``) and content rules
                     run()    the write: item, revision, workflow
                     audit    site.audit.record(actor, verb, path, detail)
                     events   events.notify(action)
"""
from .accounts import AddUser, ChangeUser, SetMailPreferences, SignIn, SignOut
from .base import SYSTEM, Action, ActionError
from .create import Create
from .imports import ImportRecords
from .places import Delete, EmptyTrash, Rename, Restore
from .release import CutRelease
from .save import Revert, Save
from .settings import SetSynonyms
from .transition import Transition

__all__ = ['SYSTEM', 'Action', 'ActionError', 'AddUser', 'ChangeUser', 'Create', 'CutRelease', 'Delete',
           'EmptyTrash', 'ImportRecords', 'Rename', 'Restore', 'Revert', 'Save', 'SetMailPreferences', 'SetSynonyms', 'SignIn',
           'SignOut', 'Transition']
