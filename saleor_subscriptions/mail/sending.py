"""Queueing and delivering mails: rendered once, logged, sent at most once per key, retried when SMTP fails.

`queue` stores the rendered mail under its key (a second call with the same key does nothing) and
hands it to a worker after commit. A transient failure (connection, 4xx from the server) is retried
with backoff by beat; any other (recipient refused, a header Django refuses) is final and visible in the log.
"""

import datetime
import functools
import logging
import smtplib
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone

from ..core import rows
from .models import MailLog
from .templates import Rendered

logger = logging.getLogger(__name__)
BACKOFF = (60, 300, 1800, 7200, 21600)  # seconds before attempts 2…6
LOST_AFTER = datetime.timedelta(minutes=10)  # a mail still pending then lost its hand-off: beat sends it


def sender(installation) -> dict:
    """Who the mail is from: named in every mail (Japan's law on commercial e-mail requires it)."""
    return {"name": installation.sender_name, "address": installation.sender_address,
            "email": installation.sender_email or settings.DEFAULT_FROM_EMAIL}


class Mail(NamedTuple):
    """A rendered mail to queue (`mail_log`), as its log row will say."""

    installation: object
    key: str
    kind: str
    to: str
    rendered: Rendered
    headers: dict
    subscription_id: int | None


def queue(installation, *, key: str, kind: str, to: str, rendered: Rendered, headers: dict | None = None,
          subscription_id: int | None = None) -> MailLog | None:
    """Log the mail and deliver it after commit; None if a mail with this key exists already."""
    now = timezone.now()
    mail = mail_log(installation, key=key, kind=kind, to=to, rendered=rendered, headers=headers,
                    subscription_id=subscription_id)
    (pk,) = queue_all([mail], now=now)
    if pk is None:
        return None
    logged = MailLog(pk=pk, installation=installation, key=key, kind=kind, to=to, language=rendered.language,
                     subject=rendered.subject, text_body=rendered.text, html_body=rendered.html, headers=mail.headers,
                     subscription_id=subscription_id, next_attempt_at=now + LOST_AFTER, created_at=now)
    logged._state.adding, logged._state.db = False, DEFAULT_DB_ALIAS
    return logged


def mail_log(installation, *, key: str, kind: str, to: str, rendered: Rendered, headers: dict | None = None,
             subscription_id: int | None = None) -> Mail:
    """The mail to queue, as its log row will say."""
    return Mail(installation, key, kind, to, rendered, headers or {}, subscription_id)


def queue_all(mails: list[Mail], *, now: datetime.datetime | None = None) -> list[int | None]:
    """Log the mails in one statement and deliver them after commit: each mail's new id, or None where its key is
    logged already (it is not delivered again).

    INSERT … ON CONFLICT DO NOTHING RETURNING: the unique key decides, so there is no look-up first and no
    savepoint, inside a transaction or not; a mail already logged (a retried hand-off, the same mail queued
    concurrently) returns no row (bulk_create(ignore_conflicts=True) would not say which mails were new). The
    statement is written once (`_insert`); a new mail's fixed columns are in its text, the rest passed as they are.
    """
    if not mails:
        return []
    now = now or timezone.now()
    db = connections[DEFAULT_DB_ALIAS]
    head, row, tail = _insert()
    created, retry = db.ops.adapt_datetimefield_value(now), db.ops.adapt_datetimefield_value(now + LOST_AFTER)
    headers = MailLog._meta.get_field("headers")
    run = rows.cursor()
    run.execute(f"{head}{', '.join([row] * len(mails))}{tail}", [value for mail in mails for value in (
        mail.installation.pk, mail.key, mail.kind, mail.to, mail.rendered.language, mail.rendered.subject,
        mail.rendered.text, mail.rendered.html, headers.get_db_prep_save(mail.headers, db), mail.subscription_id,
        retry, created)])
    logged = {(installation_id, key): pk for pk, installation_id, key in run.fetchall()}
    ids = [logged.get((mail.installation.pk, mail.key)) for mail in mails]
    from .tasks import deliver_mail  # tasks import this module

    new = [pk for pk in ids if pk is not None]

    def hand_over():  # one callback for all of them
        for mail_id in new:
            deliver_mail.delay(mail_id)

    if new:
        transaction.on_commit(hand_over)
    return ids


@functools.cache
def _insert() -> tuple[str, str, str]:
    """The mails' INSERT up to its rows, one row (twelve values; a new mail's status, attempts, error and times
    written in), and what follows: the statement stays under psycopg's 50 values for a remembered statement up
    to four mails, and no field converts a value that needs no converting (`rows.insert` cost more than the
    rendering)."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(MailLog._meta.get_field(name).column) for name in (
        "installation", "key", "kind", "to", "language", "subject", "text_body", "html_body", "headers", "subscription_id",
        "next_attempt_at", "created_at", "status", "attempts", "last_error", "sending_until", "sent_at"))
    return (f"INSERT INTO {quote(MailLog._meta.db_table)} ({columns}) VALUES ",
            f"({', '.join(['%s'] * 12)}, '{MailLog.Status.PENDING.value}', 0, '', NULL, NULL)",
            f" ON CONFLICT ({quote('installation_id')}, {quote('key')}) DO NOTHING RETURNING {quote('id')}, "
            f"{quote('installation_id')}, {quote('key')}")


def _transient(exc: Exception) -> bool:
    """Worth retrying: the connection failed or the server answered 4xx. Anything else (a refused
    recipient, a header Django refuses to write, a body it cannot encode) fails the same way every time."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code < 500
    return isinstance(exc, OSError)  # SMTPException and socket errors


def deliver(mail_id: int) -> MailLog:
    """Send one logged mail unless it is sent, failed for good, or another sender holds it.

    The sender claims the row in a short transaction and sends with none open (on SQLite an open
    write transaction would lock out every webhook meanwhile); a sender that dies mid-send leaves a
    claim that expires, and beat sends the mail again.
    """
    with transaction.atomic():
        mail = MailLog.objects.select_for_update().select_related("installation").get(pk=mail_id)
        now = timezone.now()
        if mail.status != MailLog.Status.PENDING or (mail.sending_until and mail.sending_until > now):
            return mail
        mail.attempts += 1
        mail.sending_until = now + LOST_AFTER
        mail.save(update_fields=["attempts", "sending_until"])
    identity = sender(mail.installation)
    try:
        message = EmailMultiAlternatives(
            subject=mail.subject, body=mail.text_body, to=[mail.to], headers=mail.headers,
            from_email=f"{identity['name']} <{identity['email']}>" if identity["name"] else identity["email"],
            connection=get_connection())
        if mail.html_body:
            message.attach_alternative(mail.html_body, "text/html")
        message.send()
    except Exception as exc:  # noqa: BLE001 — every failure is recorded on the row, none is lost
        mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if not _transient(exc) or mail.attempts > len(BACKOFF):
            mail.status, mail.next_attempt_at = MailLog.Status.FAILED, None
        else:
            mail.next_attempt_at = timezone.now() + datetime.timedelta(seconds=BACKOFF[mail.attempts - 1])
        logger.warning("mail %s to %s failed (attempt %s): %s", mail.kind, mail.to, mail.attempts, mail.last_error)
    else:
        mail.status, mail.sent_at, mail.next_attempt_at, mail.last_error = MailLog.Status.SENT, timezone.now(), None, ""
    mail.sending_until = None
    mail.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error", "sending_until"])
    return mail


def due_for_retry(now: datetime.datetime | None = None, installations=None) -> list[int]:
    """Pending mails whose next attempt has come (of these installations' ids, if given)."""
    mails = MailLog.objects.filter(status=MailLog.Status.PENDING, next_attempt_at__lte=now or timezone.now())
    if installations is not None:
        mails = mails.filter(installation__in=installations)
    return list(mails.values_list("pk", flat=True)[:500])
