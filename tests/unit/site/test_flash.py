from pyramid import testing

from camra.site.flash import KEEP, MAX_LENGTH, flash


def test_only_the_newest_messages_are_kept_each_cut_short():
    request = testing.DummyRequest()
    for i in range(10):
        flash(request, f'第{i}条')
    flash(request, '长' * 500)
    kept = request.session.pop_flash()
    assert len(kept) == KEEP
    assert kept[:-1] == ['第8条', '第9条']
    assert len(kept[-1]) == MAX_LENGTH and kept[-1].endswith('…')
