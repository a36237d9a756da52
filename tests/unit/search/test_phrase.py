"""Phrases checked by positions: the same matches and scores as Whoosh's own."""
from whoosh import fields
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Phrase

from camra.search.analysis import analyzer, terms
from camra.search.phrase import Adjacent
from camra.search.scan import scan

TEXTS = ['汽车维修行业协会', '汽车维修，行业协会', '维修行业', '行业维修', '哈哈哈哈', '维修行业的维修行业',
         '汽车维修 行业', 'voc 排放']


def _index():
    ix = RamStorage().create_index(fields.Schema(text=fields.TEXT(analyzer=analyzer())))
    with ix.writer() as writer:
        for text in TEXTS:
            writer.add_document(text=text)
    return ix


def _found(searcher, query):
    return sorted((TEXTS[d], round(score, 6)) for d, score in scan(searcher, query, 100).scores.items())


def test_adjacent_finds_what_phrase_finds_with_the_same_scores():
    with _index().searcher() as searcher:
        for text in ['维修行业', '哈哈哈', '哈哈', '修行', 'voc排放', '维修', '汽车维修行业协会']:
            words = terms(text)
            assert _found(searcher, Adjacent('text', words)) == _found(searcher, Phrase('text', words)), text


def test_adjacent_needs_the_words_side_by_side_in_one_run():
    with _index().searcher() as searcher:
        found = [text for text, _ in _found(searcher, Adjacent('text', terms('维修行业')))]
        assert found == sorted(['汽车维修行业协会', '维修行业', '维修行业的维修行业'])
        assert _found(searcher, Adjacent('text', terms('不存在的词'))) == []


def test_a_scan_stops_at_its_budget_and_estimates_the_rest():
    with _index().searcher() as searcher:
        partial = scan(searcher, Adjacent('text', terms('维修')), 2)
        assert not partial.complete and len(partial.scores) == 2
        assert partial.estimate() >= 2 and 0 < partial.seen < 1
        whole = scan(searcher, Adjacent('text', terms('维修')), 100)
        assert whole.complete and whole.estimate() == len(whole.scores) == 6


def test_a_scan_also_stops_when_phrase_checks_run_out():
    # Both words in every document, never in the asked order: no match, but
    # each check costs; the scan gives up after its share of checks.
    ix = RamStorage().create_index(fields.Schema(text=fields.TEXT(analyzer=analyzer())))
    with ix.writer() as writer:
        for _ in range(20):
            writer.add_document(text='voc 排放')
    with ix.searcher() as searcher:
        gave_up = scan(searcher, Adjacent('text', ['排放', 'voc']), 1)
        assert not gave_up.complete and not gave_up.scores and gave_up.seen < 0.5
        assert scan(searcher, Adjacent('text', ['排放', 'voc']), 100).complete


def test_a_bonus_scores_as_whooshs_and_maybe_does():
    from whoosh.query import AndMaybe, Or, Term
    from camra.search.phrase import Bonus
    with _index().searcher() as searcher:
        found = Term('text', '维修')
        phrases = [Adjacent('text', terms('维修行业'), boost=2.0), Adjacent('text', terms('汽车'), boost=3.0)]
        assert _found(searcher, Bonus(found, phrases)) == _found(searcher, AndMaybe(found, Or(phrases)))
        # Items holding a phrase score higher than those that do not.
        scores = dict(_found(searcher, Bonus(found, phrases)))
        assert scores['汽车维修行业协会'] > scores['行业维修']


def test_one_character_is_one_term_found_anywhere_in_a_run():
    with _index().searcher() as searcher:
        found = [text for text, _ in _found(searcher, Adjacent('text', terms('修')))]
        assert found == sorted(t for t in TEXTS if '修' in t)
