"""Analysis: text in, tokens out."""
import pytest

from camra.search.analysis import analyzer, terms


@pytest.mark.parametrize('text, mode, expected', [
    ('汽车维修', 'query', ['汽车', '车维', '维修']),
    # The index also keeps the last character alone: with the bigrams it
    # starts, every character is then found by a one-character query.
    ('汽车维修', 'index', ['汽车', '车维', '维修', '修']),
    # Traditional characters fold to simplified ones.
    ('會費標準', 'query', ['会费', '费标', '标准']),
    ('车', 'query', ['车']),
    ('VOC排放', 'query', ['voc', '排放']),
    ('ＶＯＣ排放', 'query', ['voc', '排放']),          # full-width folds to half-width
    ('T/CAMRA 002-2016', 'query', ['t', 'camra', '002', '2016']),
    ('Ｔ／ＣＡＭＲＡ　００２－２０１６', 'query', ['t', 'camra', '002', '2016']),
    ('邮发代号 28-485', 'query', ['邮发', '发代', '代号', '28', '485']),
    ('移动端APP126个', 'query', ['移动', '动端', 'app', '126', '个']),
    ('电话：010-63313302', 'query', ['电话', '010', '63313302']),
])
def test_terms(text, mode, expected):
    assert terms(text, mode) == expected


def test_character_offsets_point_into_the_original_text():
    text = 'ＶＯＣ㈠排放'     # ㈠ becomes three characters "(一)" under NFKC
    spans = [(t.text, text[t.startchar:t.endchar]) for t in analyzer()(text, chars=True)]
    assert spans == [('voc', 'ＶＯＣ'), ('一', '㈠'), ('排放', '排放')]
