"""Uploads are judged by their bytes; names are cleaned, Chinese kept."""
import pytest

from camra.content.filetypes import UploadError, check, clean_filename

PNG = b'\x89PNG\r\n\x1a\n' + b'\0' * 32


@pytest.mark.parametrize('raw, clean', [
    ('C:\\Users\\王\\桌面\\报名表.pdf', '报名表.pdf'),
    ('../../etc/passwd', 'passwd'),
    ('.htaccess', 'htaccess'),
    ('通知\x00\n.pdf', '通知.pdf'),
    ('长' * 300 + '.pdf', '长' * 196 + '.pdf'),
])
def test_clean_filename(raw, clean):
    assert clean_filename(raw) == clean


def test_the_type_comes_from_the_bytes_and_must_match_the_name():
    assert check('图.PNG', PNG, 1000) == 'image/png'
    assert check('名单.csv', '甲,乙\n'.encode('utf-8'), 1000) == 'text/csv; charset=utf-8'
    with pytest.raises(UploadError, match='PNG'):
        check('图.jpg', PNG, 1000)
    with pytest.raises(UploadError, match='不接受'):
        check('脚本.html', b'<script></script>', 1000)
    with pytest.raises(UploadError, match='不符'):
        check('名单.txt', b'\x00\x01binary', 1000)
    with pytest.raises(UploadError, match='空'):
        check('空.txt', b'', 1000)
    with pytest.raises(UploadError, match='超过上限'):
        check('图.png', PNG, 10)
