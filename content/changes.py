"""Which paths a transaction changed, recorded in the transaction itself.

Derived data (the search index) follows the database by reading the
storage's transaction log: each committed transaction carries, in its
extension metadata under ``KEY``, the site paths whose content it changed.
A path stands for the object and everything under it; ``/`` means the whole
site. Because the record is committed with the data, an aborted transaction
leaves none, and a reader that died half-way can always read it again.
"""
import contextlib

KEY = 'camra.changed'
# Set on a transaction that changes what the public sees without changing a
# path (the search synonyms): pages follow it, the index need not.
PUBLIC_KEY = 'camra.public'

# FileStorage keeps a transaction's extension in at most 64 KB: past this
# many paths, paths are replaced by their parents (a coarser, still correct,
# record).
MAX_PATHS = 100


def path_of(obj):
    """The site path of ``obj``: ``/notices/2022-35``; ``/`` for the root."""
    names = []
    while obj is not None and getattr(obj, '__parent__', None) is not None:
        names.append(obj.__name__)
        obj = obj.__parent__
    return '/' + '/'.join(reversed(names))


def record_change(obj):
    """Note that ``obj`` (and anything under it) changes in its transaction.

    Objects not yet stored in a database are skipped: whoever stores them
    (``Folder.add``) records the change.
    """
    jar = _jar(obj)
    if jar is not None:
        txn = jar.transaction_manager.get()
        path = path_of(obj)
        _paths(txn).add(path)
        for watcher in _watchers(txn):
            watcher.add(path)


@contextlib.contextmanager
def watching(obj):
    """Yield a set that collects the paths recorded in ``obj``'s transaction
    while the block runs: what one action of several in a transaction
    changed (a batch import runs one a file), where ``changed_in`` gives
    all of them."""
    jar = _jar(obj)
    if jar is None:
        yield set()
        return
    txn = jar.transaction_manager.get()
    collected = set()
    watchers = _watchers(txn)
    if not watchers:
        txn.set_data(_WATCHERS, watchers)
    watchers.append(collected)
    try:
        yield collected
    finally:
        watchers.remove(collected)


# The key of a transaction's (unstored) data: the sets of active ``watching`` blocks.
_WATCHERS = object()


def _watchers(txn):
    try:
        return txn.data(_WATCHERS)
    except KeyError:
        return []


def record_everything(txn):
    """Note that transaction ``txn`` may change anything (evolve steps)."""
    _paths(txn).add('/')


def record_public_change(obj):
    """Note that ``obj``'s transaction changes what the public sees, though
    no path's content (see ``PUBLIC_KEY``)."""
    jar = _jar(obj)
    if jar is not None:
        jar.transaction_manager.get().extension[PUBLIC_KEY] = True


def changed_in(obj):
    """The paths that ``obj``'s transaction changed so far (none when it is
    not stored in a database yet)."""
    jar = _jar(obj)
    return sorted(jar.transaction_manager.get().extension.get(KEY) or ()) if jar is not None else []


def changed_paths(extension):
    """The paths recorded in a committed transaction's ``extension``."""
    return list(extension.get(KEY) or ())


def changes_public(extension):
    """Whether a committed transaction changed anything the public sees:
    a path, or a change noted by ``record_public_change``. Logins, the
    audit log, who has a form open and accounts do not."""
    return bool(extension.get(KEY) or extension.get(PUBLIC_KEY))


def _jar(obj):
    while obj is not None:
        jar = getattr(obj, '_p_jar', None)
        if jar is not None:
            return jar
        obj = getattr(obj, '__parent__', None)
    return None


def _paths(txn):
    paths = txn.extension.get(KEY)
    if not isinstance(paths, set):
        paths = txn.extension[KEY] = set(paths or ())
        txn.addBeforeCommitHook(_freeze, (txn,))
    return paths


def _freeze(txn):
    """Before commit: the recorded set as a short sorted list."""
    paths = compact(txn.extension.get(KEY) or ())
    txn.extension[KEY] = paths


def compact(paths, limit=MAX_PATHS):
    """At most ``limit`` paths that cover all of ``paths``, sorted.

    Paths under another path of the set are dropped; while too many remain,
    the deepest ones are replaced by their parents.
    """
    paths = set(paths)
    while True:
        kept = sorted(p for p in paths if not _covered(p, paths))
        if len(kept) <= limit:
            return kept
        deepest = max(p.count('/') for p in kept)
        paths = {(p.rsplit('/', 1)[0] or '/') if p.count('/') == deepest else p for p in kept}


def _covered(path, paths):
    if path == '/':
        return False
    if '/' in paths:
        return True
    parent = path.rsplit('/', 1)[0]
    while parent:
        if parent in paths:
            return True
        parent = parent.rsplit('/', 1)[0]
    return False
