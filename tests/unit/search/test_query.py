"""Parsing what visitors type: never an error, whatever the input."""
import pytest

from camra.search.query import MAX_LENGTH, build, parse


def test_words_phrases_and_exclusions():
    parsed = parse('“安全 生产” 培训 -会议 －展会')
    assert [(c.terms, c.quoted) for c in parsed.clauses] == [(['安全', '生产'], True), (['培训'], False)]
    assert [c.terms for c in parsed.excluded] == [['会议'], ['展会']]
    every, some = build(parsed)
    assert 'ANDNOT' in str(every) and some is None   # one loose term: nothing more to find


def test_a_chunk_of_several_terms_is_a_phrase_in_the_first_tier_and_loose_in_the_second():
    every, some = build(parse('VOC排放'))
    assert 'text:"voc 排放"' in str(every)
    assert 'text:voc' in str(some) and 'text:排放' in str(some)


@pytest.mark.parametrize('text', ['', '   ', None, '-', '"', '""', '“', '「」', '-"x', '\x00', '!!!', '-—-'])
def test_odd_input_parses_to_something(text):
    parsed = parse(text)
    assert parsed.empty or parsed.clauses


def test_long_input_is_cut():
    parsed = parse('汽车' * 500)
    assert parsed.truncated and len(parsed.text) == MAX_LENGTH and not parsed.empty
