"""Side-by-side diffs: lines aligned, changed lines marked by character."""
from camra.content.diff import CHANGE, DELETE, EQUAL, INSERT, changed, side_by_side


def test_lines_align_and_changed_lines_mark_only_the_changed_characters():
    rows = side_by_side('一、会费\n年费500元\n旧条款\n结尾', '一、会费\n年费600元\n结尾\n新条款')
    assert [r.kind for r in rows] == [EQUAL, CHANGE, DELETE, EQUAL, INSERT]
    assert rows[1].left == [('年费', False), ('5', True), ('00元', False)]
    assert rows[1].right == [('年费', False), ('6', True), ('00元', False)]
    assert rows[2].right is None and rows[4].left is None
    assert changed(rows) and not changed(side_by_side('同一段', '同一段'))


def test_a_block_of_changed_lines_pairs_what_it_can():
    rows = side_by_side('甲\n乙', '甲一\n乙一\n丙一')
    assert [r.kind for r in rows] == [CHANGE, CHANGE, INSERT]
    assert side_by_side('', '') == [] and [r.kind for r in side_by_side(None, '新')] == [INSERT]
