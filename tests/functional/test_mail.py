"""Review by e-mail, through a real local SMTP server (aiosmtpd): reviewers
hear of a submission, authors of a publication or a sending back; a down
server fails no save and gets the mail later; no mail for a rolled-back write."""
import email
import email.policy
import os

import pytest
import transaction
from aiosmtpd.controller import Controller
from webtest import TestApp

from camra.content.actions import Create, Transition
from camra.content.registry import TYPES
from camra.content.root import APP_ROOT
from camra.site import database

PASSWORD = 'correct horse battery'


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return '250 OK'


@pytest.fixture
def smtp(ports):
    """``smtp(port=None)``: a running SMTP server collecting what it gets."""
    controllers = []

    def start(port=None):
        inbox = Inbox()
        controller = Controller(inbox, hostname='127.0.0.1', port=port or ports())
        controller.start()
        controllers.append(controller)
        inbox.port = controller.port
        return inbox
    yield start
    for controller in controllers:
        controller.stop()


def make_site(app_factory, port, **settings):
    app = app_factory(demo='true', **{'mail.host': '127.0.0.1', 'mail.port': str(port), 'mail.interval': '3600',
                                      **settings})
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    principals = conn.root()[APP_ROOT].principals
    for name, role, address in [('ed', 'editor', 'ed@example.org'), ('rev', 'reviewer', 'rev@example.org'),
                                ('rev2', 'reviewer', 'rev2@example.org'), ('quiet', 'reviewer', 'quiet@example.org')]:
        principals.add(name, role, PASSWORD, email=address)
    principals.get('quiet').notify = False
    tm.commit()
    conn.close()
    return app


def signed_in(app, name, login):
    testapp = TestApp(app)
    login(testapp, name, PASSWORD)
    return testapp


def submit_a_notice(ed):
    form = ed.get('/notices/@@add?type=notice').forms['edit']
    form['title'], form['number'], form['date'] = '关于召开年会的通知', '中汽修协字〔2026〕60号', '2026-11-01'
    url = form.submit('save', status=303).location.split('@@edit')[0]
    ed.post(url + '@@transition', {'name': 'submit', 'note': '请尽快审核', 'csrf_token': _token(ed)}, status=303)
    return url


def _token(testapp):
    import re
    return re.search(r'name="csrf_token" value="([^"]+)"', testapp.get('/login').text)[1]


def test_reviewers_hear_of_a_submission_and_the_author_of_its_publication(app_factory, smtp, login):
    inbox = smtp()
    app = make_site(app_factory, inbox.port)
    ed, rev = signed_in(app, 'ed', login), signed_in(app, 'rev', login)
    url = submit_a_notice(ed)
    app.registry.mail_sender.send_now()
    [(to, message)] = inbox.messages
    assert sorted(to) == ['rev2@example.org', 'rev@example.org']       # not the one who turned it off
    assert message['Subject'] == '【待审核】关于召开年会的通知'
    body = message.get_content()
    assert '中汽修协字〔2026〕60号' in body and '请尽快审核' in body
    assert '/notices/2026-60/@@edit' in body
    rev.post(url + '@@transition', {'name': 'publish', 'csrf_token': _token(rev)}, status=303)
    app.registry.mail_sender.send_now()
    to, message = inbox.messages[1]
    assert to == ['ed@example.org'] and message['Subject'] == '【已发布】关于召开年会的通知'


def test_each_user_sets_their_address_or_turns_review_mail_off(app_factory, smtp, login):
    inbox = smtp()
    app = make_site(app_factory, inbox.port)
    rev, rev2, ed = signed_in(app, 'rev', login), signed_in(app, 'rev2', login), signed_in(app, 'ed', login)
    form = rev.get('/@@preferences').forms['preferences']
    form['email'] = 'not an address'
    assert '邮箱地址格式不正确' in form.submit(status=400).text
    form = rev.get('/@@preferences').forms['preferences']
    form['email'] = 'shen.he@example.org'
    form.submit(status=303)
    form = rev2.get('/@@preferences').forms['preferences']
    form['notify'] = False
    form.submit(status=303)
    submit_a_notice(ed)
    app.registry.mail_sender.send_now()
    assert [to for to, _ in inbox.messages] == [['shen.he@example.org']]


def test_a_down_mail_server_fails_no_save_and_gets_the_mail_when_it_is_back(app_factory, smtp, ports, login):
    port = ports()                                # nothing listens there yet
    app = make_site(app_factory, port)
    submit_a_notice(signed_in(app, 'ed', login))  # answered 303: saved and submitted
    app.registry.mail_sender.send_now()           # refused: stays queued
    inbox = smtp(port)
    app.registry.mail_sender.send_now()
    assert len(inbox.messages) == 1 and inbox.messages[0][1]['Subject'].startswith('【待审核】')


def test_no_mail_for_a_write_that_rolled_back(app_factory, smtp):
    inbox = smtp()
    app = make_site(app_factory, inbox.port)
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    site = conn.root()[APP_ROOT]
    ed = site.principals.get('ed')
    item = Create(site, ed, site['notices'], TYPES['notice'],
                  {'title': '不会发出', 'number': '中汽修协字〔2026〕61号', 'date': __import__('datetime').date(2026, 1, 1),
                   'state': 'private'}).execute()
    Transition(site, ed, item, 'submit').execute()
    tm.abort()
    conn.close()
    app.registry.mail_sender.send_now()
    assert inbox.messages == []


def test_without_a_mail_server_mail_is_kept_in_a_folder_and_the_dashboard_says_so(app_factory, login, tmp_var):
    app = make_site(app_factory, 25, **{'mail.host': ''})
    submit_a_notice(signed_in(app, 'ed', login))
    app.registry.mail_sender.send_now()
    outbox = tmp_var / 'mail' / 'outbox'
    [kept] = [f for f in os.listdir(outbox) if f.endswith('.eml')]
    message = email.message_from_bytes((outbox / kept).read_bytes(), policy=email.policy.default)
    assert message['Subject'] == '【待审核】关于召开年会的通知'
    boss = TestApp(app)
    tm = transaction.TransactionManager()
    conn = database(app).open(transaction_manager=tm)
    conn.root()[APP_ROOT].principals.add('boss', 'admin', PASSWORD)
    tm.commit()
    conn.close()
    login(boss, 'boss', PASSWORD)
    assert 'var/mail/outbox' in boss.get('/@@dashboard').text
