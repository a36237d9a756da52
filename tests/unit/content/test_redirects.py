"""Redirects from where an item was to where it is."""
from camra.content.redirects import Redirects


def test_redirects_follow_the_latest_move_in_one_hop():
    redirects = Redirects()
    redirects.add('/notices/a', '/notices/b')
    redirects.add('/notices/b', '/notices/c')
    assert redirects.resolve('/notices/a/') == '/notices/c'
    assert redirects.resolve('/notices/a/@@download/file') == '/notices/c/@@download/file'
    redirects.add('/notices/c', '/notices/a')          # back where it was
    assert redirects.resolve('/notices/a') is None and redirects.resolve('/notices/b') == '/notices/a'
    assert redirects.resolve('/news/a') is None
