"""Review and publication: saving drafts and moving items between states.

States: ``private`` (a draft) -> ``pending`` (submitted for review) ->
``published`` -> ``retracted`` -> back to ``private``. An item's stored
fields are what the public sees once it is published; a published item that
is edited again keeps them, and the edit waits as a newer revision
(``has_draft``) until a reviewer publishes it. Each transition names the
permission it needs (``edit`` for editors, ``review`` for reviewers) and is
recorded in the item's history.

    private --submit--> pending --publish--> published --retract--> retracted
       ^                   |                  |   ^                     |
       +------reject-------+                  edit+publish (new revision) |
       +------------------------------redraft---------------------------+

A published item's newer revision goes through review too, while the item
stays published: ``submit_draft`` puts it in the reviewers' queue,
``publish_draft`` publishes it, ``reject_draft`` sends it back. Those two
record the review in the history and change nothing the public sees.
"""
import dataclasses
import datetime

from .clock import now
from .item import PRIVATE, PUBLISHED
from .revisions import Conflict, current_values, history_of

PENDING, RETRACTED = 'pending', 'retracted'
STATE_TITLES = {PRIVATE: '草稿', PENDING: '待审核', PUBLISHED: '已发布', RETRACTED: '已撤回'}


@dataclasses.dataclass(frozen=True)
class Transition:
    name: str
    title: str
    permission: str
    sources: tuple
    target: str
    needs_draft: bool = False   # from ``published``: only when there is a newer revision
    # Only recorded: the item's fields and published revision stay as they are.
    record_only: bool = False


TRANSITIONS = {t.name: t for t in (
    Transition('submit', '提交审核', 'edit', (PRIVATE,), PENDING),
    Transition('publish', '发布', 'review', (PRIVATE, PENDING), PUBLISHED),
    Transition('submit_draft', '提交审核', 'edit', (PUBLISHED,), PUBLISHED, needs_draft=True, record_only=True),
    Transition('publish_draft', '发布新修订', 'review', (PUBLISHED,), PUBLISHED, needs_draft=True),
    Transition('reject', '退回修改', 'review', (PENDING,), PRIVATE),
    Transition('reject_draft', '退回修改', 'review', (PUBLISHED,), PUBLISHED, needs_draft=True, record_only=True),
    Transition('retract', '撤回', 'review', (PUBLISHED,), RETRACTED),
    Transition('redraft', '改为草稿', 'edit', (RETRACTED,), PRIVATE),
)}


class WorkflowError(ValueError):
    """A transition that does not apply to the item as it is (Chinese message)."""


def has_draft(item):
    """True if a published item has a newer revision than the one shown."""
    history = getattr(item, 'history', None)
    live = getattr(item, 'live_revision', None)
    return (item.state == PUBLISHED and history is not None and live is not None
            and history.latest.number != live)


def _history(item):
    history = history_of(item)
    if item.state == PUBLISHED and getattr(item, 'live_revision', None) is None:
        item.live_revision = history.latest.number    # imported published: revision 1 is live
    return history


def draft_submitted(item):
    """The ``submit_draft`` event of a published item's newer revision
    waiting for review, or None (not submitted, published or sent back since)."""
    if not has_draft(item):
        return None
    for event in item.history.events():
        if event.action in ('submit_draft', 'reject_draft', 'publish_draft', 'publish'):
            return event if event.action == 'submit_draft' else None
    return None


def _applies(t, item):
    if item.state not in t.sources or (t.needs_draft and not has_draft(item)):
        return False
    if t.name == 'submit_draft':
        return draft_submitted(item) is None
    if t.name == 'reject_draft':
        return draft_submitted(item) is not None
    return True


def available(item, allowed):
    """The transitions that apply to ``item`` now and whose permission
    ``allowed(permission)`` grants, in a stable order."""
    return [t for t in TRANSITIONS.values() if _applies(t, item) and allowed(t.permission)]


def save(item, values, who, note='', base=None, when=None):
    """Record ``values`` (every field of the item's type) as a new revision.

    ``base`` is the revision number the editor started from (0: the item
    had no revisions yet); when the item has a newer one, ``Conflict`` is
    raised and nothing is written. An item
    that is not published shows its new values at once; a published one
    keeps showing its published revision (see ``has_draft``).
    """
    fresh = getattr(item, 'history', None) is None
    history = _history(item)
    latest = history.latest
    if base == 0 and fresh:
        base = latest.number    # the revision just made of the stored values
    if base is not None and base != latest.number:
        raise Conflict(base, latest, dict(values), history.values(latest.number))
    fields = item.all_fields()      # the state moves by transitions only
    values = {**current_values(item), **{k: v for k, v in values.items() if k in fields}}
    if values == {**dict.fromkeys(fields), **history.values(latest.number)}:
        return latest       # nothing changed: no empty revision
    info = history.add(values, who, note, when=when)
    if item.state != PUBLISHED:
        item.update(**values)
    return info


def _public_events(item):
    """The transitions that published ``item`` or took it down, newest first."""
    history = getattr(item, 'history', None)
    events = history.events() if history is not None else []
    return [e for e in events if PUBLISHED in (e.source, e.target) and not _recorded_only(e)]


def _recorded_only(event):
    t = TRANSITIONS.get(event.action)
    return t is not None and t.record_only


def ever_published(item):
    """Whether the public has ever seen ``item`` (it is or was published)."""
    if item.state in (PUBLISHED, RETRACTED) or getattr(item, 'live_revision', None) is not None:
        return True
    return bool(_public_events(item))


def started_by(item):
    """The login name of who made ``item``'s first revision ('' if unknown: imported)."""
    history = getattr(item, 'history', None)
    first = history.first if history is not None else None
    return first.who if first is not None else ''


def last_published_title(item):
    """The title the public last saw: the published revision's (an expired
    item), or the one of the last revision published before a retraction,
    never that of a draft saved since."""
    if item.state == PUBLISHED:
        return item.title
    # Publishing names the revision it published; retracting, the one it took down.
    public = [e for e in _public_events(item) if e.revision]
    if public:
        return item.history.values(public[0].revision).get('title') or item.title
    return item.title


def transition(item, name, who, note='', when=None):
    """Apply transition ``name`` to ``item`` (permission already checked by
    the caller); raises ``WorkflowError`` when it does not apply now."""
    t = TRANSITIONS.get(name)
    if t is None or not _applies(t, item):
        raise WorkflowError(f'当前状态（{STATE_TITLES.get(item.state, item.state)}）不能执行此操作')
    history = _history(item)
    source = item.state
    latest = history.latest
    if t.record_only:
        history.record_event(who, t.name, source, t.target, note, when=when, revision=latest.number)
        return t
    # Whatever the target, the stored fields become the latest revision's:
    # published, they are what the public sees; otherwise nobody but
    # editors sees them.
    # The event names the revision it concerns: the one published, or the one taken down.
    concerned = latest.number if t.target == PUBLISHED or item.live_revision is None else item.live_revision
    item.update(state=t.target, **history.values(latest.number))
    item.live_revision = latest.number if t.target == PUBLISHED else None
    history.record_event(who, t.name, source, t.target, note, when=when, revision=concerned)
    return t


RETRY_WINDOW = datetime.timedelta(minutes=2)


def just_done(item, name, who, when=None):
    """The transition ``name`` if ``who`` applied it to ``item`` last, within
    ``RETRY_WINDOW``, and the item is still where it put it; else None.

    A client that sends a transition again because it never saw the answer
    (a lost connection, a ZEO server restarted while the commit's outcome was
    on its way) is told it is done, not refused.
    """
    t = TRANSITIONS.get(name)
    history = getattr(item, 'history', None)
    events = history.events() if history is not None else []
    if t is None or not events or item.state != t.target:
        return None
    last = events[0]
    recent = (when or now()) - last.when <= RETRY_WINDOW
    return t if last.action == name and last.who == who and recent else None
