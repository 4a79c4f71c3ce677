"""Header fields of mails are validated on input, and a mail that cannot be written fails for good, visibly."""

import json
import smtplib
from unittest import mock

import pytest
from django.core import mail as outbox

from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.mail import sending
from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.mail.templates import Rendered

pytestmark = pytest.mark.django_db
UPDATE = """mutation U($s: JSONString!) { installationSettingsUpdate(settings: $s) { settings errors { field code message } } }"""
SEND = """mutation S($to: String!) { mailTestSend(to: $to, kind: "started", language: "ja") { sent errors { field code message } } }"""


@pytest.fixture
def staff(installed, client):
    standin, app, installation = installed

    def call(query, **variables):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                  permissions=["MANAGE_CHANNELS"])
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token,
                                        "Accept-Language": "en"})
        assert "errors" not in response.json(), response.content
        return next(iter(response.json()["data"].values()))

    return call, installation


@pytest.mark.parametrize(("changes", "field", "code", "message"), [
    ({"sender_name": "Yamada-en\nBcc: victim@example.jp"}, "settings.sender_name", "INVALID", "Must be a single line (no line breaks)."),
    ({"sender_name": "Yamada-en\r"}, "settings.sender_name", "INVALID", "Must be a single line (no line breaks)."),
    ({"sender_email": "shop@example.jp\r\nBcc: victim@example.jp"}, "settings.sender_email", "INVALID", "Not an e-mail address."),
    ({"merchant_email": "owner@example.jp\n"}, "settings.merchant_email", "INVALID", "Not an e-mail address."),
    ({"merchant_email": "o" * 250 + "@example.jp"}, "settings.merchant_email", "TOO_LONG", "At most 254 characters."),
])
def test_header_fields_are_refused_with_a_line_break_or_beyond_their_column(staff, changes, field, code, message):
    call, _ = staff
    before = Installation.objects.values().get()
    result = call(UPDATE, s=json.dumps(changes))
    assert result == {"settings": None, "errors": [{"field": field, "code": code, "message": message}]}
    assert Installation.objects.values().get() == before


def test_a_sender_name_on_one_line_is_taken(staff):
    call, _ = staff
    assert call(UPDATE, s=json.dumps({"sender_name": "お茶の山田園 (Yamada-en)"}))["errors"] == []


def broken_sender(installation):
    # a row saved before names were validated
    Installation.objects.filter(pk=installation.pk).update(sender_name="Yamada-en\nBcc: victim@example.jp")


def test_a_mail_django_refuses_to_write_fails_for_good_and_is_not_retried(installed):
    _, _, installation = installed
    broken_sender(installation)
    logged = sending.queue(installation, key="k1", kind="started", to="hanako@example.jp",
                           rendered=Rendered(subject="Hello", text="Hi", html="", language="en"))
    delivered = sending.deliver(logged.pk)
    assert (delivered.status, delivered.attempts, delivered.next_attempt_at) == ("failed", 1, None)
    assert "BadHeaderError" in delivered.last_error
    assert sending.due_for_retry() == [] and outbox.outbox == []


def test_mail_test_send_reports_a_mail_that_failed(staff):
    call, installation = staff
    broken_sender(installation)
    result = call(SEND, to="staff@example.jp")
    assert result == {"sent": False, "errors": [{"field": None, "code": "MAIL_FAILED", "message":
                      "The mail could not be sent and will not be retried; check the sender settings and the mail server."}]}
    assert MailLog.objects.get().status == "failed" and outbox.outbox == []


def test_mail_test_send_reports_a_mail_still_waiting_for_the_server(staff):
    call, _ = staff
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=smtplib.SMTPServerDisconnected("connection lost")):
        result = call(SEND, to="staff@example.jp")
    assert result["sent"] is False and result["errors"][0]["code"] == "MAIL_DELAYED"
    assert MailLog.objects.get().status == "pending"


def test_mail_test_send_reports_a_sent_mail(staff):
    call, _ = staff
    assert call(SEND, to="staff@example.jp") == {"sent": True, "errors": []}
    assert MailLog.objects.get().status == "sent" and len(outbox.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_mail_is_sent_with_no_transaction_open_and_by_one_sender_at_a_time(installed, monkeypatch):
    """On SQLite an open write transaction during an SMTP exchange would lock out every webhook."""
    from django.core.mail.backends.locmem import EmailBackend
    from django.db import connection

    _, _, installation = installed
    send, during = EmailBackend.send_messages, []

    def sending_now(self, messages):
        during.append(connection.in_atomic_block)
        # a second sender meanwhile (a redelivered task): the claim holds it off
        assert sending.deliver(MailLog.objects.get(key="k2").pk).status == "pending"
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", sending_now)
    # queued and handed to the (eager) worker once committed, which sends it
    sending.queue(installation, key="k2", kind="started", to="hanako@example.jp",
                  rendered=Rendered(subject="Hello", text="Hi", html="", language="en"))
    delivered = MailLog.objects.get(key="k2")
    assert (delivered.status, delivered.attempts, during, len(outbox.outbox)) == ("sent", 1, [False], 1)
    assert delivered.sending_until is None
