"""Snippets and marks: whole characters, escaped HTML, sensible cuts."""
from camra.search.highlight import mark, snippet


def test_overlapping_bigrams_mark_every_character_once():
    assert mark('汽车维修', ['汽车', '车维']) == '<mark>汽车维</mark>修'


def test_one_character_terms_and_full_width_text():
    assert mark('大讲堂', ['堂']) == '大讲<mark>堂</mark>'
    assert mark('ＶＯＣ排放', ['voc']) == '<mark>ＶＯＣ</mark>排放'


def test_words_match_whole_and_phrases_match_across_spaces():
    assert mark('APP126 apply', ['app']) == '<mark>APP</mark>126 apply'
    assert mark('在 VOC 排放治理', [('voc排放',)]) == '在 <mark>VOC 排放</mark>治理'


def test_text_is_escaped():
    assert mark('<script>会员</script>', ['会员']) == '&lt;script&gt;<mark>会员</mark>&lt;/script&gt;'


def test_snippet_is_around_the_match_and_starts_at_a_sentence():
    text = '前面的句子很长。' * 30 + '协会组织开展“汽修大讲堂”活动，举办线上线下培训。' + '后面的内容。' * 30
    result = snippet(text, ['汽修', '修大', '大讲', '讲堂'])
    assert '<mark>汽修大讲堂</mark>' in result
    # Some context before the match, starting right after a full stop.
    assert result.startswith('…前面的句子很长。') and result.endswith('…')
    assert len(result.replace('<mark>', '').replace('</mark>', '')) < 170


def test_snippet_never_cuts_a_latin_word():
    text = '说明。' + 'word ' * 100 + '关键词' + ' more' * 100
    result = snippet(text, ['关键', '键词'])
    plain = result.replace('<mark>', '').replace('</mark>', '').strip('…')
    assert plain.split(' ')[0] in ('word', '') and plain.split(' ')[-1] in ('more', '')


def test_short_text_without_matches_is_shown_whole():
    assert snippet('简短', ['无关']) == '简短'
