"""Settings: built-in defaults, an optional ini file, then CAMRA_* environment.

Every setting ``a.b`` can be overridden by the environment variable
``CAMRA_A_B`` (``CAMRA_VAR``, ``CAMRA_PORT``, ``CAMRA_ZODBCONN_URI``...).
"""
import configparser
import os
import secrets


class SettingsError(ValueError):
    """A setting with a value that cannot work (the message says which, in Chinese)."""


DEFAULTS = {
    'var': 'var',
    'host': '127.0.0.1',
    'port': '6543',
    'threads': '4',
    'zodbconn.uri': '',           # empty: FileStorage with blobs under var/
    'zodb.cache_mb': '8',         # objects kept per process (pickled bytes: ~4x in memory), shared among its threads
    'retry.attempts': '3',
    'tm.manager_hook': 'pyramid_tm.explicit_manager',
    'pyramid.reload_templates': 'false',
    'pyramid.default_locale_name': 'zh_CN',
    'demo': 'false',              # create demo content in a new database
    'page_size': '20',
    'search.backend': 'whoosh',   # whoosh: an index per process under var/; postgres: one shared
    'search.postgres': '',        # search.backend = postgres: its database (empty: the content's RelStorage one)
    'search.index': '',           # empty: var/index
    'search.interval': '1',       # seconds between checks for other processes' changes
    'search.cache_mb': '256',     # postings kept in memory as arrays, per process
    'search.verify_hours': '24',  # hours between checks of every index file's checksum (0: only at start)
    # Ranking factors by type: the reference texts above news and notices.
    'search.weight.handbook_section': '2.0',
    'search.weight.standard': '2.0',
    'search.weight.page': '1.2',
    'search.weight.association': '1.2',
    'search.weight.notice': '1.0',
    'search.weight.news': '1.0',
    'search.weight.magazine_issue': '1.0',
    'session.secure': 'false',
    'mail.host': '',              # SMTP server for review mail ('': write to var/mail/outbox)
    'mail.port': '25',
    'mail.username': '',
    'mail.password': '',
    'mail.tls': 'false',          # STARTTLS
    'mail.ssl': 'false',          # SMTP over TLS (port 465)
    'mail.default_sender': 'noreply@localhost',
    'mail.interval': '10',        # seconds between deliveries of the queue
    'search.per_address': '20',   # searches one address may run per 2 seconds (0: no limit)
    'session.max_hours': '12',    # a sign-in ends after this, however active
    'uploads.max_mb': '20',       # largest file an editor may attach, in MB
    'uploads.max_request_mb': '50',   # largest form posted at once (several files), in MB
    'backup.dir': 'backups',      # camra backup's folder, under var/ unless absolute
    'pack.keep_days': '30',       # days of history camra pack keeps
    # The reverse proxy in front (its address): only then are its X-Forwarded-* headers
    # believed, so that the login throttle counts each reader's own address.
    'proxy.trusted': '',
    'proxy.headers': 'x-forwarded-for x-forwarded-proto',
    'site.url': '',               # the public base URL (https://www.camra.org.cn): every absolute URL
    'site.hosts': '',             # host names accepted besides site.url's and loopback
    # The association's identity: configuration, copied into a new site.
    'site.name': '中国汽车维修行业协会',
    'site.name_en': 'China Automotive Maintenance and Repair Trade Association',
    'site.short_name': '中汽修协',
    'site.address': '北京市丰台区莲花池南里24号中盐大厦A座808室',
    'site.phone': '010-63313302',
    'site.email': 'camra@vip.sina.com',
    'site.website': 'www.camra.org.cn',
    'site.footer': '',
    # The line under the name on the home page's banner.
    'site.tagline': '双向服务 · 桥梁纽带 · 行业自律',
    # The ICP filing number every site in China shows (京ICP备…号), linked to
    # the filing system; empty: no line.
    'site.icp': '',
    # The logo: an image file (PNG, JPEG or SVG); empty: an emblem of the short name.
    'site.logo': '',
}


def env_name(key):
    """``zodbconn.uri`` -> ``CAMRA_ZODBCONN_URI``."""
    return 'CAMRA_' + key.upper().replace('.', '_').replace('-', '_')


def read_ini(path, section='app:main'):
    """The ``[app:main]`` settings of an ini file, with ``%(here)s`` set."""
    here = os.path.dirname(os.path.abspath(path))
    parser = configparser.ConfigParser(defaults={'here': here}, interpolation=configparser.BasicInterpolation())
    with open(path, encoding='utf-8') as f:
        parser.read_file(f)
    if not parser.has_section(section):
        return {}
    return {k: v for k, v in parser.items(section) if k != 'here' and not k.startswith('use')}


def load(config_file=None, environ=None, base=None, defaults=None, **overrides):
    """Merged settings: built-in defaults < ``defaults`` < ini file <
    ``overrides`` < environment.

    Also resolves ``var`` to an absolute folder (created if missing), derives
    the default ``zodbconn.uri`` from it and sets ``secret`` from
    ``var/secret``, generating it on first use.
    """
    environ = os.environ if environ is None else environ
    settings = {**DEFAULTS, **(defaults or {})}
    base = base or os.getcwd()
    if config_file:
        settings.update(read_ini(config_file))
        base = os.path.dirname(os.path.abspath(config_file))
    settings.update({k: v for k, v in overrides.items() if v is not None})
    known = {env_name(k): k for k in settings}
    for name, value in environ.items():
        if name in known:
            settings[known[name]] = value
        elif name.startswith('CAMRA_'):
            settings[name[6:].lower()] = value
    return finish(settings, base)


def with_cache_limit(uri, settings):
    """``uri`` with a byte limit on each connection's object cache, unless
    it sets one: ``zodb.cache_mb`` shared out among the ``threads`` (one
    connection each). ZODB's own limit counts objects (10,000 per
    connection, whatever their size), and a growing site's caches then kept
    growing for hours."""
    megabytes = float(settings.get('zodb.cache_mb') or 0)
    if megabytes <= 0 or 'connection_cache_size_bytes=' in uri:
        return uri
    per_connection = int(megabytes * 1024 * 1024 / max(1, int(settings.get('threads') or 1)))
    return f"{uri}{'&' if '?' in uri else '?'}connection_cache_size_bytes={per_connection}"


def finish(settings, base=None):
    """Resolve derived settings (var folder, database URI, secret) in place."""
    var = os.path.abspath(os.path.join(base or os.getcwd(), settings.get('var') or 'var'))
    # The database, uploads and the secret are nobody else's business on this machine.
    os.makedirs(var, mode=0o700, exist_ok=True)
    settings['var'] = var
    if not settings.get('zodbconn.uri'):
        os.makedirs(os.path.join(var, 'blobs'), exist_ok=True)
        settings['zodbconn.uri'] = (f"file://{os.path.join(var, 'Data.fs')}"
                                    f"?blobstorage_dir={os.path.join(var, 'blobs')}")
    settings['zodbconn.uri'] = with_cache_limit(settings['zodbconn.uri'], settings)
    settings['search.index'] = os.path.join(var, settings.get('search.index') or 'index')
    settings['secret'] = settings.get('secret') or _secret(var)
    return settings


def as_bool(value):
    return str(value).strip().lower() in ('1', 'true', 'yes', 'on')


def upload_limit(settings):
    """The largest upload allowed, in bytes (``uploads.max_mb``)."""
    return int(float(settings.get('uploads.max_mb') or DEFAULTS['uploads.max_mb']) * 1024 * 1024)


# ``site.*`` settings about serving, not the association: never copied into the site.
SERVING = ('site.url', 'site.hosts', 'site.logo')


def proxy_options(settings):
    """waitress's trusted-proxy options from ``proxy.*`` (none when no proxy is trusted)."""
    trusted = (settings.get('proxy.trusted') or '').strip()
    if not trusted:
        return {}
    return {'trusted_proxy': trusted, 'trusted_proxy_count': 1,
            'trusted_proxy_headers': settings.get('proxy.headers') or DEFAULTS['proxy.headers'],
            'clear_untrusted_proxy_headers': True}


def identity(settings):
    """The association's identity from ``site.*`` settings."""
    return {k[5:]: v for k, v in settings.items() if k.startswith('site.') and k not in SERVING}


def _secret(var):
    """Read ``var/secret``, creating it (mode 600) with 32 random bytes first."""
    path = os.path.join(var, 'secret')
    try:
        with open(path, encoding='ascii') as f:
            value = f.read().strip()
        if value:
            return value
    except FileNotFoundError:
        pass
    value = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w', encoding='ascii') as f:
        f.write(value + '\n')
    return value
