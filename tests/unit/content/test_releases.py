"""Releases: frozen copies, checksums, comparisons, section history."""
import datetime

import pytest

from camra.content.comparison import compare, section_history
from camra.content.handbook import Handbook, HandbookSection
from camra.content.releases import ReleaseError, cut


def handbook(*sections):
    book = Handbook('手册')
    for number, title, body in sections:
        book.add(number.replace('.', '-'), HandbookSection(number=number, title=title, body=body))
    return book


def test_a_release_is_a_frozen_copy_with_a_checksum_of_its_text():
    book = handbook(('1', '总则', '第一条'), ('1.1', '范围', '汽修'))
    v10 = cut(book, 'v1.0', datetime.date(2022, 10, 25))
    assert v10.label == 'V1.0' and v10.slug == 'v1.0' and book['v1.0'] is v10
    book['1'].update(body='第一条（修订）')
    assert v10.section('1').body == '第一条'               # the release did not move
    v11 = cut(book, 'V1.1', datetime.date(2023, 1, 1))
    assert v11.checksum != v10.checksum and book.current_release() is v11
    assert cut(handbook(('1', '总则', '第一条'), ('1.1', '范围', '汽修')), 'V9', datetime.date(2022, 1, 1)).checksum \
        == v10.checksum                                   # the same text, the same checksum
    for label in ('1.2', 'V1.0', ''):
        with pytest.raises(ReleaseError):
            cut(book, label)
    with pytest.raises(ReleaseError):
        cut(Handbook('空'), 'V1.0')


def test_compare_and_section_history():
    book = handbook(('1', '总则', '甲'), ('2', '会员', '乙'), ('3', '会费', '500元'))
    v10 = cut(book, 'V1.0', datetime.date(2022, 1, 1))
    book['3'].update(number='4', body='600元')                    # renumbered and changed
    book.remove('2')
    book.add('2-1', HandbookSection(number='2.1', title='入会', body='丙'))
    v11 = cut(book, 'V1.1', datetime.date(2023, 1, 1))
    diff = compare(v10, v11)
    assert [s.name for s in diff.added] == ['2-1'] and [s.name for s in diff.removed] == ['2']
    assert [(o.number, n.number) for o, n in diff.moved] == [('3', '4')]
    [(old, new, title_rows, body_rows)] = diff.changed
    assert new.name == '3' and [p for p in body_rows[0].right if p[1]] == [('6', True)]
    assert section_history([v10, v11], '3') == (v10, v11)
    assert section_history([v10, v11], '1') == (v10, v10)
    assert section_history([v10, v11], '2-1') == (v11, v11)
    assert compare(v10, v10).empty
