"""Users, roles and passwords; the step that gives older sites their users."""
import pytest

from camra.content.evolve import available_steps
from camra.content.principals import PrincipalError, Principals, check_password
from camra.content.root import SiteRoot

GOOD = 'a long enough password'


def test_passwords_are_hashed_and_roles_include_the_ones_below():
    users = Principals()
    user = users.add('li', 'reviewer', 'a long enough secret')
    assert 'secret' not in user.password_hash and user.password_hash.startswith('$argon2id$')
    assert user.check_password('a long enough secret') and not user.check_password('A long enough secret')
    assert user.has_role('editor') and user.has_role('reviewer') and not user.has_role('admin')
    user.active = False
    assert not user.has_role('editor')


@pytest.mark.parametrize('name, role, password', [
    ('li', 'editor', GOOD), ('a b', 'editor', GOOD), ('wang', 'boss', GOOD),
    ('wang', 'editor', 'short'), ('', 'editor', GOOD),
])
def test_taken_or_bad_names_roles_and_short_passwords_are_refused(name, role, password):
    users = Principals()
    users.add('li', 'editor', GOOD)
    with pytest.raises(PrincipalError):
        users.add(name, role, password)
    assert len(users) == 1


def test_the_accounts_step_gives_an_older_site_its_users_and_audit_log():
    site = SiteRoot()
    del site.principals, site.audit
    step = dict(available_steps())[1]
    step.evolve(site)
    assert len(site.principals) == 0 and len(site.audit) == 0


def test_the_trash_step_gives_an_older_site_its_bin_redirects_and_presence():
    site = SiteRoot()
    del site.trash, site.redirects, site.presence
    dict(available_steps())[2].evolve(site)
    assert len(site.trash) == 0 and site.redirects.resolve('/notices/x') is None
    assert site.presence.others('/notices/x', 'ed') == []


def test_the_releases_step_gives_an_older_handbook_its_releases():
    site = SiteRoot()
    del site['handbook'].releases
    dict(available_steps())[3].evolve(site)
    assert site['handbook'].current_release() is None


def test_names_that_differ_only_in_case_are_one_account():
    principals = Principals()
    principals.add('ed1', 'editor', 'a long enough password')
    with pytest.raises(PrincipalError, match='不分大小写'):
        principals.add('ED1', 'editor', 'a long enough password')
    user, ok = principals.authenticate('Ed1', 'a long enough password')
    assert ok and user.name == 'ed1'


@pytest.mark.parametrize('password', ['1234567890', 'Password123', 'woaini1314', 'qwertyuiop', 'aaaaaaaaaaaa',
                                      'abababababab'])
def test_the_commonest_passwords_are_refused_with_a_reason(password):
    with pytest.raises(PrincipalError, match='太常见'):
        check_password(password)
    assert check_password('会员服务 手册 2026') == '会员服务 手册 2026'
