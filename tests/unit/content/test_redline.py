"""A changed text rendered, its changes marked in place."""
from bs4 import BeautifulSoup

from camra.content.redline import to_marked_html, to_marked_line

FEES = '| 会员 | 会费 |\n|---|---|\n| 单位会员 | 会费 2000 元/年 |\n| 个人会员 | 会费 100 元/年 |'


def soup(markup):
    return BeautifulSoup(markup, 'html.parser')


def test_a_changed_fee_is_marked_inside_its_rendered_cell():
    page = soup(to_marked_html(FEES, FEES.replace('2000', '2500')))
    assert '|' not in page.get_text()                      # rendered, not Markdown
    cell = page.select('td')[1]
    assert cell.get_text() == '会费 20500 元/年'            # old and new characters in place
    assert [d.get_text() for d in cell.select('del')] == ['0']
    assert [i.get_text() for i in cell.select('ins')] == ['5']


def test_added_and_removed_lines_are_whole_marks_in_the_structure():
    page = soup(to_marked_html('## 标题\n\n- 一\n- 二', '## 新标题\n\n- 一\n- 三\n- 四'))
    assert page.h2.get_text() == '新标题' and page.h2.ins.get_text() == '新'
    items = page.select('li')
    assert [li.get_text() for li in items] == ['一', '二三', '四']
    assert items[2].ins.get_text() == '四' and '**' not in page.get_text()


def test_a_change_across_bold_text_nests_correctly():
    markup = to_marked_html('协会成立于2001年。', '协会**正式成立**于2001年4月。')
    page = soup(markup)
    # 成立 only became bold: its characters are unchanged, the added 正式 is marked.
    assert page.p.strong.get_text() == '正式成立' and page.p.strong.ins.get_text() == '正式'
    assert [i.get_text() for i in page.select('ins')] == ['正式', '4月']
    assert markup.count('<ins>') == markup.count('</ins>')


def test_unchanged_text_has_no_marks_and_titles_are_escaped():
    assert '<ins>' not in to_marked_html('同样的文字。', '同样的文字。')
    assert to_marked_line('会费<标准>', '会费<新标准>') == '会费&lt;<ins>新</ins>标准&gt;'
