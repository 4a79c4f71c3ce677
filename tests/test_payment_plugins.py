"""Payment methods as plug-ins: the carrier-billing package in tests/carrier_billing, found only through its entry
point, goes through checkout, renewal, its own signed webhook and a refund with no change to the core."""

import datetime
import json
import sys
from decimal import Decimal
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from saleor_subscriptions.checkout import line_plan
from saleor_subscriptions.checkout.actions import add_subscription_line
from saleor_subscriptions.checkout.disclosure import disclose
from saleor_subscriptions.core.errors import InputError
from saleor_subscriptions.installations import settings as installation_settings
from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.payment_methods import registry
from saleor_subscriptions.plans.actions import PlanError, revise_plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.saleor.payloads import Order
from saleor_subscriptions.subscriptions.creation import payment_kind

from .clock import fixed_clock
from .conftest import order_payload, renewal_orders
from .test_gateway import USER, session_fields
from .test_shop_settings import staff_call  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).parent / "carrier_billing" / "src"  # holds carrier_billing-0.1.dist-info/entry_points.txt
DAY = datetime.date


@pytest.fixture
def carrier(monkeypatch):
    """The carrier-billing package installed: its directory (code and dist-info) on sys.path, as pip would."""
    monkeypatch.setenv("CARRIER_BILLING_WEBHOOK_SECRET", "whsec_carrier_test")
    monkeypatch.syspath_prepend(str(PACKAGE))
    registry.reload()
    from carrier_billing.carrier import CARRIER

    CARRIER.charges.clear()
    CARRIER.refunds.clear()
    yield CARRIER
    monkeypatch.undo()
    registry.reload()


def test_a_method_is_found_only_through_its_entry_point(monkeypatch):
    registry.reload()
    assert "carrier_billing" not in registry.names()
    monkeypatch.syspath_prepend(str(PACKAGE))
    registry.reload()
    method = registry.get("carrier_billing")
    assert (type(method).__module__, method.label("ja")) == ("carrier_billing.method", "キャリア決済")
    assert registry.names()[:4] == ["card", "konbini", "cod", "bank_transfer"]
    monkeypatch.undo()
    registry.reload()


def test_a_broken_or_clashing_plug_in_is_left_out_and_the_others_still_load(monkeypatch):
    found = [EntryPoint("broken", "no_such_package.method:Method", registry.GROUP),
             EntryPoint("card", "carrier_billing.method:CarrierBilling", registry.GROUP),  # takes a built-in's name
             EntryPoint("carrier_billing", "carrier_billing.method:CarrierBilling", registry.GROUP)]
    monkeypatch.syspath_prepend(str(PACKAGE))
    monkeypatch.setattr(registry, "entry_points", lambda group: [e for e in found if e.group == group])
    registry.reload()
    assert registry.names() == ["card", "konbini", "cod", "bank_transfer", "carrier_billing"]
    assert registry.get("card").charged_off_session
    monkeypatch.undo()
    registry.reload()


def test_a_plan_cannot_name_a_method_that_is_not_installed(shop):
    _, installation, _ = shop
    plan = installation.plans.get()
    with pytest.raises(PlanError) as refused:
        revise_plan(plan, {**plan.current_version.terms_json, "payment_methods": ["card", "carrier_billing"]})
    assert refused.value.errors[0]["field"] == "terms.payment_methods.1"
    assert refused.value.errors[0]["message"] == "carrier_billingは利用できるお支払い方法ではありません（card, konbini, cod, bank_transfer）。"


@pytest.fixture
def carrier_checkout(shop, carrier):
    standin, installation, product = shop
    installation.payment_methods = {"jp": ["card", "carrier_billing"], "us": ["card", "carrier_billing"]}
    installation.save()
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "payment_methods": ["card", "carrier_billing"]})
    standin.channels["jp"]["_shipping"] = Decimal("500")
    cart = standin.add_checkout("jp", user=USER, shipping_method="1")
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    return standin, installation, standin.checkout_view(standin.checkouts[cart["id"]])


def test_the_carrier_is_offered_at_checkout_and_asked_for_the_first_payment(carrier_checkout, carrier, stripe_http, app_http):
    standin, installation, checkout = carrier_checkout
    offered = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 980.0, "data": None, "sourceObject": checkout})
    assert offered["data"]["paymentMethods"] == ["card", "carrier_billing"]
    in_dollars = standin.checkout_view(standin.add_checkout("us", user=USER))
    offered = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 9.8, "data": None, "sourceObject": in_dollars})
    assert offered["data"]["paymentMethods"] == ["card"]  # the method takes yen only

    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION",
                          {**session_fields(checkout), "data": {"paymentMethod": "carrier_billing"}})
    assert (answer["result"], answer["pspReference"]) == ("CHARGE_REQUEST", "carrier_billing:VHJhbnNhY3Rpb25JdGVtOjE=")
    (charge,) = carrier.charges.values()
    assert (charge["amount"], charge["transaction_id"]) == (Decimal("980"), "VHJhbnNhY3Rpb25JdGVtOjE=")
    assert charge["webhook_url"].endswith(f"/api/payment-methods/carrier_billing/{installation.portal_key}/webhook")
    assert stripe_http.requests == []
    process = {**session_fields(checkout, psp_reference=answer["pspReference"]), "data": {}}
    assert standin.sync(app_http, "TRANSACTION_PROCESS_SESSION", process)["result"] == "CHARGE_REQUEST"
    paid_so = order_payload({"id": "Q2hhbm5lbDox", "slug": "jp"}, "UHJvZHVjdFZhcmlhbnQ6MQ==", number=2)
    order = Order.from_payload({**paid_so, "transactions": [{"pspReference": answer["pspReference"]}]})
    assert payment_kind(installation, order) == "carrier_billing"  # the subscription renews the same way


def test_the_checkout_states_how_the_carrier_is_paid(carrier_checkout):
    _, installation, checkout = carrier_checkout
    (line,) = disclose(installation, checkout_id=checkout["id"], language_code="JA", payment_method="carrier_billing",
                       today=DAY(2027, 1, 31)).lines
    assert "お支払い方法・時期：キャリア決済。各回のご注文（お届け予定日当日）後、5日以内に携帯電話で承認してください。" in line.statements


def paying_by_carrier(subscribed):
    standin, installation, subscription, _ = subscribed
    subscription.payment_kind, subscription.payment_method = "carrier_billing", None
    subscription.save()
    return standin, installation, subscription


def carrier_event(client, installation, body: dict, *, signature: str | None = None, shop: str | None = None):
    from carrier_billing.carrier import sign

    raw = json.dumps(body).encode()
    return client.post(f"/api/payment-methods/carrier_billing/{shop or installation.portal_key}/webhook", raw,
                       content_type="application/json", headers={"X-Carrier-Signature": signature or sign(raw)})


def test_a_renewal_is_requested_from_the_carrier_confirmed_by_its_signed_webhook_and_refunded(
        subscribed, carrier, client, app_http, django_capture_on_commit_callbacks):
    standin, installation, subscription = paying_by_carrier(subscribed)
    with fixed_clock(DAY(2027, 2, 28), hour=9), django_capture_on_commit_callbacks(execute=True):
        runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = renewal_orders(standin)
    (transaction,) = order["transactions"]
    renewal = subscription.renewals.get()
    assert (transaction["input"]["name"], transaction["pending"]) == ("Carrier billing (subscription)", Decimal("6500"))
    charge = carrier.charges[f"{renewal.external_reference}-carrier_billing"]
    assert (charge["amount"], charge["transaction_id"]) == (Decimal("6500"), transaction["id"])
    mail = MailLog.objects.get(kind="payment_instructions", to=subscription.email)
    assert "2027年3月5日までに携帯電話で￥6,500のお支払いを承認してください" in mail.text_body  # ja, the 5-day deadline

    paid_part = {"type": "charge.paid", "payment_id": "pay_1", "transaction_id": transaction["id"], "amount": "2000"}
    assert carrier_event(client, installation, paid_part, signature="0" * 64).status_code == 400
    assert carrier_event(client, installation, paid_part, shop="no-such-shop").status_code == 404
    assert transaction["charged"] == 0
    assert carrier_event(client, installation, paid_part).json() == {"status": "processed", "remaining": "4500"}
    renewal.refresh_from_db()
    assert (transaction["charged"], renewal.paid_at, renewal.payment_status) == (Decimal("2000"), None, "pending")
    rest = {**paid_part, "payment_id": "pay_2", "amount": "4500"}
    for _ in range(2):  # the carrier redelivers
        assert carrier_event(client, installation, rest).json() == {"status": "processed", "remaining": "0"}
    renewal.refresh_from_db()
    assert (transaction["charged"], transaction["pending"], renewal.payment_status) == (Decimal("6500"), 0, "paid")
    assert installation.events.filter(type="payment.received").count() == 2

    refund = {"action": {"amount": 6500.0, "currency": "JPY", "actionType": "REFUND"},
              "transaction": {"__typename": "TransactionItem", "id": transaction["id"], "pspReference": transaction["pspReference"],
                              "chargedAmount": {"amount": 6500.0, "currency": "JPY"}, "authorizedAmount": {"amount": 0.0, "currency": "JPY"}}}
    answer = standin.sync(app_http, "TRANSACTION_REFUND_REQUESTED", refund)
    assert (answer["result"], answer["pspReference"]) == ("REFUND_SUCCESS", "cbr_1")
    assert carrier.refunds == [{"id": "cbr_1", "reference": transaction["pspReference"], "amount": Decimal("6500")}]


def test_a_shop_keeps_working_once_a_plug_in_is_uninstalled(carrier_checkout, stripe_http, app_http, monkeypatch):
    standin, installation, checkout = carrier_checkout
    monkeypatch.setattr(sys, "path", [entry for entry in sys.path if entry != str(PACKAGE)])
    registry.reload()
    line_plan._TERMS.clear()  # a fresh process
    offered = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 980.0, "data": None, "sourceObject": checkout})
    assert offered["data"]["paymentMethods"] == ["card"]  # the saved plan still reads; the method is not offered
    installation_settings.update(installation, {"change_cutoff_days": 5})  # other settings still save
    with pytest.raises(InputError) as refused:
        installation_settings.update(installation, {"payment_methods": {"jp": ["card", "carrier_billing"]}})
    assert refused.value.field == "payment_methods.jp.1"


def test_the_dashboards_forms_are_offered_the_plug_in_with_its_label_in_the_staffs_language(carrier, staff_call):
    answer = staff_call("query { shopSettings { paymentMethodChoices { name label } } }", language="ja")
    assert answer["paymentMethodChoices"] == [
        {"name": "card", "label": "クレジットカード"}, {"name": "konbini", "label": "コンビニ払い"},
        {"name": "cod", "label": "代金引換"}, {"name": "bank_transfer", "label": "銀行振込"},
        {"name": "carrier_billing", "label": "キャリア決済"}, {"name": "payment_slip", "label": "払込票同封"}]
