"""Two app instances over one real ZEO server see each other's writes."""
import datetime
import socket
import subprocess
import sys
import time

import pytest
from webtest import TestApp

from camra.site import database

JSON = {'Accept': 'application/json'}


@pytest.fixture
def zeo_address(tmp_path, ports):
    """A ZEO server (the ZEO package's runzeo) on a FileStorage with blobs."""
    port = ports()
    (tmp_path / 'zeo').mkdir()
    config = tmp_path / 'zeo' / 'zeo.conf'
    config.write_text(f"""
<zeo>
  address 127.0.0.1:{port}
</zeo>
<filestorage>
  path {tmp_path / 'zeo' / 'Data.fs'}
  blob-dir {tmp_path / 'zeo' / 'blobs'}
</filestorage>
""")
    proc = subprocess.Popen([sys.executable, '-m', 'ZEO.runzeo', '-C', str(config)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(('127.0.0.1', port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail('ZEO server did not start')
            time.sleep(0.1)
    yield f'127.0.0.1:{port}'
    proc.terminate()
    proc.wait(timeout=10)


def _uri(address, blob_cache):
    return f'zeo://{address}?blob_dir={blob_cache}&shared_blob_dir=false'


def _publish(wsgi, name, title):
    """Write a news item through this instance's own database connection."""
    from camra.content.news import NewsItem
    with database(wsgi).transaction() as conn:
        conn.root()['app_root']['news'].add(name, NewsItem(title=title, date=datetime.date(2024, 5, 1)))


def _eventually(check, timeout=10):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.slow
def test_two_instances_share_one_zeo_database(zeo_address, app_factory, tmp_path):
    first = app_factory(**{'zodbconn.uri': _uri(zeo_address, tmp_path / 'cache1'), 'demo': 'true'})
    second = app_factory(**{'zodbconn.uri': _uri(zeo_address, tmp_path / 'cache2')})
    one, two = TestApp(first), TestApp(second)
    # the first instance created the site (with its demo); the second found it
    assert two.get('/notices/', headers=JSON).json['total'] == 2

    def titles(testapp):
        return [i['title'] for i in testapp.get('/news/', headers=JSON).json['items']]

    _publish(first, 'from-one', '一号实例发布的资讯')
    assert _eventually(lambda: '一号实例发布的资讯' in titles(two))
    _publish(second, 'from-two', '二号实例发布的资讯')
    assert _eventually(lambda: '二号实例发布的资讯' in titles(one))
    assert one.get('/news/from-two').status_int == 200
