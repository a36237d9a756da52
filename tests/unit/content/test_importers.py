"""The text importers on the real seed documents."""
import re
from collections import Counter

from camra.content.importers import read_file

# Tab-separated blocks in seed 000: leaders (3), departments (4), two per
# project in 6.1-6.13 (the project, then its contact under a caption line),
# three in 6.14 and the fee table in 7.3.
TABLES = 1 + 1 + 13 * 2 + 3 + 1


def records(parsed):
    return [r for _, r in parsed.records]


def test_handbook_seed(seeds):
    parsed = read_file(seeds('000'))
    assert parsed.kind == 'handbook' and parsed.handbook_version == 'V1.0'
    items = records(parsed)
    assert Counter(r['type'] for r in items) == {'handbook_section': 44, 'association': 94, 'notice': 1}

    notice = items[0]
    assert notice['type'] == 'notice'
    assert notice['number'] == '中汽修协字〔2022〕35号'
    assert notice['date'] == '2022-10-25'
    assert notice['issuer'] == '中国汽车维修行业协会'
    assert notice['title'] == '关于发布《会员服务手册》的通知'
    assert notice['recipients'] == '各会员单位'          # 主送, apart from the body
    assert notice['body'].startswith('为规范我会') and notice['body'].endswith('特此通知。')

    sections = {r['number']: r for r in items if r['type'] == 'handbook_section'}
    # the table of contents is skipped: 目录 entries with page numbers are not a section body
    assert '目 录' not in sections['0']['body'] and '\t' not in ''.join(s['body'] for s in sections.values())
    assert sections['0']['title'] == '前言'
    assert sections['5.10']['title'] == '中国汽车维修行业协会汽车信息工作委员会'
    assert sections['6.8']['title'].endswith('(AMR)')
    # numbered paragraphs are not headings: section 1 keeps its text about 2014/2019
    assert '2014 及 2019 年' in sections['1']['body']
    separators = re.compile(r'^\|( --- \|)+$', re.M)
    tables = {n: len(separators.findall(s['body'])) for n, s in sections.items()}
    assert sum(tables.values()) == TABLES
    assert tables['3'] == 1 and tables['4'] == 1 and tables['6.1'] == 2 and tables['6.14'] == 3 and tables['7.3'] == 1
    fees = sections['7.3']['body']
    assert '| 会长/副会长单位 | 会费 30000 元/年; |' in fees
    leaders = sections['3']['body'].split('\n')
    assert leaders[0] == '| 担任 协会职务 | 姓名 | 原单位名称职务 |' and len(leaders) == 19


def test_handbook_directory_entries_every_one_once(seeds):
    items = records(read_file(seeds('000')))
    names = [r['title'] for r in items if r['type'] == 'association']
    source = seeds('000').read_text(encoding='utf-8').split('9.2 密切联系的汽车维修行业协会名单')[-1]
    listed = [line[2:].strip() for line in source.splitlines() if line.startswith('- ')]
    assert names == listed and len(set(names)) == 94
    assert names[0] == '中国汽车维修行业协会' and names[-1] == '新疆维吾尔自治区道路运输协会'


def test_official_document_seed_becomes_news_with_headings(seeds):
    parsed = read_file(seeds('004'))
    assert parsed.kind == 'official_doc'
    [news] = records(parsed)
    assert news['type'] == 'news'
    assert news['title'] == '宁波市二手车流通协会2021年度工作总结和2022年度工作思路（审议稿）'
    assert news['source'] == '宁波市二手车流通协会'
    assert news['date'] == '2022-01-01'
    body = news['body']
    assert '[bookmark' not in body and '附件1' not in body
    lines = body.split('\n')
    assert [ln for ln in lines if ln.startswith('## ')] == ['## （一）2021年度工作总结', '## （二）2022年度工作思路']
    chapters = [ln for ln in lines if ln.startswith('### ')]
    assert len(chapters) == 10 and chapters[0] == '### 一、以规范促发展，推进“两项制度”日常平稳运行'
    assert '### 二、以互动促交流，积极发挥桥梁纽带作用' in chapters  # after its bookmark was dropped
    assert '**（一）加强主体资格管理。**确保主体资格有效' in body


def test_word_debris_and_tables_in_text_blocks():
    from camra.content.importers.textblocks import clean, to_markdown
    text = clean('[bookmark: _Hlk1]标题\r\n\r\n名称\t<p>甲</p> <p>乙</p>\t\t\n值|1\t2\t\t\n\n1. 不是列表')
    markdown, tables = to_markdown(text.split('\n'))
    assert tables == 1
    assert markdown == '标题\n\n| 名称 | 甲<br>乙 |\n| --- | --- |\n| 值\\|1 | 2 |\n\n1\\. 不是列表'


def test_a_word_handbook_reads_like_its_text(seeds):
    """The seed handbook typed into Word (its fee list as a real table)
    imports as the same handbook as the text."""
    import io

    import docx

    from camra.content.importers import handbook_text
    from camra.content.importers.word import docx_text
    text = seeds('000').read_text(encoding='utf-8')
    document = docx.Document()
    fee_rows = [line for line in text.split('\n') if line.endswith('元/年;') or line.endswith('元/年。')]
    for line in text.split('\n'):
        if line in fee_rows[1:]:
            continue
        if line == fee_rows[0]:
            table = document.add_table(rows=len(fee_rows), cols=2)
            for row, fee in zip(table.rows, fee_rows):
                for cell, value in zip(row.cells, fee.split('\t')):
                    cell.text = value
            continue
        paragraph = document.add_paragraph()
        for i, part in enumerate(line.split('\t')):
            if i:
                paragraph.add_run().add_tab()
            paragraph.add_run(part)
    buffer = io.BytesIO()
    document.save(buffer)
    from_word, version = handbook_text.parse(docx_text(buffer.getvalue()))
    from_text, _ = handbook_text.parse(text)
    assert version == 'V1.0' and from_word == from_text
