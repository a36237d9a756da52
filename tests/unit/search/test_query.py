"""Parsing what visitors type: never an error, whatever the input."""
import pytest

from camra.search.query import MAX_LENGTH, parse
from camra.search.synonyms import parse as parse_synonyms


def test_words_phrases_and_exclusions():
    parsed = parse('“安全 生产” 培训 -会议 －展会')
    assert [(c.terms, c.quoted) for c in parsed.clauses] == [(['安全', '生产'], True), (['培训'], False)]
    assert [c.terms for c in parsed.excluded] == [['会议'], ['展会']]


@pytest.mark.parametrize('text, asked, together', [
    # The bigram joining two words is no part of the subject: it only adds.
    ('会费标准', ['会费', '标准'], ['费标']),
    ('深圳汽车维修协会', ['深圳', '汽车', '维修', '协会'], ['圳汽', '车维', '修协']),
    # Question words and lone characters say nothing of the subject.
    ('协会什么时候成立的', ['协会', '成立'], []),
    ('会费怎么交', ['会费'], []),
    ('什么', ['什么'], []),                  # nothing else left: kept
    ('VOC排放', ['voc', '排放'], []),
    ('会费 标准', ['会费', '标准'], ['费标']),   # clauses typed side by side
])
def test_chinese_is_cut_into_words(text, asked, together):
    parsed = parse(text)
    assert [t for c in parsed.clauses for t in c.terms] == asked
    assert parsed.together == together


def test_synonyms_give_alternatives_and_are_reported():
    table = parse_synonyms('汽修 = 汽车维修\n中汽维协 => 中国汽车维修行业协会')
    parsed = parse('汽修大讲堂', table)
    assert parsed.expanded == ['汽车维修大讲堂']
    assert '中汽维协' not in parse('中国汽车维修行业协会', table).expanded      # one way only
    assert parse('汽车维修', table).expanded == ['汽修']


def test_keys_of_numbers_codes_and_titles():
    assert parse('中汽修协字〔2022〕35号').keys == ['y2022n35']
    assert parse('T/CAMRA 002-2016').keys == ['ctcamra0022016']
    assert parse('三、 缴纳会费').title_key == '缴纳会费'


@pytest.mark.parametrize('text', ['', '   ', None, '-', '"', '""', '“', '「」', '-"x', '\x00', '!!!', '-—-'])
def test_odd_input_parses_to_something(text):
    parsed = parse(text)
    assert parsed.empty or parsed.clauses


def test_long_input_is_cut():
    parsed = parse('汽车' * 500)
    assert parsed.truncated and len(parsed.text) == MAX_LENGTH and not parsed.empty


def test_a_query_of_a_hundred_words_scores_at_most_max_terms():
    from camra.search.query import MAX_TERMS
    parsed = parse(' '.join(chr(0x4e00 + 7 * i) + chr(0x4e01 + 7 * i) for i in range(100)))
    assert parsed.too_many_terms and sum(len(c.terms) for c in parsed.clauses) <= MAX_TERMS
    assert not parse('会费标准').too_many_terms


def test_lone_characters_cost_more_so_a_hundred_of_them_keep_only_a_few():
    from camra.search.query import LONE_COST, MAX_TERMS
    parsed = parse(' '.join(chr(0x4e00 + 7 * i) for i in range(100)))
    assert parsed.too_many_terms and len(parsed.clauses) == MAX_TERMS // LONE_COST
    assert not parse('会 费 标 准').too_many_terms and len(parse('会 费 标 准').clauses) == 4
