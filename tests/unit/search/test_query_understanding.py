"""Query understanding, module by module: folding, keys, pinyin, synonyms."""
import pytest

from camra.search import keys, pinyin
from camra.search.folding import fold
from camra.search.synonyms import DEFAULT, SynonymError, parse


def test_traditional_folds_to_simplified_character_for_character():
    assert fold('會費標準 臺灣') == '会费标准 台湾'
    assert fold('ＶＯＣ，排放') == 'VOC,排放'
    text = '中國汽車維修行業協會（會員服務）'
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize('typed', ['中汽修协字〔2022〕35号', '〔2022〕35', '[2022]35号', '2022年35号',
                                   '中汽修协字2022第35号', '中汽修协字（2022）35号', '【2022】35号'])
def test_a_document_number_however_typed_has_the_stored_key(typed):
    assert keys.query_keys(typed)[0] in keys.number_keys('中汽修协字〔2022〕35号')


def test_a_number_without_its_year_means_any_year():
    assert keys.query_keys('35号') == ['n35'] and 'n35' in keys.number_keys('中汽修协字〔2022〕35号')
    assert keys.query_keys('2022年汽车维修') == []        # a year alone is no document number


@pytest.mark.parametrize('typed', ['T/CAMRA 002-2016', 'TCAMRA 002-2016', 'T/CAMRA002—2016', 't/camra 002-2016',
                                   'Ｔ／ＣＡＭＲＡ　００２－２０１６', 'T/CAMRA 002'])
def test_a_standard_code_however_typed_has_the_stored_key(typed):
    assert keys.query_keys(typed)[0] in keys.number_keys('T/CAMRA 002-2016')


def test_letters_and_a_number_alone_are_not_a_code():
    assert keys.query_keys('APP126') == [] and keys.query_keys('VOC 2') == []


def test_title_keys_fold_punctuation_spaces_and_outline_numbers():
    assert keys.title_key('三、 合作开展 行业赋能活动！') == keys.title_key('合作开展行业赋能活动')
    assert keys.title_key('（一）加强主体资格管理') == '加强主体资格管理'
    assert keys.title_key('6.10 评价认证认可项目') == '评价认证认可项目'


def test_pinyin_of_titles_reads_words_and_queries_split_into_syllables():
    tokens = pinyin.index_tokens('行业协会')
    assert {'hangye', 'xiehui', '^hy', '^xh'} <= set(tokens)      # 行 of 行业 is hang
    assert pinyin.query_tokens('qiche weixiu') == ['qiche', 'chewei', 'weixiu']
    assert pinyin.query_tokens('qicheweixiu') == ['qiche', 'chewei', 'weixiu']
    assert pinyin.query_tokens('qcwx') == ['^qc', '^cw', '^wx']
    assert pinyin.query_tokens('汽车') == [] and pinyin.query_tokens('2022') == []


def test_synonym_tables_read_both_ways_one_way_and_say_which_line_is_wrong():
    table = parse('# 注释\n汽修 = 汽车维修\n中汽维协 => 中国汽车维修行业协会\n\n')
    assert table.alternatives('汽修大讲堂') == ['汽车维修大讲堂']
    assert table.alternatives('汽车维修') == ['汽修']
    assert table.alternatives('中汽维协') == ['中国汽车维修行业协会']
    assert table.alternatives('中国汽车维修行业协会') == ['中国汽修行业协会']      # only 汽修's way back
    with pytest.raises(SynonymError, match='第 2 行'):
        parse('汽修 = 汽车维修\n只有一个词')
    with pytest.raises(SynonymError, match='第 1 行'):
        parse('a => b => c')


def test_the_default_table_has_the_associations_abbreviations():
    assert '中国汽车维修行业协会' in DEFAULT.alternatives('中汽维协')
    assert '旧机动车' in DEFAULT.alternatives('二手车')
