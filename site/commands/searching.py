"""camra reindex and camra search."""
import html
import os
import re
import sys

from camra.content.searchable import count as count_items
from camra.search import results as search_results

from .. import indexing
from .site import open_database_of, open_site, settings_of


def register(sub, common):
    rei = sub.add_parser('reindex', parents=[common], help='rebuild the search index from the database')
    rei.add_argument('--procs', type=int, default=os.cpu_count() or 1,
                     help='indexing processes (default: one per CPU)')
    rei.set_defaults(func=reindex)
    sea = sub.add_parser('search', parents=[common], help='search the site and print the results')
    sea.add_argument('query')
    sea.add_argument('--type', action='append', default=[], help='only this content type (repeatable)')
    sea.add_argument('--year', action='append', default=[], help='only this year (repeatable)')
    sea.add_argument('--sort', choices=search_results.SORTS, default='relevance')
    sea.add_argument('--limit', type=int, default=10, help='results to print (default 10)')
    sea.set_defaults(func=search)


def reindex(args):
    """Rebuild the search index from the database, with a progress bar."""
    from tqdm import tqdm
    settings = settings_of(args)
    with open_database_of(settings) as db:
        with open_site(settings, db) as (site, tm):
            total = count_items(site)
        index = indexing.make_index(settings)
        damaged = index.problems(full=False)
        if damaged:     # a rebuild cannot open a damaged index: start from an empty one
            print('camra reindex: 索引已损坏（' + '；'.join(damaged) + '），重新建立。', file=sys.stderr)
            index.reset()
        with tqdm(total=total, unit='条', desc='重建索引', file=sys.stderr, mininterval=0.5) as bar:
            report = indexing.rebuild(db, index, procs=max(1, args.procs), progress=lambda n: bar.update(1))
            bar.update(max(0, total - bar.n))   # unpublished items are counted but not indexed
    print(f'camra reindex: 已索引 {report.documents} 条内容（{index.path}）')
    return 0


def search(args):
    """Print the results of a search in the index as it is."""
    settings = settings_of(args)
    index = indexing.make_index(settings)
    if index.tid is None:
        print('camra search: 搜索索引尚未建立：请先运行 camra reindex（或启动网站）。', file=sys.stderr)
        return 1
    found = search_results.search(index, args.query, types=args.type, years=args.year,
                                  sort=args.sort, page_size=max(1, args.limit),
                                  weights=indexing.type_weights(settings))
    if found.query.empty:
        print('camra search: 请给出要查找的词语。', file=sys.stderr)
        return 2
    print(f'共 {found.total} 条结果')
    for number, hit in enumerate(found.hits, 1):
        print(f'\n{number}. {_plain(hit.title_html)}  [{hit.type}{" " + hit.date if hit.date else ""}]  {hit.path}')
        if hit.snippet_html:
            print('   ' + _plain(hit.snippet_html).replace('\n', ' '))
    return 0


def _plain(fragment):
    """Search HTML as terminal text: matches in 【】."""
    fragment = fragment.replace('<mark>', '【').replace('</mark>', '】')
    return html.unescape(re.sub(r'<[^>]+>', '', fragment))
