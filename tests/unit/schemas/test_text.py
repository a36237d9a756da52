"""Clean text on the way in: NFC, no controls, no lone surrogates."""
import pytest

from camra.schemas.text import TextError, clean, scrub
from camra.schemas.types import NoticeSchema
from camra.schemas.validation import ValidationError, validate


def test_controls_go_newlines_and_tabs_stay_and_windows_line_ends_become_newlines():
    assert clean('关于\x00召开\x1b年会\x85的通知\u200b') == '关于召开年会的通知\u200b'
    assert clean('第一行\r\n第二行\r第三行\t表格') == '第一行\n第二行\n第三行\t表格'


def test_text_is_stored_composed_so_equal_text_compares_equal():
    assert clean('Cafe\u0301') == 'Café' and len(clean('Cafe\u0301')) == 4


def test_a_lone_surrogate_is_refused_or_replaced():
    with pytest.raises(TextError):
        clean('会费\ud800标准')
    assert scrub('会费\ud800标准') == '会费\ufffd标准'


def test_every_text_field_of_a_schema_is_cleaned_and_a_surrogate_named():
    values = validate(NoticeSchema, {'title': '关于\x07年会的通知', 'number': '中汽修协字〔2024〕1号',
                                          'date': '2024-01-02', 'body': '正文\r\n第二段\x00'})
    assert values['title'] == '关于年会的通知' and values['body'] == '正文\n第二段'
    with pytest.raises(ValidationError) as refused:
        validate(NoticeSchema, {'title': '通知\udc80', 'number': '中汽修协字〔2024〕1号', 'date': '2024-01-02'})
    assert '标题含有无法识别的字符' in str(refused.value.errors)
