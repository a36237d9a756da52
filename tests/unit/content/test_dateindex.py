"""The date index of a folder: order, the clock, changes, and what a page loads."""
import datetime

import pytest
import transaction
import ZODB

from camra.content.clock import set_clock
from camra.content.evolve import step004_dates
from camra.content.news import NewsFolder, NewsItem
from camra.content.notice import Notice, Notices

UTC = datetime.timezone.utc
NOW = datetime.datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture
def clock():
    moment = [NOW]
    set_clock(lambda: moment[0])
    yield moment
    set_clock(None)


def names(listing):
    return [item.__name__ for item in listing]


def test_newest_first_by_year_then_date_then_order_of_adding(clock):
    news = NewsFolder()
    for name, date in [('old', datetime.date(2020, 1, 5)), ('undated', None), ('a', datetime.date(2024, 3, 1)),
                       ('b', datetime.date(2024, 3, 1)), ('mid', datetime.date(2022, 7, 9))]:
        news.add(name, NewsItem(title=name, date=date))
    listing = news.dates.listing(news)
    assert names(listing) == ['b', 'a', 'mid', 'old', 'undated']
    assert len(listing) == 5 and names(listing[1:3]) == ['a', 'mid'] and listing[9:] == []
    # A notice's year is its number's, even when dated in the next year.
    notices = Notices()
    notices.add('late', Notice(title='迟发', number='中汽修协字〔2022〕40号', date=datetime.date(2023, 1, 3)))
    notices.add('new', Notice(title='新', number='中汽修协字〔2023〕1号', date=datetime.date(2023, 1, 2)))
    assert names(notices.dates.listing(notices)) == ['new', 'late']
    assert names(notices.dates.listing(notices, 2022)) == ['late']
    assert notices.dates.years() == [(2023, 1), (2022, 1)]


def test_changes_of_state_date_and_place_move_the_entry(clock):
    news = NewsFolder()
    for n in range(3):
        news.add(f'n{n}', NewsItem(title=f'{n}', date=datetime.date(2024, 1, 1 + n)))
    news['n0'].update(date=datetime.date(2025, 1, 1))
    assert names(news.dates.listing(news)) == ['n0', 'n2', 'n1']
    news['n2'].update(state='retracted')
    news['n1'].update(state='private')
    assert names(news.dates.listing(news)) == ['n0'] and news.dates.years() == [(2025, 1)]
    news['n1'].update(state='published')
    news.remove('n0')
    assert names(news.dates.listing(news)) == ['n1'] and news.dates.years() == [(2024, 1)]


def test_the_clock_shows_and_hides_scheduled_items_with_no_write(clock):
    news = NewsFolder()
    news.add('always', NewsItem(title='常', date=datetime.date(2024, 1, 1)))
    news.add('later', NewsItem(title='定时', date=datetime.date(2025, 6, 1),
                               publish_at=NOW + datetime.timedelta(hours=1)))
    news.add('ending', NewsItem(title='到期', date=datetime.date(2023, 1, 1),
                                expire_at=NOW + datetime.timedelta(hours=2)))
    listing = news.dates.listing(news)
    assert names(listing) == ['always', 'ending'] and len(listing) == 2
    assert news.dates.years() == [(2024, 1), (2023, 1)]
    clock[0] = NOW + datetime.timedelta(hours=1)
    assert names(news.dates.listing(news)) == ['later', 'always', 'ending']
    clock[0] = NOW + datetime.timedelta(hours=2)
    listing = news.dates.listing(news)
    assert names(listing) == ['later', 'always'] and len(listing) == 2
    assert news.dates.years() == [(2025, 1), (2024, 1)]
    # Moving the window is a change like any other.
    news['ending'].update(expire_at=None)
    assert names(news.dates.listing(news, 2023)) == ['ending']


def test_a_page_of_a_big_folder_loads_that_page_not_the_folder():
    db = ZODB.DB(None)          # in memory
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    news = conn.root()['news'] = NewsFolder()
    start = datetime.date(2000, 1, 1)
    for n in range(3000):
        news.add(f'n{n}', NewsItem(title=f'第{n}条', body='正文' * 50, date=start + datetime.timedelta(days=n)))
    tm.commit()
    conn.close()
    fresh = db.open(transaction_manager=transaction.TransactionManager())
    fresh.cacheMinimize()
    fresh.getTransferCounts(True)
    folder = fresh.root()['news']
    listing = folder.dates.listing(folder)
    page = listing[20:40]
    loads, _ = fresh.getTransferCounts()
    assert len(listing) == 3000 and names(page) == [f'n{n}' for n in range(2979, 2959, -1)]
    assert loads < 40           # 20 items, the index and a few buckets: never 3,000 items
    db.close()


def test_evolve_step_builds_the_index_an_older_site_lacks(clock):
    from camra.content.root import SiteRoot
    site = SiteRoot()
    for n in range(4):
        site['notices'].add(f'x{n}', Notice(title=f'{n}', number=f'中汽修协字〔2021〕{n + 1}号',
                                            date=datetime.date(2021, 2, 1 + n)))
    site['notices']['x1'].update(state='private')
    expected = names(site['notices'].dates.listing(site['notices']))
    for folder in (site, site['notices'], site['news']):
        del folder.dates
    step004_dates.evolve(site)
    assert names(site['notices'].dates.listing(site['notices'])) == expected == ['x3', 'x2', 'x0']
    assert site['notices'].dates.years() == [(2021, 3)]
