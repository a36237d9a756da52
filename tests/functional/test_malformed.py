"""Requests WebOb cannot read get a 400 page that says why, never a 500."""
import pytest


@pytest.mark.parametrize('content_type, body', [
    ('application/x-www-form-urlencoded; charset=gbk', '名称=测试'.encode('gbk')),
    ('application/x-www-form-urlencoded; charset=bogus', b'x=1'),
    ('multipart/form-data', b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'),
    ('multipart/form-data; boundary=', b'garbage'),
    ('multipart/form-data; boundary=x', b'--x\r\nno headers at all'),
])
@pytest.mark.parametrize('path', ['/login', '/notices/2022-35/@@edit', '/search'])
def test_a_form_that_cannot_be_read_is_refused_never_a_500(testapp, content_type, body, path):
    response = testapp.post(path, body, content_type=content_type, expect_errors=True)
    # 400, or what an empty form gets there (the login page for an anonymous edit)
    assert response.status_int in (400, 303), response.status
    assert 'Traceback' not in response.text
    if 'charset' in content_type:
        assert '表单应以 UTF-8 提交' in response.text


def test_a_url_that_is_not_utf8_gets_400(testapp):
    assert '网址有误' in testapp.get('/%FF', status=400).text
