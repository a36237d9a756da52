"""Markdown as sanitised HTML: tables keep their alignment, never a style."""
from bs4 import BeautifulSoup

from camra.content.markup import to_html


def cells(html):
    return BeautifulSoup(html, 'html.parser').find_all(['td', 'th'])


def test_table_columns_keep_their_alignment_as_align():
    html = to_html('| 会员 | 会费 |\n|:---:|---:|\n| 单位 | 2000 元 |\n')
    assert [c.get('align') for c in cells(html)] == ['center', 'right', 'center', 'right']
    assert 'style' not in html


def test_no_cell_keeps_a_style_that_could_lay_a_fake_notice_over_the_page():
    html = to_html('<table><tr><td style="position:fixed;top:0;left:0;width:100%;height:100%" colspan="2">'
                   '伪造的通知</td></tr></table>')
    [cell] = cells(html)
    assert cell.get('style') is None and cell.get('colspan') == '2' and cell.get_text() == '伪造的通知'
