"""camra serve and camra cluster."""
import gc
import logging
import sys

from camra.content.database import DatabaseBusy

from .. import settings as settings_module
from .site import settings_of


def register(sub, common):
    serve = sub.add_parser('serve', parents=[common], help='start the web site (demo content in a new data folder)')
    serve.add_argument('--host', help='address to listen on (default 127.0.0.1, or CAMRA_HOST)')
    serve.add_argument('--port', help='port to listen on (default 6543, or CAMRA_PORT)')
    serve.set_defaults(func=serve_site)
    clu = sub.add_parser('cluster', parents=[common],
                         help='run a database server (ZEO or PostgreSQL) and several app processes here '
                              '(try production locally)')
    clu.add_argument('--apps', type=int, default=2, help='how many app processes (default 2)')
    clu.add_argument('--port', type=int, help='the first app port (default: the port setting)')
    clu.add_argument('--db', choices=('zeo', 'postgres'), default='zeo',
                     help='the database: a ZEO server (default) or PostgreSQL with RelStorage '
                          '(needs the postgresql package and .[postgres])')
    clu.add_argument('--db-port', '--zeo-port', type=int, dest='db_port',
                     help='the database server\'s port (default 8100 for ZEO, 8432 for PostgreSQL)')
    clu.add_argument('--search', choices=('whoosh', 'postgres'),
                     help='the search index: one per app process (whoosh, the default with ZEO) or one in '
                          'PostgreSQL that they share (postgres, the default with --db postgres)')
    clu.set_defaults(func=run_cluster)


def serve_site(args):
    """Serve the site with waitress until interrupted."""
    from .. import main as make_app
    from ..limits import server_options
    from ..server import make_server
    settings = settings_of(args, demo='true')
    host = args.host or settings['host']
    port = args.port or settings['port']
    try:
        app = make_app({}, **settings)
    except DatabaseBusy:
        raise DatabaseBusy(f"数据库 {settings['var']} 正被另一个进程使用：请先停止它，或改用 ZEO。") from None
    # What start-up made (modules, templates, dictionaries) lives as long as
    # the process: out of the collector's sight, a full collection, which
    # holds every thread, takes a few milliseconds instead of tens.
    gc.freeze()
    print(f'camra: serving {settings["var"]} on http://{host}:{port}/', flush=True)
    logging.basicConfig()       # waitress's warnings (requests queueing) on stderr
    make_server(app, host=host, port=int(port), threads=int(settings['threads']), ident='camra',
                **settings_module.proxy_options(settings), **server_options(settings)).run()


def run_cluster(args):
    """A database server and ``--apps`` app processes until interrupted."""
    from .. import cluster
    settings = settings_of(args)
    db_port = args.db_port or (8432 if args.db == 'postgres' else 8100)
    search = args.search or ('postgres' if args.db == 'postgres' else 'whoosh')
    if search == 'postgres' and args.db != 'postgres':
        print('camra cluster: --search postgres 需要 --db postgres（索引存放在同一个 PostgreSQL 数据库中）',
              file=sys.stderr)
        return 2
    return cluster.run(settings, args.apps, args.port or int(settings['port']), db_port, args.config,
                       db=args.db, search=search)
