"""Subscriptions start from the order that bought them: once, for genuine plan lines only."""

import datetime
import json
from decimal import Decimal

import pytest

from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.subscriptions.creation import subscriptions_from_order
from saleor_subscriptions.subscriptions.models import Subscription

from .conftest import load_capture

pytestmark = pytest.mark.django_db
USD_PLAN = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"USD": "12.34"}}, "texts": {"en": {"name": "Plan 1"}}}


def captured_order() -> dict:
    return json.loads(load_capture("order_created.json")["body"], parse_float=Decimal)["order"]


@pytest.fixture
def plan_1(installed):
    _, _, installation = installed
    create_plan(installation, product_id="UHJvZHVjdDo3Mg==", code="plan-1", terms=USD_PLAN)
    return installation


@pytest.mark.usefixtures("requires_captures")
def test_the_captured_order_starts_one_subscription(plan_1):
    (subscription,) = subscriptions_from_order(plan_1, captured_order())
    assert (subscription.status, subscription.payment_kind, subscription.currency) == ("active", "card", "USD")
    assert subscription.customer_id == "VXNlcjo0Ng==" and subscription.channel_slug == "default-channel"
    assert subscription.started_on == datetime.date(2026, 11, 22)  # 19:23 UTC is the 22nd in Tokyo
    assert subscription.next_renewal_on == datetime.date(2026, 12, 22)
    assert subscription.shipping_method_id == "U2hpcHBpbmdNZXRob2Q6MQ=="
    (line,) = subscription.lines.all()
    assert (line.variant_id, line.quantity, line.plan_version.number) == ("UHJvZHVjdFZhcmlhbnQ6MzQ4", 2, 1)
    assert subscription.first_order_amount == Decimal("24.68")  # 2 × $12.34: the cohorts' first-order revenue
    # ORDER_UPDATED / ORDER_FULLY_PAID / a redelivery: still one
    assert subscriptions_from_order(plan_1, captured_order()) == [subscription]
    assert Subscription.objects.count() == 1


@pytest.mark.usefixtures("requires_captures")
def test_a_line_whose_price_does_not_match_its_plan_starts_nothing(plan_1):
    order = captured_order()
    order["lines"][0]["unitPrice"]["gross"]["amount"] = Decimal("1.00")  # metadata copied onto a cheap line
    assert subscriptions_from_order(plan_1, order) == []
    assert plan_1.events.filter(type="subscription.refused").exists()


@pytest.mark.usefixtures("requires_captures")
def test_a_line_without_an_app_price_override_starts_nothing(plan_1):
    order = captured_order()
    order["lines"][0]["isPriceOverridden"] = False
    assert subscriptions_from_order(plan_1, order) == []


@pytest.mark.usefixtures("requires_captures")
def test_an_unpaid_card_order_waits_for_order_fully_paid(plan_1):
    order = {**captured_order(), "chargeStatus": "NONE"}
    assert subscriptions_from_order(plan_1, order) == []
    assert len(subscriptions_from_order(plan_1, {**order, "chargeStatus": "FULL"})) == 1


@pytest.mark.usefixtures("requires_captures")
def test_a_cash_on_delivery_order_starts_its_subscription_unpaid(plan_1):
    order = {**captured_order(), "chargeStatus": "NONE", "transactions": [
        {"pspReference": "cod:VHJhbnNhY3Rpb25JdGVtOjE=", "chargePendingAmount": {"amount": Decimal("24.68"), "currency": "USD"}}]}
    (subscription,) = subscriptions_from_order(plan_1, order)
    assert subscription.payment_kind == "cod"


def paid_line(line_id: str, variant_id: str, version: str) -> dict:
    money = {"gross": {"amount": 980.0, "currency": "JPY"}, "net": {"amount": 980.0, "currency": "JPY"}}
    return {"id": line_id, "quantity": 1, "isPriceOverridden": True, "variant": {"id": variant_id},
            "unitPrice": money, "totalPrice": money,
            "metadata": [{"key": "subscription.plan", "value": "monthly"}, {"key": "subscription.plan_version", "value": version}]}


def paid_order(*lines: dict) -> dict:
    money = {"gross": {"amount": 980.0 * len(lines), "currency": "JPY"}, "net": {"amount": 980.0 * len(lines), "currency": "JPY"}}
    return {"__typename": "Order", "id": "T3JkZXI6NDI=", "number": "42", "created": "2027-01-31T03:00:00+00:00",
            "channel": {"id": "Q2hhbm5lbDox", "slug": "jp", "currencyCode": "JPY"}, "languageCodeEnum": "JA_JP",
            "userEmail": "hanako@example.jp", "user": {"id": "VXNlcjo0Ng==", "email": "hanako@example.jp"},
            "chargeStatus": "FULL", "transactions": [{"pspReference": "pi_first", "chargePendingAmount": {"amount": 0.0, "currency": "JPY"}}],
            "total": money, "lines": list(lines), "metadata": []}


def test_order_webhooks_start_subscriptions_through_the_receiver(shop, app_http):
    standin, installation, product = shop
    order = paid_order(paid_line("T3JkZXJMaW5lOjE=", product["variants"][0]["id"], "1"))
    for event in ("ORDER_CREATED", "ORDER_FULLY_PAID"):
        [(status, _, _)] = standin.emit(app_http, event, {"order": order})
        assert status == 200
    (subscription,) = Subscription.objects.all()
    assert (subscription.status, subscription.language) == ("active", "ja")  # the one-delivery trial is over
    assert subscription.next_renewal_on == datetime.date(2027, 2, 28)  # ordered on 31 Jan (Tokyo): month-end


@pytest.mark.parametrize("version", ["abc", "1e3", "9" * 5000, "1\x00"])
def test_a_line_with_shopper_written_plan_metadata_is_skipped_and_the_genuine_one_starts(shop, app_http, version):
    standin, installation, product = shop
    variant = product["variants"][0]["id"]
    order = paid_order(paid_line("T3JkZXJMaW5lOjE=", variant, version), paid_line("T3JkZXJMaW5lOjI=", variant, "1"))
    [(status, _, _)] = standin.emit(app_http, "ORDER_FULLY_PAID", {"order": order})
    assert status == 200
    (subscription,) = Subscription.objects.all()
    assert [line.plan_version.number for line in subscription.lines.all()] == [1]
    (refused,) = installation.events.filter(type="subscription.refused")
    assert refused.data["line"] == "T3JkZXJMaW5lOjE="
