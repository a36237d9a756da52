"""Sessions that can be ended: signing out or a new password ends every
session of the account, and no sign-in lasts past ``session.max_hours``."""
import time

from webtest import TestApp


def copy_of(testapp):
    """Another browser holding the same session cookie (a stolen or second copy)."""
    other = TestApp(testapp.app)
    for cookie in testapp.cookiejar:
        other.cookiejar.set_cookie(cookie)
    return other


def test_signing_out_ends_the_session_for_every_copy_of_its_cookie(users, login, csrf):
    ed = TestApp(users)
    login(ed, 'ed')
    stolen = copy_of(ed)
    stolen.get('/@@dashboard', status=200)
    ed.post('/logout', {'csrf_token': csrf(ed)}, status=303)
    assert stolen.get('/@@dashboard', status=303).location.split('?')[0].endswith('/login')
    again = TestApp(users)
    login(again, 'ed')                  # signing in again works, and only the new session does
    again.get('/@@dashboard', status=200)
    stolen.get('/@@dashboard', status=303)


def test_a_new_password_ends_every_session_of_the_account(users, login, csrf, password):
    laptop, phone, boss = TestApp(users), TestApp(users), TestApp(users)
    for testapp, name in [(laptop, 'ed'), (phone, 'ed'), (boss, 'boss')]:
        login(testapp, name)
    form = boss.get('/@@users').forms['user-ed']
    form['password'] = 'a brand new password'
    form.submit(status=303)
    for testapp in (laptop, phone):
        testapp.get('/@@dashboard', status=303)
    boss.get('/@@dashboard', status=200)             # the admin's own session is not touched
    login(TestApp(users), 'ed', password, status=400)
    login(TestApp(users), 'ed', 'a brand new password')


def test_no_sign_in_lasts_past_its_hours_however_active(app_factory, with_users, login):
    app = with_users(app_factory(demo='true', **{'session.max_hours': str(3 / 3600)}))
    ed = TestApp(app)
    signed_in = time.monotonic()
    login(ed, 'ed')
    ed.get('/@@dashboard', status=200)
    time.sleep(1.0)
    ed.get('/@@dashboard', status=200)                # active: the session is reissued...
    assert time.monotonic() - signed_in < 3, 'the machine is too slow for this test'
    time.sleep(max(0.0, signed_in + 4.2 - time.monotonic()))   # times are kept in whole seconds
    ed.get('/@@dashboard', status=303)                # ...but 3 s after signing in it ends
