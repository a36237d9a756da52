"""The caching policy table: one answer per path, for pages and their 304s."""
import pytest

from camra.site.caching import cache_policy, kind_of


@pytest.mark.parametrize('path, kind', [
    ('/', 'listing'), ('/notices/', 'listing'), ('/notices', 'listing'), ('/handbook/', 'listing'),
    ('/notices/feed', 'listing'), ('/news/feed', 'listing'), ('/sitemap.xml', 'listing'),
    ('/search', 'search'), ('/search/', 'search'),
    ('/notices/2022-35/', 'content'), ('/handbook/7-3/', 'content'), ('/handbook/v1.0/', 'content'),
    ('/about/', 'content'),                 # a page at the root is an item, not a section
])
def test_every_public_path_has_one_kind(path, kind):
    assert kind_of(path) == kind


def test_the_policy_follows_the_kind():
    assert cache_policy('/notices/') == 'public, max-age=60'
    assert cache_policy('/notices/2022-35/') == 'public, max-age=300'
    assert cache_policy('/search') == 'public, max-age=30'
