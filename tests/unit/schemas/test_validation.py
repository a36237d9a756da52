"""Validation errors are field by field and in Chinese."""
import pytest

from camra.content.registry import validate
from camra.schemas.validation import ValidationError


def errors(type_name, values):
    with pytest.raises(ValidationError) as failed:
        validate(type_name, values)
    return failed.value.errors


def test_notice_errors_field_by_field():
    e = errors('notice', {'number': '35', 'date': '昨天'})
    assert e == {'title': '请填写标题',
                 'number': '文号格式不正确：“35”（应如 中汽修协字〔2022〕35号）',
                 'date': '日期格式不正确：“昨天”（应为 YYYY-MM-DD）'}


def test_standard_code_kind_and_status():
    e = errors('standard', {'title': 't', 'code': 'CAMRA-2', 'kind': 'local', 'status': 'old'})
    assert set(e) == {'code', 'kind', 'status'}
    assert '标准编号格式不正确' in e['code'] and '国家标准' in e['kind'] and '现行' in e['status']
    ok = validate('standard', {'title': 't', 'code': 'T/CAMRA 002-2016', 'kind': 'group'})
    assert ok['status'] == 'in_force'
    assert validate('standard', {'title': 't', 'code': 'GB/T 16739.1-2014', 'kind': 'national'})


def test_magazine_numbers_and_unknown_fields():
    e = errors('magazine_issue', {'title': 't', 'magazine': 'm', 'year': 'abc', 'issue_no': 100,
                                  'date': '2020-01-01'})
    assert e['year'] == '应为数字' and e['issue_no'] == '100 大于最大值 99'
    e = errors('page', {'title': 't', 'colour': 'red'})
    assert '未知的字段' in e['_']


def test_association_phone_and_website():
    e = errors('association', {'title': 'x', 'phone': 'call me', 'website': 'not a site'})
    assert '电话号码格式不正确' in e['phone'] and '网址格式不正确' in e['website']
    assert validate('association', {'title': 'x', 'phone': '010-63313302 13910901631',
                                    'website': 'www.camra.org.cn'})


def test_text_is_trimmed_and_non_text_refused():
    assert validate('page', {'title': '  关于  '})['title'] == '关于'
    assert errors('page', {'title': 12}) == {'title': '应为文本'}
    assert errors('page', {'title': '   '}) == {'title': '请填写标题'}


def test_schemas_stand_alone_without_content():
    import subprocess
    import sys
    code = ('import sys, camra.schemas.validation, camra.schemas.types; '
            'print([m for m in sys.modules if m.startswith("camra.content")])')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == '[]'
