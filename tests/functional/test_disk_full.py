"""A full disk: the write is refused with a Chinese page that keeps what
was typed, nothing half-saved; once space is freed, sending it again saves
it once. Runs on a small tmpfs (needs the right to mount one: root here)."""
import os
import subprocess

import pytest
from webtest import TestApp

from camra.content.root import APP_ROOT
from camra.site import close, database

from .conftest import add_users, sign_in

BODY = '第一行正文\n第二行：磁盘满时不能丢的内容。'


@pytest.fixture
def small_disk(tmp_path, monkeypatch):
    """A 40 MB tmpfs holding the site's var folder."""
    disk = tmp_path / 'disk'
    disk.mkdir()
    mounted = subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f'cannot mount a tmpfs here ({mounted.stderr.strip() or "not permitted"}): '
                    'the full-disk test needs one')
    monkeypatch.setenv('CAMRA_VAR', str(disk / 'var'))
    yield disk
    subprocess.run(['umount', '-l', str(disk)], check=False)


def fill(disk):
    """Fill ``disk`` to the last byte; return the filler's path."""
    filler = disk / 'filler'
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (1 << 20, 4096, 1):
            try:
                while os.write(fd, b'\0' * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_a_write_on_a_full_disk_answers_a_chinese_page_with_the_typed_form(small_disk, app_factory):
    app = add_users(app_factory(demo='true', **{'search.interval': '0'}))
    ed = TestApp(app)
    sign_in(ed, 'ed')
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '磁盘满时提交的通知', '中汽修协字〔2033〕1号', '2033-01-02'
    form['body'] = BODY
    filler = fill(small_disk)

    page = form.submit('save', status=507)
    assert '磁盘已满，没有保存' in page.text and 'Traceback' not in page.text
    kept = page.forms['kept']
    assert kept['title'].value == '磁盘满时提交的通知' and kept['body'].value.replace('\r\n', '\n') == BODY
    assert '标题' in page.text and '正文' in page.text        # fields named as in the form

    os.remove(filler)
    saved = kept.submit(status=303)
    assert '@@edit' in saved.headers['Location']
    conn = database(app).open()
    try:
        titles = [n.title for n in conn.root()[APP_ROOT]['notices'].values()]
        assert titles.count('磁盘满时提交的通知') == 1
    finally:
        conn.close()
    close(app)
