"""The async webhook receiver: signed, recorded once, processed by a task, retried durably."""

import datetime
import json
import time

import pytest
from django.utils import timezone

from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.saleor.webhooks import deliveries
from saleor_subscriptions.saleor.webhooks.handlers import HANDLERS
from saleor_subscriptions.saleor.webhooks.models import WebhookDelivery
from saleor_subscriptions.saleor.webhooks.tasks import requeue_stalled_deliveries

from .saleor_standin.signing import SigningKey

ORDER = {
    "__typename": "Order",
    "id": "T3JkZXI6MQ==",
    "number": "1042",
    "channel": {"id": "Q2hhbm5lbDox", "slug": "jp", "currencyCode": "JPY"},
    "lines": [],
    "total": {"gross": {"amount": 6000.0, "currency": "JPY"}, "net": {"amount": 5455.0, "currency": "JPY"}},
    "chargeStatus": "FULL",
    "metadata": [],
}

pytestmark = pytest.mark.django_db


def post_raw(client, standin, event, body, signature, **extra):
    headers = {"Saleor-Event": event, "Saleor-Api-Url": standin.api_url, "Saleor-Signature": signature, **extra}
    headers = {k: v for k, v in headers.items() if v is not None}
    return client.post("/api/webhooks/saleor", data=body, content_type="application/json", headers=headers)


def test_a_signed_order_event_is_accepted_and_recorded_once(installed, app_http):
    standin, app, installation = installed
    [(status, body, answer)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    assert (status, json.loads(answer)) == (200, {})
    delivery = WebhookDelivery.objects.get()
    assert delivery.installation == installation
    assert delivery.event_type == "order_created"
    assert delivery.body.encode() == body  # the exact signed bytes
    assert json.loads(body)["order"]["channel"]["currencyCode"] == "JPY"
    # handed to the task at once (an order without subscription lines starts nothing)
    assert delivery.status == WebhookDelivery.Status.PROCESSED
    assert delivery.attempts == 1


def test_a_redelivery_is_a_no_op(installed, app_http, client, monkeypatch):
    standin, app, _ = installed
    calls = []
    monkeypatch.setitem(HANDLERS, "order_created", lambda installation, payload: calls.append(payload["order"]["id"]))
    [(_, body, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    again = post_raw(client, standin, "order_created", body, standin.key.sign_webhook(body))
    assert again.status_code == 200
    assert WebhookDelivery.objects.count() == 1
    assert calls == [ORDER["id"]]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda body: body.replace(b'"1042"', b'"1043"'),
        lambda body: body + b" ",
        lambda body: json.dumps(json.loads(body), separators=(",", ":")).encode(),
    ],
    ids=["changed-value", "trailing-space", "re-serialised"],
)
def test_a_tampered_body_is_rejected_and_nothing_recorded(installed, app_http, tamper):
    standin, _, _ = installed
    [(status, _, answer)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER}, tamper=tamper)
    assert status == 401
    assert json.loads(answer)["error"]["code"] == "invalid_signature"
    assert not WebhookDelivery.objects.exists()


def test_a_body_signed_with_a_foreign_key_is_rejected(installed, client):
    standin, app, installation = installed
    body = json.dumps({"__typename": "OrderCreated", "recipient": {"id": app.id}, "order": ORDER}).encode()
    forger = SigningKey()
    response = post_raw(client, standin, "order_created", body, forger.sign_webhook(body))
    assert response.status_code == 401
    assert not WebhookDelivery.objects.exists()
    # The unknown kid made us re-fetch the JWKS once; a flood of forged kids does not.
    fetched_at = Installation.objects.get().jwks_fetched_at
    for _ in range(3):
        post_raw(client, standin, "order_created", body, SigningKey().sign_webhook(body))
    assert Installation.objects.get().jwks_fetched_at == fetched_at


@pytest.fixture
def jwks_gets(installed, monkeypatch):
    """The stand-in's JWKS requests, counted; `jwks_gets.during(fn)` runs fn while the next one is in flight."""
    standin, _, installation = installed
    Installation.objects.filter(pk=installation.pk).update(jwks_fetched_at=timezone.now() - datetime.timedelta(minutes=1))
    handle = standin.handle

    class Gets(list):
        hooks = []

        def during(self, hook):
            self.hooks.append(hook)

    gets = Gets()

    def counting(method, path, headers, body):
        if path == "/.well-known/jwks.json":
            gets.append(path)
            while gets.hooks:
                gets.hooks.pop()()
        return handle(method, path, headers, body)

    monkeypatch.setattr(standin, "handle", counting)
    return gets


def forged(client, standin, app):
    body = json.dumps({"__typename": "OrderCreated", "recipient": {"id": app.id}, "order": ORDER}).encode()
    return post_raw(client, standin, "order_created", body, SigningKey().sign_webhook(body))


def test_a_failing_jwks_is_fetched_once_per_interval_however_many_forged_kids(installed, client, jwks_gets):
    standin, app, installation = installed
    standin.jwks = None  # answers "null": not a JWKS
    for _ in range(5):
        assert forged(client, standin, app).status_code == 401
    assert len(jwks_gets) == 1
    assert Installation.objects.get().jwks == installation.jwks  # the cached keys are kept


def test_forged_kids_arriving_while_a_fetch_is_in_flight_do_not_fetch_again(installed, client, jwks_gets, mount):
    standin, app, _ = installed
    mount(standin.api_url.removesuffix("graphql/"), standin)  # in-process, so the nested request runs inside the fetch
    answers = []
    jwks_gets.during(lambda: answers.append(forged(client, standin, app).status_code))
    assert forged(client, standin, app).status_code == 401
    assert answers == [401]
    assert len(jwks_gets) == 1


def test_a_slow_jwks_holds_a_forged_request_only_briefly(installed, client, jwks_gets):
    standin, app, _ = installed
    jwks_gets.during(lambda: time.sleep(8))
    started = time.monotonic()
    assert forged(client, standin, app).status_code == 401
    assert time.monotonic() - started < 5


def test_a_forged_signature_under_the_real_kid_is_rejected(installed, client):
    standin, app, _ = installed
    body = json.dumps({"__typename": "OrderCreated", "recipient": {"id": app.id}, "order": ORDER}).encode()
    header, _, _ = standin.key.sign_webhook(body).split(".")
    _, _, foreign_sig = SigningKey().sign_webhook(body).split(".")
    response = post_raw(client, standin, "order_created", body, f"{header}..{foreign_sig}")
    assert response.status_code == 401
    assert not WebhookDelivery.objects.exists()


def test_a_rotated_saleor_key_is_picked_up_from_the_jwks(installed, app_http, monkeypatch):
    standin, _, installation = installed
    # last fetch long enough ago that a new kid may trigger a refresh
    Installation.objects.filter(pk=installation.pk).update(jwks_fetched_at=timezone.now() - datetime.timedelta(minutes=1))
    standin.key = SigningKey()
    standin.jwks = standin.key.jwks
    [(status, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    assert status == 200
    assert Installation.objects.get().jwks == standin.key.jwks


def test_keys_another_process_fetched_are_read_from_the_database(installed, app_http, jwks_gets):
    standin, _, installation = installed
    [(status, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})  # this process now remembers the row
    standin.key = SigningKey()
    standin.jwks = standin.key.jwks
    # another worker met the new kid first, fetched the JWKS and saved it (no fetch is due here for 10 seconds)
    Installation.objects.filter(pk=installation.pk).update(jwks=standin.key.jwks, jwks_fetched_at=timezone.now())
    [(again, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER | {"id": "T3JkZXI6Mg=="}})
    assert (status, again) == (200, 200)
    assert jwks_gets == []


def test_a_reinstall_another_process_recorded_is_read_from_the_database(installed, app_http):
    standin, old, installation = installed
    new = standin.install(app_http, "http://testserver/api/manifest")
    standin.apps[old.token].is_active = False
    # this process remembers the row from before the re-install; another one saved the new app id since
    Installation.objects.filter(pk=installation.pk).update(app_id=old.id)
    [(before, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    Installation.objects.filter(pk=installation.pk).update(app_id=new.id)
    [(after, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    assert (before, after) == (403, 200)


@pytest.mark.parametrize(
    ("signature", "code"),
    [(None, "signature_missing"), ("", "signature_missing"), ("garbage", "invalid_signature"), ("a.b.c", "invalid_signature")],
)
def test_unsigned_or_malformed_signatures_get_401(installed, client, signature, code):
    standin, app, _ = installed
    body = json.dumps({"__typename": "OrderCreated", "recipient": {"id": app.id}}).encode()
    response = post_raw(client, standin, "order_created", body, signature)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == code
    assert not WebhookDelivery.objects.exists()


def test_an_unknown_instance_gets_403(installed, client):
    standin, app, _ = installed
    body = json.dumps({"__typename": "OrderCreated", "recipient": {"id": app.id}}).encode()
    response = post_raw(
        client, standin, "order_created", body, standin.key.sign_webhook(body), **{"Saleor-Api-Url": "https://other.example/graphql/"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "unknown_instance"


def test_an_event_header_that_disagrees_with_the_signed_body_is_refused(installed, client):
    standin, app, _ = installed
    body = json.dumps({"__typename": "AppDeleted", "recipient": {"id": app.id}, "app": {"id": app.id}}).encode()
    response = post_raw(client, standin, "order_created", body, standin.key.sign_webhook(body))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "event_mismatch"
    assert Installation.objects.get().is_active


def test_an_event_for_another_app_is_refused(installed, client):
    standin, _, _ = installed
    body = json.dumps({"__typename": "OrderCreated", "recipient": {"id": "QXBwOjk5OQ=="}, "order": ORDER}).encode()
    response = post_raw(client, standin, "order_created", body, standin.key.sign_webhook(body))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_app"


def test_an_event_the_app_never_subscribed_to_is_refused(installed, client):
    standin, app, _ = installed
    body = json.dumps({"__typename": "ProductCreated", "recipient": {"id": app.id}}).encode()
    response = post_raw(client, standin, "product_created", body, standin.key.sign_webhook(body))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unexpected_event"


def test_only_post_is_accepted(client):
    assert client.get("/api/webhooks/saleor").status_code == 405


def test_app_deleted_deactivates_the_installation(installed, app_http):
    standin, app, installation = installed
    [(status, _, _)] = standin.delete_app(app_http, app)
    assert status == 200
    installation.refresh_from_db()
    assert not installation.is_active
    assert installation.app_token == ""
    assert installation.uninstalled_at is not None
    assert installation.events.last().type == "app.deleted"
    # further events from that instance are refused
    standin.apps[app.token].is_active = True
    [(status, _, _)] = standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    assert status == 403


def test_deleting_an_older_replaced_app_keeps_the_installation(installed, app_http, client):
    standin, old, installation = installed
    new = standin.install(app_http, "http://testserver/api/manifest")
    # Saleor reports the old app's deletion, addressed to the old app id
    body = json.dumps({"__typename": "AppDeleted", "recipient": {"id": new.id}, "app": {"id": old.id}}).encode()
    response = post_raw(client, standin, "app_deleted", body, standin.key.sign_webhook(body))
    assert response.status_code == 200
    installation.refresh_from_db()
    assert installation.is_active and installation.app_id == new.id


def test_a_failing_handler_is_retried_with_backoff_until_it_gives_up(installed, app_http, monkeypatch):
    standin, _, _ = installed
    outcomes = iter([RuntimeError("Saleor down"), None])

    def flaky(installation, payload):
        outcome = next(outcomes)
        if outcome:
            raise outcome

    monkeypatch.setitem(HANDLERS, "order_created", flaky)
    standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.last_error == "RuntimeError: Saleor down"
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=20)
    assert requeue_stalled_deliveries() == 0  # not due yet

    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert requeue_stalled_deliveries() == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (WebhookDelivery.Status.PROCESSED, 2, None)


def test_a_delivery_that_keeps_failing_stays_visible_as_failed(installed, app_http, monkeypatch):
    standin, _, _ = installed
    monkeypatch.setitem(HANDLERS, "order_created", lambda installation, payload: 1 / 0)
    standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    for _ in range(deliveries.MAX_ATTEMPTS + 2):
        WebhookDelivery.objects.exclude(next_attempt_at=None).update(next_attempt_at=timezone.now())
        requeue_stalled_deliveries()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == deliveries.MAX_ATTEMPTS
    assert delivery.next_attempt_at is None


def test_a_delivery_whose_hand_off_was_lost_is_picked_up_by_the_sweeper(installed, app_http, monkeypatch):
    standin, _, _ = installed
    monkeypatch.setattr("saleor_subscriptions.saleor.webhooks.views.process_delivery.delay", lambda pk: None)
    standin.emit(app_http, "ORDER_CREATED", {"order": ORDER})
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.RECEIVED
    assert deliveries.due_for_retry() == []
    later = timezone.now() + deliveries.HANDOFF_GRACE
    assert deliveries.due_for_retry(later) == [WebhookDelivery.objects.get().pk]
