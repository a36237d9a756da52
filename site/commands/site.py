"""Reaching the site from the command line: settings, database, a transaction."""
import contextlib

import transaction

from camra.content.database import open_database
from camra.content.root import APP_ROOT

from .. import settings as settings_module
from ..root import prepare_database


def settings_of(args, **defaults):
    """The settings a command runs with (``-c FILE``, environment)."""
    return settings_module.load(args.config, defaults=defaults)


@contextlib.contextmanager
def open_database_of(settings):
    """The database, prepared (an empty site created if it is new), closed
    afterwards whatever happens."""
    db = open_database(settings['zodbconn.uri'])
    try:
        prepare_database(db, {**settings, 'demo': 'false'})
        yield db
    finally:
        db.close()


@contextlib.contextmanager
def open_site(settings, db=None):
    """``(site, transaction manager)`` in a fresh transaction, aborted and
    closed afterwards unless the command committed (the database too, when
    it was opened here)."""
    with contextlib.ExitStack() as stack:
        if db is None:
            db = stack.enter_context(open_database_of(settings))
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            yield conn.root()[APP_ROOT], tm
        finally:
            tm.abort()
            conn.close()
