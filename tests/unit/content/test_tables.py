"""Tables for phones: a scrolling frame, and cells that must stay whole marked."""
from camra.content import tables
from camra.content.markup import to_html

CONTACTS = """\
| 部门名称 | 职能 | 负责人 | 电话 |
|---|---|---|---|
| 综合事务部 | 负责协会秘书处的内勤、文秘、人事、劳资、档案、财务、法务、注册登记、年审等管理工作。 | 邱红 | 010-63310622 |
"""


def test_short_and_code_like_cells_stay_whole_long_ones_wrap():
    assert tables.keeps_whole('邱红')
    assert tables.keeps_whole('综合事务部')
    assert tables.keeps_whole('010-6331 0622')
    assert tables.keeps_whole('T/CAMRA 002-2016')
    assert tables.keeps_whole('2022-10-25')
    assert not tables.keeps_whole('负责协会秘书处的内勤、文秘、人事')
    assert not tables.keeps_whole('A long English sentence that should wrap like any other text.')


def test_a_rendered_table_sits_in_a_focusable_frame_with_its_cells_marked():
    html = to_html(CONTACTS)
    assert html.startswith('<div class="table-frame" tabindex="0" role="region" aria-label="表格"><table>')
    assert html.rstrip().endswith('</table></div>')
    assert '<th class="nowrap">部门名称</th>' in html
    assert '<td class="nowrap">010-63310622</td>' in html
    assert '<td>负责协会秘书处的内勤' in html            # the long cell wraps


def test_alignment_and_inline_marks_survive_the_marking():
    html = to_html('| 代码 |\n|--:|\n| **T/CAMRA 002-2016** |\n')
    assert '<td align="right" class="nowrap"><strong>T/CAMRA 002-2016</strong></td>' in html


def test_text_without_a_table_is_untouched():
    assert tables.fit('<p>没有表格</p>') == '<p>没有表格</p>'
