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


def test_a_long_url_costs_no_more_than_its_length():
    """An 80 KB URL of slashes once took 16 s of CPU: every prefix was joined and looked up."""
    redirects = Redirects()
    redirects.add('/notices/a', '/notices/b')
    looked_up = []

    class Counting(dict):
        def get(self, key, default=None):
            looked_up.append(key)
            return super().get(key, default)
    redirects._to = Counting(redirects._to)
    long = '/notices/a/' + 'x/' * 40000
    assert redirects.resolve(long) == '/notices/b/' + '/'.join(['x'] * 40000)
    assert redirects.resolve('/news/' + 'x/' * 40000) is None
    assert len(looked_up) <= 8 and sum(map(len, looked_up)) < 200     # 4 names deep at most, twice
    assert redirects.resolve('/notices/a/@@download/attachments/0') == '/notices/b/@@download/attachments/0'
