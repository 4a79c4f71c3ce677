"""A Stripe account per shop: each shop's renewals are charged in its own account, its Stripe events reach only it,
its keys are checked before they are kept and kept encrypted."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.payments.models import PaymentMethod, StripeAccount, StripeCustomer, StripeEvent
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions.creation import subscriptions_from_order

from .conftest import TRIAL_TERMS, USER, order_payload, renewal_orders
from .stripe_scripted import ScriptedStripe, key_of, route, stripe_object
from .test_shop_settings import staff_call  # noqa: F401  (fixture)
from .test_gateway import session_fields
from .test_stripe_webhooks import SECRET, signed
from .test_tenant_payments import other_shop  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date
KEY_A, HOOK_A = "sk_test_shopA0000000000001234", "whsec_shopAsigning0000005678"
STATUS = """source configured livemode accountId accountName connectedAccount publishableKey secretKeyLast4
  webhookSecretLast4 webhookUrl"""
READ = f"query {{ stripeAccount {{ account {{ {STATUS} }} errors {{ field code message }} }} }}"
CONNECT = f"""mutation C($input: StripeAccountInput!) {{
  stripeAccountConnect(input: $input) {{ account {{ {STATUS} }} errors {{ field code message }} }} }}"""
REMOVE = f"mutation {{ stripeAccountRemove {{ account {{ {STATUS} }} errors {{ field code message }} }} }}"


def own_account(installation, key=KEY_A, hook=HOOK_A, account_id="acct_shopA") -> StripeAccount:
    account = StripeAccount(installation=installation, publishable_key=key.replace("sk_", "pk_"), account_id=account_id,
                            checked_at=timezone.now())
    account.secret_key, account.webhook_secret = key, hook
    account.save()
    return account


@pytest.fixture
def two_shops(subscribed, other_shop, mount, app_http):  # noqa: F811
    """A (own keys) and B (a Connect account of the platform), each with Hanako's subscription due on 28 Feb."""
    standin_a, installation_a, subscription_a, fake = subscribed
    installation_b = Installation.objects.get(saleor_api_url=other_shop.api_url)
    mount(other_shop.api_url, other_shop)
    other_shop.deliver_inline = app_http
    channel = other_shop.add_channel("jp", "JPY", shipping=Decimal("500"))
    product = other_shop.add_product("Black tea", variants=[("100 g", {"jp": Decimal("6800")})])
    create_plan(installation_b, product_id=product["id"], code="monthly", terms=TRIAL_TERMS)
    customer_b = StripeCustomer.objects.create(installation=installation_b, saleor_user_id=USER["id"],
                                               stripe_customer_id="cus_hanako_b", account="acct_shopB")
    PaymentMethod.objects.create(customer=customer_b, stripe_payment_method_id="pm_visa_b", brand="visa", last4="1881")
    (subscription_b,) = subscriptions_from_order(installation_b, order_payload(channel, product["variants"][0]["id"], number=1))
    own_account(installation_a)
    StripeCustomer.objects.filter(installation=installation_a).update(account="acct_shopA")
    StripeAccount.objects.create(installation=installation_b, connected_account="acct_shopB", account_id="acct_shopB",
                                 checked_at=timezone.now())
    return (standin_a, installation_a), (other_shop, installation_b), fake


def test_each_shops_renewals_are_charged_in_its_own_stripe_account(two_shops, settings):
    (standin_a, installation_a), (standin_b, installation_b), fake = two_shops
    installation_a, installation_b = (Installation.objects.get(pk=i.pk) for i in (installation_a, installation_b))
    assert runs.run_due(installation_a, DAY(2027, 2, 28)) == 1
    asked_by_a = list(fake.requests)
    assert runs.run_due(installation_b, DAY(2027, 2, 28)) == 1
    asked_by_b = fake.requests[len(asked_by_a):]
    # A's charge went to A's account with A's key; B's to B's Connect account under the platform's key
    assert asked_by_a and {(key_of(r), r.headers.get("Stripe-Account")) for r in asked_by_a} == {(KEY_A, None)}
    assert asked_by_b and {(key_of(r), r.headers.get("Stripe-Account")) for r in asked_by_b} == {
        (settings.STRIPE_SECRET_KEY, "acct_shopB")}
    charge_a, charge_b = fake.charges
    assert (charge_a["customer"], charge_a["payment_method"]) == ("cus_hanako", "pm_visa")
    assert (charge_b["customer"], charge_b["payment_method"]) == ("cus_hanako_b", "pm_visa_b")
    assert [o["total"] for o in renewal_orders(standin_a) + renewal_orders(standin_b)] == [Decimal("6500")] * 2


def _paid(standin_a, standin_b) -> dict:
    """A ¥6,000 order with a Stripe transaction in each shop (pi_a in A, pi_b in B), by intent id."""
    reported = {}
    for standin, intent_id in ((standin_a, "pi_a"), (standin_b, "pi_b")):
        standin.add_channel("jp", "JPY")
        reported[intent_id] = standin.add_transaction(standin.add_order("jp", Decimal("6000")), intent_id)
    return reported


def _succeeded(standin, transaction, event_id, **fields) -> bytes:
    """Stripe's `payment_intent.succeeded` for the transaction's intent, its metadata naming the shop."""
    metadata = {"saleor_api_url": standin.api_url, "saleor_transaction_id": transaction["id"]}
    intent = stripe_object("payment_intent", id=transaction["pspReference"], amount=6000, currency="jpy", metadata=metadata)
    return json.dumps(stripe_object("event", id=event_id, type="payment_intent.succeeded", data={"object": intent},
                                    **fields)).encode()


def test_a_stripe_event_of_one_shop_never_touches_the_other(installed, other_shop, client, settings):  # noqa: F811
    settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_SECRET_KEY = SECRET, "sk_test_platform"
    standin_a, _, installation_a = installed
    own_account(installation_a)
    reported = _paid(standin_a, other_shop)

    def event(intent_id, standin, event_id):
        return _succeeded(standin, reported[intent_id], event_id)

    def post(url, body, secret):
        return client.post(url, data=body, content_type="application/json", headers={"Stripe-Signature": signed(body, secret)})

    shop_a_url = f"/api/webhooks/stripe/{installation_a.portal_key}"
    # B's payment, in an event signed with A's secret at A's endpoint (A holds its secret): B's Saleor is not told
    assert post(shop_a_url, event("pi_b", other_shop, "evt_b"), HOOK_A).json() == {"status": "ignored"}
    # A's event signed with the deployment's secret: refused at A's endpoint, ignored at the deployment's
    body_a = event("pi_a", standin_a, "evt_a")
    refused = post(shop_a_url, body_a, SECRET)
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "invalid_signature")
    assert post("/api/webhooks/stripe", body_a, SECRET).json() == {"status": "ignored"}
    assert "events" not in reported["pi_a"] and "events" not in reported["pi_b"]  # no Saleor was told
    # A's own event at A's endpoint is A's
    assert post(shop_a_url, body_a, HOOK_A).json() == {"status": "processed"}
    assert reported["pi_a"]["events"] == [("CHARGE_SUCCESS", "pi_a", "6000")] and "events" not in reported["pi_b"]
    # B (on the deployment's account) still gets its events at the deployment's endpoint
    assert post("/api/webhooks/stripe", event("pi_b", other_shop, "evt_b"), SECRET).json() == {"status": "processed"}
    assert reported["pi_b"]["events"] == [("CHARGE_SUCCESS", "pi_b", "6000")]
    assert sorted((e.stripe_event_id, e.installation_id or 0, e.status) for e in StripeEvent.objects.all()) == [
        ("evt_a", 0, "ignored"), ("evt_a", installation_a.pk, "processed"), ("evt_b", 0, "processed"),
        ("evt_b", installation_a.pk, "ignored")]


def test_a_connect_shops_endpoint_takes_only_its_accounts_events(installed, client, settings):
    settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_SECRET_KEY = SECRET, "sk_test_platform"
    _, _, installation = installed
    StripeAccount.objects.create(installation=installation, connected_account="acct_mine", account_id="acct_mine",
                                 checked_at=timezone.now())
    body = json.dumps(stripe_object("event", id="evt_c", account="acct_other", type="payment_intent.succeeded",
                                    data={"object": stripe_object("payment_intent", id="pi_c")})).encode()
    answer = client.post(f"/api/webhooks/stripe/{installation.portal_key}", data=body, content_type="application/json",
                         headers={"Stripe-Signature": signed(body, SECRET)})
    assert (answer.status_code, answer.json()["error"]["code"]) == (400, "wrong_account")
    assert not StripeEvent.objects.exists()


@pytest.fixture
def stripe_checks(monkeypatch, settings):
    settings.STRIPE_SECRET_KEY = ""  # a single-shop default is not needed for a shop's own keys
    return route(monkeypatch, ScriptedStripe())


def test_a_shops_keys_are_checked_with_stripe_kept_encrypted_and_shown_by_their_last_four(staff_call, stripe_checks):  # noqa: F811
    call, installation = staff_call, Installation.objects.get()
    assert call(READ)["account"]["source"] == "ENVIRONMENT" and not call(READ)["account"]["configured"]
    stripe_checks.answer(200, stripe_object("account", id="acct_shopA", settings={"dashboard": {"display_name": "Ocha Ya"}}))
    saved = call(CONNECT, input={"secretKey": KEY_A, "publishableKey": "pk_test_shopA0000000000009999", "webhookSecret": HOOK_A})
    assert saved["errors"] == []
    assert {k: saved["account"][k] for k in ("source", "accountId", "accountName", "livemode", "secretKeyLast4",
                                             "webhookSecretLast4", "configured")} == {
        "source": "OWN", "accountId": "acct_shopA", "accountName": "Ocha Ya", "livemode": False, "secretKeyLast4": "1234",
        "webhookSecretLast4": "5678", "configured": True}
    assert saved["account"]["webhookUrl"] == f"http://testserver/api/webhooks/stripe/{installation.portal_key}"
    (check,) = stripe_checks.requests
    assert (check.method, check.path, key_of(check)) == ("get", "v1/account", KEY_A)
    shown = json.dumps(call(READ))
    assert KEY_A not in shown and HOOK_A not in shown
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM saleor_subscriptions_stripeaccount")
        (row,) = cursor.fetchall()
    assert not any(secret in str(value) for value in row for secret in (KEY_A, HOOK_A))
    removed = call(REMOVE)
    assert removed["account"]["source"] == "ENVIRONMENT" and not StripeAccount.objects.exists()


def test_a_wrong_key_is_refused_in_the_staffs_language_and_nothing_is_kept(staff_call, stripe_checks):  # noqa: F811
    stripe_checks.answer(401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_test_****1234"}})
    call = staff_call
    refused = call(CONNECT, language="ja", input={
        "secretKey": KEY_A, "publishableKey": "pk_test_shopA0000000000009999", "webhookSecret": HOOK_A})
    assert refused["account"] is None
    (error,) = refused["errors"]
    assert (error["field"], error["code"]) == ("secretKey", "STRIPE_KEY_REFUSED")
    assert "Stripe がこのキーを受け付けませんでした" in error["message"]
    # keys of two modes, and a key that is no key, are refused before Stripe is asked
    mixed = call(CONNECT, input={"secretKey": KEY_A, "publishableKey": "pk_live_shopA0000000000009999", "webhookSecret": HOOK_A})
    assert [(e["field"], e["code"]) for e in mixed["errors"]] == [("publishableKey", "MODE_MISMATCH")]
    typo = call(CONNECT, language="zh-hans", input={"secretKey": "pk_test_oops12345678", "publishableKey": "pk_test_x12345678",
                                                    "webhookSecret": HOOK_A})
    assert [(e["field"], e["code"]) for e in typo["errors"]] == [("secretKey", "INVALID")]
    assert "这不是 Stripe 密钥的格式" in typo["errors"][0]["message"]
    assert len(stripe_checks.requests) == 1 and not StripeAccount.objects.exists()


def test_the_stripe_account_section_needs_manage_channels(staff_call, stripe_checks):  # noqa: F811
    refused = staff_call(CONNECT, permissions=("MANAGE_ORDERS",), input={"connectedAccount": "acct_x1234"})
    assert [e["code"] for e in refused["errors"]] == ["PERMISSION_DENIED"] and not stripe_checks.requests


def test_a_card_saved_in_the_account_a_shop_left_is_not_charged_in_the_new_one(subscribed):
    standin, installation, subscription, fake = subscribed  # Hanako's card was saved in the deployment's account
    own_account(installation)
    installation = Installation.objects.get(pk=installation.pk)
    runs.run_due(installation, DAY(2027, 2, 28))
    renewal = subscription.renewals.get()
    assert renewal.state == "failed" and "another Stripe account" in renewal.last_error
    assert fake.charges == [] and not [r for r in fake.requests if r.path.startswith("v1/payment_intents")]


def test_a_checkout_of_a_shop_with_its_own_keys_pays_into_its_account(shop, stripe_http, app_http):
    standin, installation, _ = shop
    own_account(installation)
    checkout = standin.checkout_view(standin.add_checkout("jp", user=USER))
    gateway = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 6800.0, "data": None, "sourceObject": checkout})
    assert gateway["data"]["publishableKey"] == KEY_A.replace("sk_", "pk_")  # the shop's, not the deployment's
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_plain", amount=6800, currency="jpy", status="requires_payment_method"))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout, amount="6800"))
    assert answer["data"]["publishableKey"] == KEY_A.replace("sk_", "pk_")
    (request,) = stripe_http.requests
    assert (key_of(request), request.headers.get("Stripe-Account")) == (KEY_A, None)


def test_a_checkout_of_a_connect_shop_is_made_on_its_connect_account(shop, stripe_http, app_http, settings):
    standin, installation, _ = shop
    StripeAccount.objects.create(installation=installation, connected_account="acct_shopC", account_id="acct_shopC",
                                 checked_at=timezone.now())
    checkout = standin.checkout_view(standin.add_checkout("jp", user=USER))
    stripe_http.answer(200, stripe_object("payment_intent", id="pi_c", amount=6800, currency="jpy", status="requires_payment_method"))
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", session_fields(checkout, amount="6800"))
    assert (answer["data"]["publishableKey"], answer["data"]["stripeAccount"]) == (settings.STRIPE_PUBLISHABLE_KEY, "acct_shopC")
    (request,) = stripe_http.requests
    assert (key_of(request), request.headers.get("Stripe-Account")) == (settings.STRIPE_SECRET_KEY, "acct_shopC")


def test_a_connect_event_at_the_deployments_endpoint_reaches_only_that_accounts_shop(installed, other_shop, client, settings):  # noqa: F811
    """A on its own keys, B on a Connect account: the platform's endpoint passes B's account's events to B alone."""
    settings.STRIPE_WEBHOOK_SECRET, settings.STRIPE_SECRET_KEY = SECRET, "sk_test_platform"
    standin_a, _, installation_a = installed
    own_account(installation_a)
    installation_b = Installation.objects.get(saleor_api_url=other_shop.api_url)
    StripeAccount.objects.create(installation=installation_b, connected_account="acct_shopB", account_id="acct_shopB",
                                 checked_at=timezone.now())
    reported = _paid(standin_a, other_shop)

    def post(intent_id, standin, event_id):
        body = _succeeded(standin, reported[intent_id], event_id, account="acct_shopB")
        return client.post("/api/webhooks/stripe", data=body, content_type="application/json",
                           headers={"Stripe-Signature": signed(body, SECRET)}).json()

    # B's account speaking of A's intent: A is on other keys, its Saleor is not told
    assert post("pi_a", standin_a, "evt_b_about_a") == {"status": "ignored"}
    assert "events" not in reported["pi_a"] and "events" not in reported["pi_b"]
    # B's account speaking of B's intent: B's Saleor is told, A's still is not
    assert post("pi_b", other_shop, "evt_b") == {"status": "processed"}
    assert reported["pi_b"]["events"] == [("CHARGE_SUCCESS", "pi_b", "6000")] and "events" not in reported["pi_a"]
