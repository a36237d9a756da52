"""camra.site: the web application, its views and templates, and the CLI."""
from pyramid.config import Configurator
from pyramid.session import SignedCookieSessionFactory

from . import settings as settings_module
from .root import prepare_database, root_factory


def main(global_config=None, **settings):
    """The WSGI application (also the ``paste.app_factory``).

    ``settings`` come from an ini file's ``[app:main]``; defaults and
    ``CAMRA_*`` environment variables are merged in by ``settings.load``.
    The database is opened, created or evolved before the first request.
    """
    settings = settings_module.load(base=(global_config or {}).get('here'), **settings)
    with Configurator(settings=settings, root_factory=root_factory) as config:
        config.set_session_factory(SignedCookieSessionFactory(
            settings['secret'], httponly=True, samesite='Lax'))
        config.include('pyramid_chameleon')
        config.include('pyramid_tm')
        config.include('pyramid_retry')
        config.include('pyramid_zodbconn')
        config.include('.layout')
        config.include('.views')
    app = config.make_wsgi_app()
    prepare_database(app.registry)
    return app
