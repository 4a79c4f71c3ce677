"""The localstripe fixture and the real HTTP path of the payment code against it."""

import os
from decimal import Decimal

import stripe

from saleor_subscriptions.payments import stripe_api
from saleor_subscriptions.payments.charges import charge_once
from saleor_subscriptions.payments.declines import Outcome
from saleor_subscriptions.payments.stripe_api import stripe_client

from .conftest import USER
from .tcp_relay import counting_relay


def test_localstripe_answers_the_stripe_client_on_loopback(localstripe):
    client = stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe}, max_network_retries=0)
    customer = client.v1.customers.create(params={"email": "hanako@example.jp"})
    assert customer.id.startswith("cus_")
    assert client.v1.customers.retrieve(customer.id).email == "hanako@example.jp"
    assert localstripe.startswith("http://127.0.0.1:")


def test_localstripe_keeps_nothing_on_disk(localstripe):
    before = os.stat("/tmp/localstripe.pickle").st_mtime if os.path.exists("/tmp/localstripe.pickle") else None
    client = stripe.StripeClient("sk_test_localstripe", base_addresses={"api": localstripe}, max_network_retries=0)
    client.v1.customers.create(params={"email": "taro@example.jp"})
    after = os.stat("/tmp/localstripe.pickle").st_mtime if os.path.exists("/tmp/localstripe.pickle") else None
    assert before == after


def _customer_with_card(client, number):
    customer = client.v1.customers.create(params={"email": "hanako@example.jp"})
    method = client.v1.payment_methods.create(params={
        "type": "card", "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"}})
    client.v1.payment_methods.attach(method.id, params={"customer": customer.id})
    return customer.id, method.id


def test_an_off_session_charge_over_real_http(localstripe, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = "sk_test_localstripe", localstripe
    client = stripe_client(None)
    customer, good = _customer_with_card(client, "4242424242424242")
    recorded = []

    def charge(customer, method, key, attempt=1):
        return charge_once(key=key, customer_id=customer, payment_method_id=method, amount=Decimal("6000"), currency="JPY",
                           attempt_key=f"{key}-attempt-{attempt}", metadata={"cycle": "2"}, on_intent=recorded.append,
                           client=stripe_api.plain_calls(None))

    result = charge(customer, good, "it-1")
    assert (result.outcome, result.amount, result.currency) == (Outcome.SUCCEEDED, Decimal("6000"), "JPY")
    assert client.v1.payment_intents.retrieve(result.payment_intent_id).amount == 6000
    assert recorded == [result.payment_intent_id]
    # our record lost (a crash before it committed): the intent is found by its metadata, not charged again
    again = charge(customer, good, "it-1", attempt=2)
    assert again.payment_intent_id == result.payment_intent_id and again.outcome == Outcome.SUCCEEDED
    assert len(client.v1.charges.list(params={"customer": customer}).data) == 1

    declining_customer, declining = _customer_with_card(client, "4000000000000341")  # attaches, then declines
    result = charge(declining_customer, declining, "it-2")
    assert result.outcome == Outcome.RETRYABLE and result.decline_code == "card_declined"


def test_payment_webhooks_one_after_another_reuse_one_connection_to_stripe(shop, localstripe, settings, app_http):
    """Each sync webhook answers inside Saleor's own request: no new TLS handshake with Stripe per webhook."""
    settings.STRIPE_SECRET_KEY = "sk_test_localstripe"
    stripe_api._pooled.cache_clear()  # as a fresh process: no connection to Stripe yet
    with counting_relay(int(localstripe.rsplit(":", 1)[1])) as relay:
        settings.STRIPE_API_BASE = relay.url
        _initialize_then_cancel(shop, app_http)
    assert relay.connections == 1  # three Stripe calls over two webhooks, one connection


def _initialize_then_cancel(shop, app_http):
    standin, _, _ = shop
    checkout = standin.checkout_view(standin.add_checkout("jp", user=USER))
    transaction = {"__typename": "TransactionItem", "id": "VHJhbnNhY3Rpb25JdGVtOjE=", "pspReference": "",
                   "chargedAmount": {"amount": 0.0, "currency": "JPY"}, "authorizedAmount": {"amount": 0.0, "currency": "JPY"}}
    action = {"amount": 6800.0, "currency": "JPY", "actionType": "CHARGE"}
    started = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", {
        "merchantReference": "x", "idempotencyKey": "k-1", "data": None, "action": action, "transaction": transaction,
        "sourceObject": checkout})
    cancelled = standin.sync(app_http, "TRANSACTION_CANCELATION_REQUESTED", {
        "action": action, "transaction": transaction | {"pspReference": started["pspReference"]}})
    assert (started["result"], cancelled["result"]) == ("CHARGE_ACTION_REQUIRED", "CANCEL_SUCCESS")
    assert stripe_client(None).v1.payment_intents.retrieve(started["pspReference"]).status == "canceled"
