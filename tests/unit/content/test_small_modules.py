"""Document numbers, regions, URL names, folders, evolve steps."""
import datetime
import types

import pytest
import transaction

from camra.content import changes, evolve
from camra.content.folder import Folder, NameError_
from camra.content.naming import pinyin_key, slugify, unique_name
from camra.content.regions import locate
from camra.schemas.docnumber import DocNumberError, parse_docnumber


@pytest.mark.parametrize('text, expected', [
    ('中汽修协字〔2022〕35号', ('中汽修协字', 2022, 35)),
    ('中汽修协字[2022]35号', ('中汽修协字', 2022, 35)),
    ('中汽修协字（２０２２）３５号', ('中汽修协字', 2022, 35)),
    ('交运发〔2014〕186号', ('交运发', 2014, 186)),
    ('中汽修协字〔2022〕第5号', ('中汽修协字', 2022, 5)),
])
def test_parse_docnumber(text, expected):
    parsed = parse_docnumber(text)
    assert (parsed.prefix, parsed.year, parsed.serial) == expected
    assert str(parsed) == f'{expected[0]}〔{expected[1]}〕{expected[2]}号'


@pytest.mark.parametrize('text', ['', '35号', '中汽修协字2022年35号', '中汽修协字〔22〕35号',
                                  '中汽修协字〔2022〕0号', '〔2022〕35号', None])
def test_parse_docnumber_refuses(text):
    with pytest.raises(DocNumberError):
        parse_docnumber(text)


@pytest.mark.parametrize('name, place', [
    ('苏州市机动车维修行业协会', ('江苏', '苏州')),
    ('南京汽车维修行业协会', ('江苏', '南京')),
    ('张家港市机动车维修行业协会', ('江苏', '张家港')),
    ('北京汽车维修行业协会', ('北京', '北京')),
    ('河北省道路运输协会', ('河北', '')),
    ('吉林省汽车维修行业协会', ('吉林', '')),
    ('内蒙古汽车行业协会', ('内蒙古', '')),
    ('佛山市禅城区交通运输协会', ('广东', '佛山')),
    ('新疆维吾尔自治区道路运输协会', ('新疆', '')),
    ('中国汽车维修行业协会', ('', '')),
])
def test_locate(name, place):
    assert locate(name) == place


def test_every_seed_association_is_placed(seeds):
    from camra.content.importers import read_file
    names = [r['title'] for _, r in read_file(seeds('000')).records if r['type'] == 'association']
    unplaced = [n for n in names if locate(n) == ('', '') and not n.startswith('中国')]
    assert unplaced == []


def test_slugify_reads_chinese_as_pinyin_and_is_never_empty():
    assert slugify('苏州市机动车维修行业协会') == 'su-zhou-shi-ji-dong-che-wei-xiu-hang-ye-xie-hui'
    assert slugify('T/CAMRA 002-2016') == 't-camra-002-2016'
    assert slugify('ＶＯＣ排放') == 'voc-pai-fang'
    assert slugify('！？', fallback='news') == 'news'
    long = slugify('宁波市二手车流通协会2021年度工作总结和2022年度工作思路', 40)
    assert len(long) <= 40 and not long.endswith('-')


def test_pinyin_sort_and_unique_names():
    assert sorted(['上海', '北京', '重庆', '安徽'], key=pinyin_key) == ['安徽', '北京', '重庆', '上海']
    folder = Folder()
    folder.add('a', Folder())
    folder.add('a-2', Folder())
    assert unique_name(folder, 'a') == 'a-3' and unique_name(folder, 'b') == 'b'


def test_folder_keeps_order_and_refuses_bad_names():
    folder = Folder()
    for name in ['c', 'a', 'b']:
        folder.add(name, Folder(name))
    folder.remove('a')
    folder.add('a', Folder())
    assert folder.keys() == ['c', 'b', 'a'] and len(folder) == 3
    for bad in ['', 'x/y', '@@edit', '_p_jar', 'c', ' a', 'static']:
        with pytest.raises(NameError_):
            folder.add(bad, Folder())
    with pytest.raises(KeyError):
        folder.remove('zzz')


def test_big_folder_stays_fast_enough_to_use():
    folder = Folder()
    for n in range(20000):
        folder.add(f'n{n}', Folder())
    assert len(folder) == 20000 and folder['n19999'].__name__ == 'n19999'
    assert next(iter(folder.values())).__name__ == 'n0'


def test_evolve_runs_pending_steps_once_in_order():
    tm = transaction.TransactionManager()
    calls = []
    steps = [(n, types.SimpleNamespace(__doc__=f'step {n}', evolve=lambda site, n=n: calls.append((n, tm.get().extension))))
             for n in (1, 2, 3)]
    zodb_root, site = {}, object()
    zodb_root[evolve.KEY] = 1
    assert evolve.run(zodb_root, site, steps, tm) == [2, 3]
    assert [n for n, _ in calls] == [2, 3] and zodb_root[evolve.KEY] == 3
    # Each step ran in its own committed transaction, noted and marked as
    # changing the whole site for the search index.
    first, second = (extension for _, extension in calls)
    assert first is not second
    assert changes.changed_paths(first) == ['/'] and changes.changed_paths(second) == ['/']
    assert evolve.run(zodb_root, site, steps, tm) == []
    # A step that changes nothing search sees spares the index a rebuild.
    quiet = types.SimpleNamespace(__doc__='step 4', REINDEX=False,
                                  evolve=lambda site: calls.append((4, tm.get().extension)))
    assert evolve.run(zodb_root, site, steps + [(4, quiet)], tm) == [4]
    assert changes.changed_paths(calls[-1][1]) == []
    fresh = {}
    evolve.mark_all_done(fresh, steps)
    assert fresh[evolve.KEY] == 3


def test_redirects_follow_the_latest_move_in_one_hop():
    from camra.content.redirects import Redirects
    redirects = Redirects()
    redirects.add('/notices/a', '/notices/b')
    redirects.add('/notices/b', '/notices/c')
    assert redirects.resolve('/notices/a/') == '/notices/c'
    assert redirects.resolve('/notices/a/@@download/file') == '/notices/c/@@download/file'
    redirects.add('/notices/c', '/notices/a')          # back where it was
    assert redirects.resolve('/notices/a') is None and redirects.resolve('/notices/b') == '/notices/a'
    assert redirects.resolve('/news/a') is None


def test_concurrent_audit_entries_and_folder_adds_merge_without_conflict(tmp_path):
    """Two processes logging in, or adding to one folder, at once: ZODB
    merges the writes (no ConflictError, nothing lost)."""
    import transaction
    import ZODB
    import ZODB.FileStorage

    from camra.content.news import NewsItem
    from camra.content.root import SiteRoot
    db = ZODB.DB(ZODB.FileStorage.FileStorage(str(tmp_path / 'Data.fs')))
    setup = transaction.TransactionManager()
    conn = db.open(transaction_manager=setup)
    site = conn.root()['site'] = SiteRoot()
    site['news'].add('first', NewsItem(title='一', date=datetime.date(2024, 4, 1)))
    site.audit.record('a', 'login')
    setup.commit()
    managers = [transaction.TransactionManager() for _ in range(2)]
    sites = [db.open(transaction_manager=tm).root()['site'] for tm in managers]
    for n, (tm, each) in enumerate(zip(managers, sites)):
        each.audit.record(f'user{n}', 'login')
        each['news'].add(f'n{n}', NewsItem(title=f'第{n}条', date=datetime.date(2024, 5, 1)))
    for tm in managers:
        tm.commit()
    fresh = db.open(transaction_manager=transaction.TransactionManager()).root()['site']
    assert sorted(e.who for e in fresh.audit.newest()) == ['a', 'user0', 'user1']
    assert fresh['news'].keys() == ['first', 'n0', 'n1'] and len(fresh['news']) == 3
    listing = fresh['news'].dates.listing(fresh['news'])
    assert len(listing) == 3 and [i.__name__ for i in listing] == ['n1', 'n0', 'first']
    db.close()
