"""camra.site: the web application, its views and templates, and the CLI."""
import warnings

# Pyramid 2.1 still imports pkg_resources; its deprecation notice is not for our users.
warnings.filterwarnings('ignore', message='pkg_resources is deprecated', category=UserWarning)

import pyramid_zodbconn  # noqa: E402
from pyramid.config import Configurator  # noqa: E402
from pyramid.renderers import JSON  # noqa: E402
from pyramid.session import SignedCookieSessionFactory  # noqa: E402

from camra.content.database import db_from_uri  # noqa: E402

from . import caching, headers, hosts, indexing, limits, mail  # noqa: E402
from . import settings as settings_module  # noqa: E402
from .root import prepare_database, root_factory  # noqa: E402


def main(global_config=None, **settings):
    """The WSGI application (also the ``paste.app_factory``).

    ``settings`` come from an ini file's ``[app:main]``; defaults and
    ``CAMRA_*`` environment variables are merged in by ``settings.load``.
    The database is opened, created or evolved before the first request.
    """
    settings = settings_module.load(base=(global_config or {}).get('here'), **settings)
    base_url, accepted = hosts.base_url(settings), hosts.accepted_hosts(settings)   # may refuse site.url
    with Configurator(settings=settings, root_factory=root_factory) as config:
        config.set_session_factory(SignedCookieSessionFactory(
            settings['secret'], cookie_name=caching.SESSION_COOKIE, httponly=True, samesite='Lax',
            timeout=8 * 3600, reissue_time=600,
            secure=settings_module.as_bool(settings.get('session.secure'))))
        # Chinese stays readable in JSON (still valid, served as UTF-8).
        config.add_renderer('json', JSON(ensure_ascii=False))
        config.include('pyramid_chameleon')
        config.include('.template_compiling')
        config.include('pyramid_tm')
        config.include('pyramid_retry')
        pyramid_zodbconn.includeme(config, db_from_uri=db_from_uri)
        config.include('.tweens')
        config.include('.disk_full')
        config.include('.security')
        config.include('.indexing')
        config.include('.caching')
        config.include('.layout')
        config.include('.views')
    app = hosts.CanonicalHost(caching.FrontCache(config.make_wsgi_app()), base_url, accepted)
    app = limits.Limits(app, settings)
    app = headers.SecurityHeaders(app, https=settings_module.as_bool(settings.get('session.secure')))
    db = database(app)
    # ZODB's activity monitor keeps a record of every connection closed in
    # the last hour (tens of megabytes on a busy server); nothing reads it.
    db.setActivityMonitor(None)
    prepare_database(db, settings)
    indexing.start(app.registry, db)
    mail.start(app.registry, db)
    return app


def database(app):
    """The ZODB database of ``app`` (opened by pyramid_zodbconn)."""
    return app.registry._zodb_databases['']


def close(app):
    """Stop ``app``'s background work, close this thread's search index
    files and the database."""
    mail.stop(app.registry)
    follower = getattr(app.registry, 'search_follower', None)
    if follower is not None:
        follower.stop()
    index = getattr(app.registry, 'search_index', None)
    if index is not None:
        index.close()
    database(app).close()
