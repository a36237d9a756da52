"""Official document numbers (发文字号) read however they were typed."""
import pytest

from camra.schemas.docnumber import DocNumberError, parse_docnumber


@pytest.mark.parametrize('text, expected', [
    ('中汽修协字〔2022〕35号', ('中汽修协字', 2022, 35)),
    ('中汽修协字[2022]35号', ('中汽修协字', 2022, 35)),
    ('中汽修协字（２０２２）３５号', ('中汽修协字', 2022, 35)),
    ('交运发〔2014〕186号', ('交运发', 2014, 186)),
    ('中汽修协字〔2022〕第5号', ('中汽修协字', 2022, 5)),
])
def test_parse_docnumber(text, expected):
    parsed = parse_docnumber(text)
    assert (parsed.prefix, parsed.year, parsed.serial) == expected
    assert str(parsed) == f'{expected[0]}〔{expected[1]}〕{expected[2]}号'


@pytest.mark.parametrize('text', ['', '35号', '中汽修协字2022年35号', '中汽修协字〔22〕35号',
                                  '中汽修协字〔2022〕0号', '〔2022〕35号', None])
def test_parse_docnumber_refuses(text):
    with pytest.raises(DocNumberError):
        parse_docnumber(text)
