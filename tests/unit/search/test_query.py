"""Parsing what visitors type: never an error, whatever the input."""
import pytest

from camra.search.query import MAX_LENGTH, build, parse


def test_words_phrases_and_exclusions():
    parsed = parse('“安全 生产” 培训 -会议 －展会')
    assert [(c.terms, c.quoted) for c in parsed.clauses] == [(['安全', '生产'], True), (['培训'], False)]
    assert [c.terms for c in parsed.excluded] == [['会议'], ['展会']]
    plan = build(parsed)
    assert 'ANDNOT' in str(plan.every) and plan.some is None   # one loose term: nothing more to find
    assert plan.together.words == ['安全', '生产', '培训'] and plan.together.boost > 1   # side by side weigh more


def test_a_chunk_of_several_terms_is_a_phrase_in_the_first_tier_and_loose_in_the_second():
    plan = build(parse('VOC排放'))
    assert 'all:"voc 排放"' in str(plan.every)
    assert 'all:voc' in str(plan.some) and 'all:排放' in str(plan.some)
    assert 'title:"voc 排放"' in map(str, plan.titles) and plan.together is None


@pytest.mark.parametrize('text', ['', '   ', None, '-', '"', '""', '“', '「」', '-"x', '\x00', '!!!', '-—-'])
def test_odd_input_parses_to_something(text):
    parsed = parse(text)
    assert parsed.empty or parsed.clauses


def test_long_input_is_cut():
    parsed = parse('汽车' * 500)
    assert parsed.truncated and len(parsed.text) == MAX_LENGTH and not parsed.empty
