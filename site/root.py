"""The root factory and the preparation of the database at start-up."""
import transaction
from pyramid_zodbconn import get_connection

from camra.content import evolve
from camra.content.root import APP_ROOT, bootstrap

from .settings import as_bool, identity


def root_factory(request):
    """The site root (``SiteRoot``) of this request's ZODB connection."""
    return get_connection(request).root()[APP_ROOT]


def prepare_database(db, settings):
    """Create the site on first start (with demo content if ``demo`` is on)
    and run pending evolve steps; each in its own committed transaction."""
    from camra.content.demo import load_demo
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        zodb_root = conn.root()
        site, created = bootstrap(zodb_root, identity(settings))
        if created:
            if as_bool(settings.get('demo')):
                load_demo(site)
            tm.get().note('camra: new site' + (' with demo content' if as_bool(settings.get('demo')) else ''))
            tm.commit()
        else:
            evolve.run(zodb_root, site, tm=tm)
    finally:
        tm.abort()
        conn.close()
