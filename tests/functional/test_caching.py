"""HTTP caching: validators and 304s for anonymous readers, nothing cached
for editors, a year for fingerprinted static files."""
import datetime
import re

from camra.content import clock


def test_public_pages_answer_conditional_requests(as_user):
    public, rev = as_user(), as_user('rev')
    page = public.get('/notices/2022-35/')
    etag, modified = page.headers['ETag'], page.headers['Last-Modified']
    assert page.headers['Cache-Control'] == 'public, max-age=300' and 'Accept' in page.headers['Vary']
    again = public.get('/notices/2022-35/', headers={'If-None-Match': etag}, status=304)
    assert again.body == b'' and again.headers['ETag'] == etag
    public.get('/notices/2022-35/', headers={'If-Modified-Since': modified}, status=304)
    as_json = public.get('/notices/2022-35/', headers={'Accept': 'application/json'})
    assert as_json.headers['ETag'] != etag                              # another representation
    listing = public.get('/notices/')
    assert listing.headers['Cache-Control'] == 'public, max-age=60'
    revalidated = public.get('/notices/', headers={'If-None-Match': listing.headers['ETag']}, status=304)
    assert revalidated.headers['Cache-Control'] == 'public, max-age=60'     # as its page says
    assert public.get('/search', {'q': '会员'}).headers['Cache-Control'] == 'public, max-age=30'

    # Published again: the old validator no longer matches.
    form = rev.get('/notices/2022-35/@@edit').forms['edit']
    form['body'] = '新的正文'
    form.submit(status=303)
    rev.get('/notices/2022-35/@@edit').forms['transitions'].submit('name', value='publish_draft', status=303)
    fresh = public.get('/notices/2022-35/', headers={'If-None-Match': etag}, status=200)
    assert '新的正文' in fresh.text and fresh.headers['ETag'] != etag


def test_editors_pages_are_never_cached(as_user):
    rev = as_user('rev')
    for url in ('/notices/2022-35/', '/notices/2022-35/@@edit', '/@@dashboard'):
        page = rev.get(url)
        assert page.headers['Cache-Control'] == 'private, no-store' and 'ETag' not in page.headers, url
    login = as_user().get('/login')
    assert login.headers['Cache-Control'] == 'private, no-store'


def test_static_files_have_fingerprinted_urls_cached_for_a_year(as_user):
    public = as_user()
    href = public.get('/').html.select_one('link[rel=stylesheet]')['href']
    assert re.search(r'/static/site\.css\?x=[0-9a-f]{12}$', href)
    css = public.get(href)
    assert 'max-age=31536000' in css.headers['Cache-Control']


def test_a_scheduled_publication_changes_the_validator_without_a_transaction(as_user):
    ed, rev, public = as_user('ed'), as_user('rev'), as_user()
    start = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '定时通知', '中汽修协字〔2029〕1号', '2029-12-30'
    form['publish_at'] = '2030-01-01T08:00'                       # China time: 00:00 UTC
    url = form.submit(status=303).follow().request.path.replace('@@edit', '')
    rev.get(url + '@@edit').forms['transitions'].submit('name', value='publish', status=303)
    listing = public.get('/notices/')
    assert '定时通知' not in listing.text
    try:
        clock.set_clock(lambda: start)
        later = public.get('/notices/', headers={'If-None-Match': listing.headers['ETag']}, status=200)
        assert '定时通知' in later.text
    finally:
        clock.set_clock(None)


def test_a_repeated_etag_is_answered_before_anything_is_rendered(users, as_user):
    from pyramid.events import BeforeRender
    rendered = []
    users.registry.registerHandler(lambda event: rendered.append(1), (BeforeRender,))
    public = as_user()
    etag = public.get('/notices/2022-35/').headers['ETag']
    assert rendered
    rendered.clear()
    public.get('/notices/2022-35/', headers={'If-None-Match': etag}, status=304)
    assert rendered == []                 # no template ran: the 304 came from the validators alone


def test_a_page_is_rendered_once_for_many_readers_until_it_changes(users, as_user):
    from pyramid.events import BeforeRender
    rendered = []
    users.registry.registerHandler(lambda event: rendered.append(1), (BeforeRender,))
    first = as_user().get('/notices/')
    count = len(rendered)
    for _ in range(3):
        assert as_user().get('/notices/').body == first.body
    assert len(rendered) == count                         # served from the page cache
    rev = as_user('rev')
    rev.get('/notices/2022-35/@@edit').forms['transitions'].submit('name', value='retract', status=303)
    assert '关于发布《会员服务手册》的通知' not in as_user().get('/notices/').text


def test_a_304_for_a_page_no_longer_kept_carries_its_pages_cache_control(users, as_user):
    public = as_user()
    etag = public.get('/notices/').headers['ETag']
    users.registry.page_cache._pages.clear()            # another process, or the page dropped since
    revalidated = public.get('/notices/', headers={'If-None-Match': etag}, status=304)
    assert revalidated.headers['Cache-Control'] == 'public, max-age=60'


def test_logins_and_opened_forms_keep_every_page_and_its_etag_but_a_change_does_not(users, as_user, csrf):
    public, rev = as_user(), as_user('rev')     # (a POST: the index has caught up since the users were made)
    etags = {path: public.get(path).headers['ETag'] for path in ('/', '/notices/', '/search?q=%E4%BC%9A%E8%B4%B9')}
    ed = as_user('ed')                                    # a login: the audit log is written
    ed.get('/notices/2022-35/@@edit')                     # an open form: who is editing is written
    assert {path: public.get(path).headers['ETag'] for path in etags} == etags
    boss = as_user('boss')
    form = boss.get('/@@synonyms').forms['synonyms']
    form['text'] = '汽修 = 汽车维修\n会费 = 入会费用'
    form.submit(status=303)                               # changes what searches find
    assert public.get('/search?q=%E4%BC%9A%E8%B4%B9').headers['ETag'] != etags['/search?q=%E4%BC%9A%E8%B4%B9']
    rev.get('/notices/2022-35/@@edit').forms['transitions'].submit('name', value='retract', status=303)
    assert public.get('/notices/').headers['ETag'] != etags['/notices/']
