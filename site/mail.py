"""Review by e-mail: reviewers hear that something was submitted, its author
that it was published or sent back (``camra.content.events`` subscribers to
``Transition``).

Mail joins the transaction of the write: it is put in a queue folder
(``var/mail/queue``, a Maildir, through pyramid_mailer) only when the write
commits, so nothing goes out for a save that rolled back. A sender thread delivers the queue every
``mail.interval`` seconds by SMTP (``mail.host``, ``mail.port``,
``mail.username``, ``mail.password``, ``mail.tls``, ``mail.ssl``); a message
the server refuses for now stays queued and is tried again, so a down SMTP
server never fails a save. With no ``mail.host``, messages are written to
``var/mail/outbox`` instead, and the dashboard says so. Each user sets their
address and may turn review mail off (``@@preferences``).
"""
import email
import email.header
import itertools
import logging
import os
import re
import smtplib
import threading
import time

from pyramid_mailer.mailer import Mailer
from pyramid_mailer.message import Message

from camra.content import events
from camra.content.actions import Transition
from camra.content.changes import path_of
from camra.content.principals import REVIEWER
from camra.content.registry import info_of
from camra.content.workflow import started_by

from . import hosts
from .settings import as_bool

log = logging.getLogger(__name__)
# What each transition tells, and to whom: reviewers, or the item's author.
NEWS = {
    'submit': ('reviewers', '待审核', '{who} 提交了《{title}》，等待审核。', '@@edit'),
    'publish': ('author', '已发布', '{who} 发布了您的《{title}》。', ''),
    'publish_draft': ('author', '已发布', '{who} 发布了您对《{title}》的修改。', ''),
    'reject': ('author', '退回修改', '{who} 退回了《{title}》，请修改后再提交。', '@@edit'),
    'submit_draft': ('reviewers', '待审核', '{who} 提交了对《{title}》的修改，等待审核。', '@@edit'),
    'reject_draft': ('drafter', '退回修改', '{who} 退回了您对《{title}》的修改，请修改后再提交。', '@@edit'),
}


class ReviewMail:
    """The subscriber that writes review mail for the site in ``db``."""

    def __init__(self, db, settings):
        self.db = db
        self.folder = os.path.join(settings['var'], 'mail')
        self.mailer = Mailer(queue_path=os.path.join(self.folder, 'queue'),
                             default_sender=settings['mail.default_sender'])
        self.base = _site_url(settings)
        self.configured = bool(_smtp_host(settings))

    def __call__(self, action):
        jar = getattr(action.site, '_p_jar', None)
        if jar is None or jar.db() is not self.db or action.name not in NEWS:
            return          # another site's write (tests run several), or nothing to tell
        whom, tag, line, view = NEWS[action.name]
        item, site = action.item, action.site
        if whom == 'reviewers':
            people = [u for u in site.principals.users() if u.has_role(REVIEWER)]
        else:
            # The author of the item, or for a change to a published one, of its latest revision.
            author = site.principals.get(item.history.latest.who if whom == 'drafter' else started_by(item))
            people = [author] if author is not None else []
        to = sorted({u.email for u in people if u.email and u.notify and u.name != action.actor.name})
        if not to:
            return
        site_name = site.identity.get('name') or site.title
        url = self.base + path_of(item).rstrip('/') + '/' + view
        lines = [line.format(who=action.actor.title, title=item.title), '']
        info = info_of(item)
        if info.unique:         # its document number, standard code or section number
            lines.append(f'{info.key_title()}：' + '、'.join(str(getattr(item, f, '')) for f in info.key_fields))
        if action.note:
            lines.append(f'说明：{action.note}')
        lines += [f'链接：{url}', '', f'不想再收到这类邮件：{self.base}/@@preferences', f'—— {site_name}']
        message = Message(subject=f'【{tag}】{item.title}', recipients=to, body='\n'.join(lines))
        self.mailer.bind(transaction_manager=jar.transaction_manager).send_to_queue(message)


class Sender:
    """The thread that delivers the queue (see the module)."""

    def __init__(self, settings, folder):
        self.queue, self.rejected = os.path.join(folder, 'queue'), os.path.join(folder, 'rejected')
        for sub in ('new', 'cur', 'tmp'):
            os.makedirs(os.path.join(self.queue, sub), mode=0o700, exist_ok=True)
        self.interval = float(settings['mail.interval'])
        if _smtp_host(settings):
            self.transport = SMTPTransport(
                _smtp_host(settings), int(settings.get('mail.port') or 25),
                settings.get('mail.username') or None, settings.get('mail.password') or None,
                tls=as_bool(settings.get('mail.tls')), ssl=as_bool(settings.get('mail.ssl')))
        else:
            self.transport = Outbox(os.path.join(folder, 'outbox'))
        self._stop = threading.Event()
        self._thread = None

    def send_now(self):
        """Deliver what is queued, oldest first; what cannot go now stays
        for the next time, what the server refuses for good goes to
        ``var/mail/rejected``. A message is claimed by moving it from
        ``new/`` to ``cur/``, so two processes never send the same one."""
        new, cur = os.path.join(self.queue, 'new'), os.path.join(self.queue, 'cur')
        names = sorted((n for n in os.listdir(new) if not n.startswith('.')),
                       key=lambda n: os.stat(os.path.join(new, n)).st_mtime)
        for name in names:
            claimed = os.path.join(cur, name)
            try:
                os.rename(os.path.join(new, name), claimed)
            except FileNotFoundError:
                continue            # another process took it
            try:
                self.transport.send(*_read_queued(claimed))
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code < 500:
                    os.rename(claimed, os.path.join(new, name))
                    continue
                log.error('review mail refused for good (%s): %s', exc.smtp_code, name)
                os.makedirs(self.rejected, exist_ok=True)
                os.rename(claimed, os.path.join(self.rejected, name))
            except (OSError, smtplib.SMTPException) as exc:
                log.warning('review mail not sent now, tried again later: %s', exc)
                os.rename(claimed, os.path.join(new, name))
                return              # the server is down: the rest wait too
            else:
                os.remove(claimed)

    def recover(self):
        """Put back in the queue what a process that died was sending (it
        may go twice: better than not at all)."""
        cur = os.path.join(self.queue, 'cur')
        for name in os.listdir(cur):
            os.rename(os.path.join(cur, name), os.path.join(self.queue, 'new', name))

    def start(self):
        self.recover()
        self._thread = threading.Thread(target=self._run, name='camra-mail', daemon=True)
        self._thread.start()

    @property
    def stopped(self):
        return self._stop.is_set()

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self):
        while not self._stop.wait(self.interval):
            try:
                self.send_now()
            except Exception:       # never let the thread die: the next round tries again
                log.exception('review mail: the queue could not be read')


class SMTPTransport:
    """Delivery by SMTP of a queued message as it was written (repoze.sendmail's
    own mailer re-encodes it and loses its charset)."""

    def __init__(self, host, port, username=None, password=None, tls=False, ssl=False, timeout=10):
        self.host, self.port, self.username, self.password = host, port, username, password
        self.tls, self.ssl, self.timeout = tls, ssl, timeout

    def send(self, fromaddr, toaddrs, message):
        kind = smtplib.SMTP_SSL if self.ssl else smtplib.SMTP
        with kind(self.host, self.port, timeout=self.timeout) as connection:
            if self.tls:
                connection.starttls()
            if self.username:
                connection.login(self.username, self.password or '')
            # as_bytes() ends lines with bare newlines, which smtplib sends as they are.
            connection.sendmail(fromaddr, list(toaddrs), re.sub(rb'(?<!\r)\n', b'\r\n', message.as_bytes()))


class Outbox:
    """Delivery into a folder of ``.eml`` files, when no SMTP server is set."""

    _count = itertools.count()

    def __init__(self, folder):
        self.folder = folder

    def send(self, fromaddr, toaddrs, message):
        os.makedirs(self.folder, exist_ok=True)
        name = f'{time.strftime("%Y%m%dT%H%M%S")}-{os.getpid()}-{next(self._count)}.eml'
        tmp = os.path.join(self.folder, '.' + name)
        with open(tmp, 'wb') as f:
            f.write(message.as_bytes())
        os.replace(tmp, os.path.join(self.folder, name))


def _read_queued(path):
    """``(from, to, message)`` of a queued message (its envelope is kept in
    ``X-Actually-From``/``-To`` headers, which do not go out)."""
    with open(path, 'rb') as f:
        message = email.message_from_binary_file(f)

    def header(name):
        value = message[name]
        del message[name]
        return str(email.header.make_header(email.header.decode_header(value))) if value else ''
    return header('X-Actually-From'), [a.strip() for a in header('X-Actually-To').split(',') if a.strip()], message


def _smtp_host(settings):
    """The SMTP server's name ('' when mail goes to the outbox folder)."""
    return (settings.get('mail.host') or '').strip()


def _site_url(settings):
    found = hosts.base_url(settings)
    if found is not None:
        return f'{found[0]}://{found[1]}'
    return f'http://{settings.get("host") or "127.0.0.1"}:{settings.get("port") or 6543}'


def start(registry, db):
    """Subscribe review mail for ``db``'s site and start delivering."""
    registry.review_mail = ReviewMail(db, registry.settings)
    events.subscribe(Transition, registry.review_mail)
    registry.mail_sender = Sender(registry.settings, registry.review_mail.folder)
    registry.mail_sender.start()


def stop(registry):
    """Undo ``start`` (once, however often it is called)."""
    mail = getattr(registry, 'review_mail', None)
    if mail is not None and not registry.mail_sender.stopped:
        events.unsubscribe(Transition, mail)
        registry.mail_sender.stop()
