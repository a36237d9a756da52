"""The handbook's reading order: contents, children and previous/next."""
from camra.content.reading import children_of, neighbours, toc
from camra.content.releases import FrozenSection


def sections(*numbers):
    return [FrozenSection(n.replace('.', '-'), n, f'第{n}节', '') for n in numbers]


def test_toc_puts_each_child_under_its_top_section_in_order():
    s = sections('0', '5', '5.1', '5.2', '6', '6.10')
    assert [(top.number, [c.number for c in kids]) for top, kids in toc(s)] == [
        ('0', []), ('5', ['5.1', '5.2']), ('6', ['6.10'])]


def test_children_are_only_the_sections_directly_below():
    s = sections('5', '5.1', '5.1.1', '5.2', '6')
    assert [c.number for c in children_of(s, s[0])] == ['5.1', '5.2']


def test_neighbours_follow_reading_order_and_stop_at_the_ends():
    s = sections('5', '5.1', '6')
    assert neighbours(s, s[1]) == (s[0], s[2])
    assert neighbours(s, s[0]) == (None, s[1])
    assert neighbours(s, s[2]) == (s[1], None)


def test_a_section_is_matched_by_number_so_a_draft_finds_its_released_copy():
    released = sections('5', '5.1', '6')
    draft_copy = sections('5.1')[0]
    assert neighbours(released, draft_copy) == (released[0], released[2])


def test_a_section_not_in_the_list_has_no_neighbours():
    s = sections('5', '6')
    assert neighbours(s, sections('7')[0]) == (None, None)
    assert neighbours(s, None) == (None, None)
