"""Official document text in, notice fields out (GB/T 9704's parts)."""
from camra.content.importers import notice_text

DOC = """中国汽车维修行业协会文件

中汽修协字[2025]第7号

关于开展2025年汽车维修质量服务月
活动的通知

各会员单位、各地方行业协会：

一、活动主题

诚信维修，放心消费。

（一）组织领导

各单位要高度重视。

附件：1. 活动方案
      2. 报名表

中国汽车维修行业协会

2025年3月1日

（此件公开发布）

抄送：交通运输部运输服务司。

中国汽车维修行业协会秘书处  2025年3月2日印发
"""


def test_every_part_is_found_where_the_standard_puts_it():
    [notice] = notice_text.parse(DOC)
    assert notice['number'] == '中汽修协字〔2025〕7号'         # the standard form
    assert notice['issuer'] == '中国汽车维修行业协会'
    assert notice['title'] == '关于开展2025年汽车维修质量服务月活动的通知'   # two lines joined
    assert notice['recipients'] == '各会员单位、各地方行业协会'
    assert notice['body'] == '## 一、活动主题\n\n诚信维修，放心消费。\n\n### （一）组织领导\n\n各单位要高度重视。'
    assert notice['attachment_notes'] == ['活动方案', '报名表']
    assert notice['date'] == '2025-03-01'
    assert (notice['cc'], notice['printed_by'], notice['printed_on']) == (
        '交通运输部运输服务司', '中国汽车维修行业协会秘书处', '2025-03-02')


def test_a_text_without_a_number_in_its_head_is_no_notice():
    assert notice_text.parse('宁波市二手车流通协会\n2021年度工作总结\n\n一、工作回顾\n\n全年交易36万辆。') is None


def test_lines_of_pdf_pages_are_joined_back_into_paragraphs():
    page = ('中国汽车维修行业协会文件\n中汽修协字〔2022〕35号\n关于发布《会员服务手册》的通知\n各会员单位：\n'
            '为规范我会对会员服务的内容和流程，持续提升服务能\n力，更好的服务于会员单位，现编制发布《会员服务手册》，供\n'
            '我会各分支机构和会员单位在工作中使用。\n特此通知。\n— 1 —\n中国汽车维修行业协会\n2022年10月25日')
    lines = notice_text.reflow(page).split('\n')
    assert lines == ['中国汽车维修行业协会文件', '中汽修协字〔2022〕35号', '关于发布《会员服务手册》的通知', '各会员单位：',
                     '为规范我会对会员服务的内容和流程，持续提升服务能力，更好的服务于会员单位，现编制发布《会员服务手册》，'
                     '供我会各分支机构和会员单位在工作中使用。', '特此通知。', '中国汽车维修行业协会', '2022年10月25日']
