"""Markdown tables as editors mean them: a line without | ends a table, and
rows that do not match their header are named."""
from bs4 import BeautifulSoup

from camra.content.markup import to_html
from camra.content.tablerules import problems

FEES = '| 会员 | 会费 |\n|---|---|\n| 单位会员 | 2000 元 |\n'


def test_a_sentence_right_after_a_table_is_a_paragraph_not_a_row():
    page = BeautifulSoup(to_html(FEES + '以上标准自2023年起执行。'), 'html.parser')
    assert len(page.select('tbody tr')) == 1
    assert page.select_one('div.table-frame + p').get_text() == '以上标准自2023年起执行。'


def test_rows_with_a_pipe_still_belong_to_the_table():
    page = BeautifulSoup(to_html(FEES + '个人会员 | 100 元\n'), 'html.parser')
    assert [td.get_text() for td in page.select('tbody td')] == ['单位会员', '2000 元', '个人会员', '100 元']


def test_the_editor_is_told_of_cells_lost_or_missing_and_of_the_line_after():
    text = FEES + '| 团体会员 | 5000 元 | 含年会 |\n| 个人会员 |\n以上标准自2023年起执行。'
    assert problems(text) == [
        '第 4 行：表格这一行有 3 格，表头只有 2 格，多出的内容不会显示。',
        '第 5 行：表格这一行只有 1 格，表头有 2 格，缺少的格将空着。',
        '第 6 行：紧接在表格后面的文字没有“|”，按表格后的段落显示；如果它是表格的一行，请用“|”分隔各格。',
    ]


def test_good_tables_and_code_blocks_raise_nothing():
    assert problems(FEES + '\n段落。') == []
    assert problems('```\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n```') == []
    assert problems(FEES.replace('2000 元', r'2000 \| 3000 元')) == []
