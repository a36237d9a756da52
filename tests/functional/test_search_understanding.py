"""Search understands how people type: document numbers and codes however
written, traditional characters, pinyin, one wrong character, and the
synonym table that admins edit."""
JSON = {'Accept': 'application/json'}

NUMBER_VARIANTS = ['中汽修协字〔2022〕35号', '35号', '〔2022〕35', '[2022]35号', '2022年35号',
                   '中汽修协字2022第35号', '中汽修协字（2022）35号']
CODE_VARIANTS = ['T/CAMRA 002-2016', 'TCAMRA 002-2016', 'T/CAMRA002—2016', 't/camra 002-2016']


def answer(testapp, q):
    return testapp.get('/search', {'q': q}, headers=JSON).json


def first(testapp, q):
    results = answer(testapp, q)['results']
    return results[0]['url'].split('localhost', 1)[1] if results else None


def test_numbers_codes_and_traditional_characters_however_typed(seeded_users):
    public = seeded_users()
    for q in NUMBER_VARIANTS:
        assert first(public, q) == '/notices/2022-35/', q
    for q in CODE_VARIANTS:
        assert first(public, q) == '/handbook/6-10/', q
    assert first(public, '結對幫扶') == first(public, '结对帮扶') == '/handbook/6-9/'
    assert first(public, '會費標準') == '/handbook/7-3/'


def test_pinyin_and_a_mistyped_character(seeded_users):
    public = seeded_users()
    spoken = answer(public, 'jiedui bangfu')
    assert spoken['pinyin'] and spoken['results'][0]['url'].endswith('/handbook/6-9/')
    page = public.get('/search', {'q': 'jiedui bangfu'})
    assert '按拼音找到' in page.text
    typo = public.get('/search', {'q': '结对帮付'})
    link = typo.html.select_one('.suggestion a')
    assert link.text == '结对帮扶'
    assert '/handbook/6-9/' in public.get(link['href']).text


def test_admins_edit_the_synonym_table_and_results_say_what_was_also_searched(seeded_users):
    boss, ed, public = seeded_users('boss'), seeded_users('ed'), seeded_users()
    ed.get('/@@synonyms', status=403)
    form = boss.get('/@@synonyms').forms['synonyms']
    assert '汽修 = 汽车维修' in form['text'].value          # the table search ships with
    form['text'] = '讲习班 = 大讲堂\n只有一个词'
    refused = form.submit('action', value='save', status=400)
    assert '第 2 行' in refused.text and '讲习班 = 大讲堂' in refused.text   # what was typed is kept
    form = refused.forms['synonyms']
    form['text'] = '讲习班 = 大讲堂'
    form.submit('action', value='save', status=303)
    found = answer(public, '汽修讲习班')
    assert found['also_searched'] == ['汽修大讲堂']
    assert found['results'][0]['url'].endswith('/handbook/6-7/')
    assert '也搜索了：汽修大讲堂' in public.get('/search', {'q': '汽修讲习班'}).text
    boss.get('/@@synonyms').forms['synonyms'].submit('action', value='default', status=303)
    assert '汽修大讲堂' not in answer(public, '汽修讲习班')['also_searched']
