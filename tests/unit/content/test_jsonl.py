"""JSON Lines: round trip, bad lines, re-import."""
import base64
import json

import pytest

from camra.content.demo import load_demo
from camra.content.importers import read_file
from camra.content.jsonl import export_lines, import_lines
from camra.content.loader import ImportFailed, apply, prepare
from camra.content.root import SiteRoot


def test_round_trip_of_seed_and_demo_content_is_identical(seeds):
    site = SiteRoot()
    load_demo(site)
    for prefix in ('000', '004'):
        apply(site, prepare(read_file(seeds(prefix)).records))
    pdf = {'filename': '附件一.pdf', 'content_type': 'application/pdf',
           'data': base64.b64encode(b'%PDF-1.4 x').decode()}
    import_lines(site, [json.dumps({'type': 'notice', 'id': 'att', 'title': '带附件', 'number': '测试〔2024〕2号',
                                    'date': '2024-02-02', 'attachments': [pdf], 'state': 'private'},
                                   ensure_ascii=False)])
    first = list(export_lines(site))
    fresh = SiteRoot()
    import_lines(fresh, first)
    assert list(export_lines(fresh)) == first
    records = [json.loads(line) for line in first]
    assert {r['type'] for r in records} == {'handbook_section', 'standard', 'notice', 'news',
                                            'magazine_issue', 'association', 'page'}
    attached = next(r for r in records if r['id'] == 'att')
    assert attached['attachments'] == [pdf] and attached['state'] == 'private'
    section = next(r for r in records if r['type'] == 'handbook_section' and r['number'] == '7.3')
    assert section['id'] == '7-3' and '30000' in section['body']


def test_state_defaults_to_published():
    site = SiteRoot()
    import_lines(site, ['{"type": "page", "id": "about", "title": "关于"}'])
    assert site['about'].state == 'published'


def test_bad_lines_are_reported_with_numbers_and_nothing_is_imported():
    site = SiteRoot()
    lines = ['{"type": "page", "id": "ok", "title": "好"}',
             '',
             '{"type": "notice", "title": "x", "number": "第35号", "date": "2022-13-01"}',
             '{"type": "spaceship", "title": "?"}',
             '{"type": "page", "id": "a/b", "title": "坏名字"}',
             '{"type": "page", "id": "ok", "title": "重复"}']
    with pytest.raises(ImportFailed) as failed:
        import_lines(site, lines)
    lines_reported = [line for line, _ in failed.value.problems]
    assert lines_reported == [3, 4, 5, 6]
    message = str(failed.value)
    assert '第 3 行' in message and '文号格式不正确' in message and '日期格式不正确' in message
    assert '未知的内容类型' in message and '重复' in message
    assert 'ok' not in site


def test_not_json_is_reported():
    with pytest.raises(ImportFailed) as failed:
        import_lines(SiteRoot(), ['{"type": "page"', '[1, 2]'])
    assert failed.value.problems[0][0] == 1


def test_reimport_updates_instead_of_doubling(seeds):
    site = SiteRoot()
    first = apply(site, prepare(read_file(seeds('000')).records))
    again = apply(site, prepare(read_file(seeds('000')).records))
    assert first['added'] == 139 and again == {'added': 0, 'updated': 0, 'unchanged': 139}
    assert len(site['directory']) == 94 and len(site['handbook']) == 44 and len(site['notices']) == 1


def test_an_import_that_changes_an_item_records_a_revision_and_shows_it():
    site = SiteRoot()
    line = '{"type": "page", "id": "about", "title": "关于", "body": "旧的介绍"}'
    import_lines(site, [line])
    import_lines(site, [line])                          # the same again: nothing written
    assert site['about'].history is None
    import_lines(site, [line.replace('旧的介绍', '新的介绍')])
    page = site['about']
    history = page.history
    assert [(r.number, r.who, r.note) for r in history.revisions()] == [
        (2, 'import', '导入更新'), (1, '', '导入的原始版本')]
    assert history.values(1)['body'] == '旧的介绍' and history.values(2)['body'] == '新的介绍'
    assert page.body == '新的介绍' and page.live_revision == 2
