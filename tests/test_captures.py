"""The app against the exact bytes a live Saleor 3.23.28 sent (../shared/saleor/captures/)."""

import datetime
import json
from decimal import Decimal

import pytest

from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.saleor.payloads import Order
from saleor_subscriptions.saleor.signatures import InvalidSignature, verify_saleor_jwt, verify_webhook_signature
from saleor_subscriptions.saleor.webhooks.models import WebhookDelivery

from .conftest import CAPTURES, load_capture
from .saleor_standin.standin import SaleorStandin, StandinApp
from .stripe_scripted import stripe_object

API_URL = "http://127.0.0.1:8000/graphql/"
APP_ID = "QXBwOjI="  # `recipient.id` in every capture
SIGNED = [
    "account_set_password_requested.json",
    "checkout_fully_paid.json",
    "order_created.json",
    "order_fully_paid.json",
    "order_updated.json",
    "order_updated_by_app.json",
    "payment_gateway_initialize_session.json",
    "transaction_initialize_session.json",
    "transaction_process_session.json",
]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("requires_captures")]


@pytest.fixture
def captured_saleor(mount, settings):
    """The captured instance: its real JWKS, and an app whose token is the captured one."""
    settings.APP_IDENTIFIER = "capture.app"  # the captured app's manifest id: registration checks it
    jwks = json.loads((CAPTURES / "jwks.json").read_bytes())
    saleor = SaleorStandin(API_URL, jwks=jwks)
    token = json.loads(load_capture("register.json")["body"])["auth_token"]
    saleor.apps[token] = StandinApp(APP_ID, "Capture App", "capture.app", token, ["MANAGE_ORDERS", "HANDLE_PAYMENTS"])
    mount("http://127.0.0.1:8000/", saleor)
    return saleor


SYNC = {"payment_gateway_initialize_session", "transaction_initialize_session", "transaction_process_session"}


def our_path(record) -> str:
    """The capture app had its own paths; ours: /api/register, one async receiver, one URL per sync event."""
    event = record["headers"].get("Saleor-Event")
    if not event:
        return "/api/register"
    return f"/api/webhooks/sync/{event.replace('_', '-')}" if event in SYNC else "/api/webhooks/saleor"


def replay(client, name, *, body=None, drop=()):
    record = load_capture(name)
    headers = {k: v for k, v in record["headers"].items() if k not in ("Content-Length", "Host", "Content-Type", *drop)}
    return client.generic(
        record["method"],
        our_path(record),
        data=record["body"] if body is None else body,
        content_type=record["headers"].get("Content-Type", ""),
        headers=headers,
    )


@pytest.fixture
def registered(client, captured_saleor):
    response = replay(client, "register.json")
    assert response.status_code == 200, response.content
    return Installation.objects.get()


@pytest.fixture
def plan_1(registered):
    """The plan the captured checkout line names (`subscription.plan = plan-1`)."""
    terms = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"USD": "12.34"}}, "texts": {"en": {"name": "Plan 1"}}}
    return create_plan(registered, product_id="UHJvZHVjdDo3Mg==", code="plan-1", terms=terms)


def test_the_captured_registration_installs_the_app(registered, captured_saleor):
    assert registered.saleor_api_url == API_URL
    assert registered.app_id == APP_ID
    assert registered.saleor_domain == "127.0.0.1:8000"
    assert registered.jwks["keys"][0]["kid"] == "dVgPMZny-7QlR7IH7D1XsnDVs6BZ28HsOpX_OVzyldo"
    assert [r.operation_name for r in captured_saleor.received] == ["AppInstallation"]


@pytest.mark.parametrize("name", SIGNED)
def test_every_captured_signature_verifies_on_the_raw_bytes(registered, name):
    record = load_capture(name)
    verify_webhook_signature(registered, record["body"], record["headers"]["Saleor-Signature"])


@pytest.mark.parametrize("name", SIGNED)
def test_captured_bodies_fail_once_altered(registered, name):
    record = load_capture(name)
    signature = record["headers"]["Saleor-Signature"]
    flipped = bytearray(record["body"])
    flipped[len(flipped) // 2] ^= 0x01
    compact = json.dumps(json.loads(record["body"]), separators=(",", ":")).encode()
    for altered in (bytes(flipped), compact):
        with pytest.raises(InvalidSignature):
            verify_webhook_signature(registered, altered, signature)


def test_the_captured_order_created_webhook_is_accepted_and_recorded(registered, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = replay(client, "order_created.json")
    assert response.status_code == 200
    delivery = WebhookDelivery.objects.get()
    assert delivery.event_type == "order_created"
    assert delivery.body.encode() == load_capture("order_created.json")["body"]
    assert delivery.issued_at == datetime.datetime(2026, 11, 21, 19, 23, 10, 803290, tzinfo=datetime.UTC)
    # redelivered by Saleor: still one delivery
    assert replay(client, "order_created.json").status_code == 200
    assert WebhookDelivery.objects.count() == 1


def test_the_captured_webhook_tampered_or_unsigned_is_rejected(registered, client):
    body = load_capture("order_created.json")["body"].replace(b'"quantity": 2', b'"quantity": 20')
    assert replay(client, "order_created.json", body=body).status_code == 401
    assert replay(client, "order_created.json", drop=("Saleor-Signature",)).status_code == 401
    assert not WebhookDelivery.objects.exists()


def test_captured_order_payloads_parse_with_decimal_money():
    order = Order.from_payload(json.loads(load_capture("order_created.json")["body"], parse_float=Decimal)["order"])
    assert (order.number, order.currency, order.channel_slug) == ("2191", "USD", "default-channel")
    assert order.total_gross == Decimal("24.68")
    assert order.language_code == "EN_US"
    assert order.user_email == "capture-customer-1795288979@example.com"
    (line,) = order.lines
    assert (line.quantity, line.unit_price_gross, line.is_price_overridden) == (2, Decimal("12.34"), True)
    assert line.metadata == {"subscription.plan": "plan-1"}
    assert order.shipping_address["city"] == "MOUNTAIN VIEW"


def test_non_ascii_metadata_survives_parsing():
    payload = json.loads(load_capture("order_updated_by_app.json")["body"], parse_float=Decimal)
    order = Order.from_payload(payload["order"])
    assert order.external_reference
    assert any("Zoë – 月額" in value for value in order.metadata.values())


def _token(kind, part="access"):
    return json.loads((CAPTURES / "tokens.json").read_text())[kind][part]


def test_captured_customer_access_token_verifies_until_it_expires(registered):
    sample = _token("customer")
    minted = datetime.datetime.fromtimestamp(sample["claims"]["iat"], datetime.UTC)
    claims = verify_saleor_jwt(registered, sample["token"], token_type="access", now=minted + datetime.timedelta(seconds=1))
    assert claims["user_id"] == "VXNlcjo0Ng=="
    with pytest.raises(InvalidSignature, match="expired"):
        verify_saleor_jwt(registered, sample["token"], token_type="access", now=minted + datetime.timedelta(seconds=300))


def test_captured_refresh_tokens_are_not_access_tokens(registered):
    sample = _token("customer", "refresh")
    minted = datetime.datetime.fromtimestamp(sample["claims"]["iat"], datetime.UTC)
    with pytest.raises(InvalidSignature, match="not a Saleor access token"):
        verify_saleor_jwt(registered, sample["token"], token_type="access", now=minted)


def test_a_captured_token_with_a_forged_payload_fails(registered):
    sample = _token("customer")
    header, payload, signature = sample["token"].split(".")
    staff = _token("staff")["token"].split(".")[1]
    minted = datetime.datetime.fromtimestamp(sample["claims"]["iat"], datetime.UTC)
    with pytest.raises(InvalidSignature):
        verify_saleor_jwt(registered, f"{header}.{staff}.{signature}", token_type="access", now=minted)


def test_the_captured_transaction_initialize_session_starts_a_card_saving_payment(plan_1, client, stripe_http):
    stripe_http.answer(200, stripe_object("customer", id="cus_capture"))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_capture", amount=2468, currency="usd",
                                          status="requires_payment_method", client_secret="pi_capture_secret"))
    response = replay(client, "transaction_initialize_session.json")
    assert response.status_code == 200
    answer = response.json()
    # the channel's flow was AUTHORIZATION, and the checkout line carries subscription.plan = plan-1
    assert (answer["result"], answer["pspReference"], answer["amount"]) == ("AUTHORIZATION_ACTION_REQUIRED", "pi_capture", 24.68)
    customer, intent = stripe_http.requests
    assert customer.params["metadata[saleor_user_id]"] == "VXNlcjo0Ng=="
    assert (intent.params["amount"], intent.params["currency"], intent.params["capture_method"]) == ("2468", "usd", "manual")
    assert intent.params["setup_future_usage"] == "off_session"
    assert intent.headers["Idempotency-Key"] == f"{plan_1.installation_id}-c42ab8f2-e22c-4b7f-b3c2-f892677adb63"  # Saleor's, per shop


def test_the_captured_gateway_initialize_session_is_answered(plan_1, client, stripe_http):
    response = replay(client, "payment_gateway_initialize_session.json")
    assert response.status_code == 200
    assert response.json() == {"data": {"publishableKey": "pk_test_scripted", "savesCard": True, "paymentMethods": ["card"]}}


def test_a_line_naming_an_unknown_plan_cannot_be_paid(registered, client, stripe_http):
    response = replay(client, "transaction_initialize_session.json")
    assert response.json()["result"] == "AUTHORIZATION_FAILURE"
    assert stripe_http.requests == []
