"""The operators' desk, the edits asked for on the phone: lines, variant, plan, shipping, payments, deletion, widgets."""

import datetime
import json
from decimal import Decimal

import pytest

from saleor_subscriptions.payments.offline import mark_received
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.renewals import lease, runs
from saleor_subscriptions.saleor.webhooks.models import WebhookDelivery
from saleor_subscriptions.subscriptions.models import Renewal, Subscription

from .clock import fixed_clock
from .conftest import TRIAL_TERMS, renewal_orders
from .test_api_error_languages import ENGLISH_SENTENCE
from .test_api_operators import desk  # noqa: F401  (fixture)
from .test_api_staff import dashboard  # noqa: F401  (fixture)
from .test_renewals import set_stock, short_of_stock_at_completion
from .test_tenant_payments import other_shop  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date
ORDERS = ("MANAGE_ORDERS",)
ERRORS = "errors { field code message }"
CHANGED = f"subscription {{ id status plan nextDelivery payment }} {ERRORS}"
LINE_ADD = f"""mutation ($id: ID!, $variant: ID!, $quantity: Int!) {{
  staffSubscriptionLineAdd(id: $id, variantId: $variant, quantity: $quantity) {{ {CHANGED} }} }}"""
LINE_REMOVE = f"""mutation ($id: ID!, $line: ID!) {{ staffSubscriptionLineRemove(id: $id, lineId: $line) {{ {CHANGED} }} }}"""
VARIANT = f"""mutation ($id: ID!, $line: ID!, $variant: ID!) {{
  staffSubscriptionVariant(id: $id, lineId: $line, variantId: $variant) {{ {CHANGED} }} }}"""
PLAN = f"""mutation ($id: ID!, $plan: String!) {{ staffSubscriptionPlan(id: $id, plan: $plan) {{ {CHANGED} }} }}"""
SKIP = f"""mutation ($id: ID!, $override: Boolean) {{ staffSubscriptionSkip(id: $id, override: $override) {{ {CHANGED} }} }}"""
CANCEL = f"""mutation ($id: ID!, $override: Boolean) {{
  staffSubscriptionCancel(id: $id, atPeriodEnd: false, override: $override) {{ {CHANGED} }} }}"""
METHODS = f"""query ($id: ID!) {{ staffShippingMethods(id: $id) {{
  shippingMethods {{ id name price {{ amount formatted }} }} current {ERRORS} }} }}"""
SHIPPING = f"""mutation ($id: ID!, $method: ID!) {{
  staffSubscriptionShipping(id: $id, shippingMethodId: $method) {{ {CHANGED} }} }}"""
RECEIVED = f"""mutation ($id: ID!, $cycle: Int!) {{ staffSubscriptionPaymentReceived(id: $id, cycle: $cycle) {{ {CHANGED} }} }}"""
DELETE = f"""mutation ($id: ID!) {{ staffSubscriptionDelete(id: $id) {{ deleted saleorDraftsDeleted {ERRORS} }} }}"""
DETAIL = f"""query ($id: ID!) {{ staffSubscription(id: $id) {{
  customerName planName lines {{ id productName variantName planName quantity }}
  paymentMethod {{ kind brand last4 expMonth expYear }} problems changeDeadline allowedOverrides
  renewals {{ cycle paymentStatus canConfirmPayment }}
  deletionEffects {{ ordersKept draftsDeleted summary }} {ERRORS} }} }}"""
LIST = f"""query ($customer: ID) {{ staffSubscriptions(customer: $customer) {{ subscriptions {{ id }} {ERRORS} }} }}"""
ORDER = f"""query ($order: ID!) {{ staffOrderSubscription(orderId: $order) {{ subscription {{ id }} cycle role {ERRORS} }} }}"""


def _terms(subscription, **changes):
    version = subscription.lines.first().plan_version
    version.__class__.objects.filter(pk=version.pk).update(terms_json=version.terms.model_dump(mode="json") | changes)


def _operator_at(standin, now: datetime.datetime) -> str:
    """The operator's Dashboard token, valid at the fixed clock's time."""
    app = next(iter(standin.apps.values()))
    return standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                             exp=int(now.timestamp()) + 300, email="operator@example.jp", permissions=list(ORDERS))


def _codes(result):
    return [error["code"] for error in result["errors"]]


def test_an_operator_adds_and_removes_a_product_and_the_next_order_ships_what_is_left(desk, shop):
    call, standin, installation, hanako, _, operator = desk
    large = shop[2]["variants"][1]["id"]
    added = call(LINE_ADD, token=operator, id=str(hanako.pk), variant=large, quantity=2)
    assert added["errors"] == []
    assert sorted((line.variant_id, line.quantity) for line in hanako.lines.all()) == sorted(
        [(shop[2]["variants"][0]["id"], 1), (large, 2)])
    assert _codes(call(LINE_ADD, token=operator, id=str(hanako.pk), variant=large, quantity=1)) == ["DUPLICATE"]
    other = standin.add_product("Black tea", variants=[("50 g", {"jp": Decimal("900")})])
    assert _codes(call(LINE_ADD, token=operator, id=str(hanako.pk), variant=other["variants"][0]["id"], quantity=1)) == [
        "NOT_AVAILABLE"]
    first = hanako.lines.exclude(variant_id=large).get()
    assert call(LINE_REMOVE, token=operator, id=str(hanako.pk), line=str(first.pk))["errors"] == []
    event = installation.events.get(type="subscription.line_removed")
    assert (event.actor, event.actor_id, event.data["variant"]) == ("staff", "operator@example.jp", first.variant_id)
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = [o for o in renewal_orders(standin) if o["id"] == hanako.renewals.get().saleor_order_id]
    assert [(line["variantId"], line["quantity"]) for line in order["input"]["lines"]] == [(large, 2)]


def test_the_last_line_cannot_be_removed_and_the_operator_is_told_to_cancel(desk):
    call, _, _, hanako, _, operator = desk
    line = hanako.lines.get()
    messages = set()
    for language in ("en", "ja", "zh-hans", "zh-hant"):
        result = call(LINE_REMOVE, token=operator, accept_language=language, id=str(hanako.pk), line=str(line.pk))
        assert [(e["field"], e["code"]) for e in result["errors"]] == [("lineId", "LAST_LINE")] and result["subscription"] is None
        messages.add(result["errors"][0]["message"])
    assert len(messages) == 4 and any("cancel the subscription" in message for message in messages)
    assert hanako.lines.count() == 1


def test_another_variant_of_the_same_product_only(desk, shop):
    call, standin, installation, hanako, _, operator = desk
    line = hanako.lines.get()
    large = shop[2]["variants"][1]["id"]
    assert call(VARIANT, token=operator, id=str(hanako.pk), line=str(line.pk), variant=large)["errors"] == []
    assert hanako.lines.get().variant_id == large
    other = standin.add_product("Black tea", variants=[("50 g", {"jp": Decimal("900")})])
    refused = call(VARIANT, token=operator, id=str(hanako.pk), line=str(line.pk), variant=other["variants"][0]["id"])
    assert _codes(refused) == ["NOT_AVAILABLE"] and hanako.lines.get().variant_id == large


def test_another_plan_of_the_same_product_changes_the_interval(desk, shop):
    call, _, installation, hanako, _, operator = desk
    create_plan(installation, product_id=shop[2]["id"], code="bimonthly",
                terms={**TRIAL_TERMS, "schedule": {"interval_unit": "month", "interval_count": 2}})
    changed = call(PLAN, token=operator, id=str(hanako.pk), plan="bimonthly")
    assert changed["errors"] == [] and changed["subscription"]["plan"] == "bimonthly"
    assert _codes(call(PLAN, token=operator, id=str(hanako.pk), plan="bimonthly")) == ["UNCHANGED"]
    assert _codes(call(PLAN, token=operator, id=str(hanako.pk), plan="nope")) == ["NOT_FOUND"]


def test_inside_the_cut_off_staff_override_only_on_purpose_and_where_the_plan_allows(desk):
    call, standin, installation, hanako, _, _ = desk  # the next delivery is on 28 Feb; changes close 7 days before
    with fixed_clock(DAY(2027, 2, 25)) as now:
        operator = _operator_at(standin, now.return_value)
        refused = call(SKIP, token=operator, id=str(hanako.pk))
        assert _codes(refused) == ["PAST_CUTOFF"]
        detail = call(DETAIL, token=operator, id=str(hanako.pk))
        assert detail["changeDeadline"] == "2027-02-21" and detail["allowedOverrides"] == ["CUTOFF", "COMMITMENT"]
        _terms(hanako, staff_overrides=["commitment"])
        assert _codes(call(SKIP, token=operator, id=str(hanako.pk), override=True)) == ["OVERRIDE_NOT_ALLOWED"]
        assert Subscription.objects.get(pk=hanako.pk).skipped == 0
        _terms(hanako, staff_overrides=["cutoff"])
        skipped = call(SKIP, token=operator, id=str(hanako.pk), override=True)
        assert skipped["errors"] == [] and skipped["subscription"]["nextDelivery"] == "2027-03-31"
    event = installation.events.get(type="subscription.skipped")
    assert (event.actor_id, event.data["overrides"]) == ("operator@example.jp", ["cutoff"])


def test_a_commitment_is_overridden_only_where_the_plan_lets_staff(desk):
    call, _, installation, hanako, _, operator = desk
    _terms(hanako, min_commitment=3, staff_overrides=["cutoff"])
    assert _codes(call(CANCEL, token=operator, id=str(hanako.pk))) == ["COMMITMENT"]
    assert _codes(call(CANCEL, token=operator, id=str(hanako.pk), override=True)) == ["OVERRIDE_NOT_ALLOWED"]
    assert Subscription.objects.get(pk=hanako.pk).status == "active"
    _terms(hanako, min_commitment=3, staff_overrides=["commitment"])
    assert call(CANCEL, token=operator, id=str(hanako.pk), override=True)["subscription"]["status"] == "CANCELLED"
    assert installation.events.get(type="subscription.cancelled").data["overrides"] == ["commitment"]


def test_an_unknown_override_is_refused_in_the_plans_terms(dashboard, shop):  # noqa: F811
    call, _, _, _ = dashboard
    create = """mutation ($terms: JSONString!, $product: ID!) { planCreate(productId: $product, code: "x", terms: $terms) {
      errors { field code } } }"""
    result = call(create, product=shop[2]["id"], terms=json.dumps({**TRIAL_TERMS, "staff_overrides": ["price"]}))
    assert [error["field"] for error in result["errors"]] == ["terms.staff_overrides.0"]


def test_shipping_methods_are_the_ones_saleor_offers_for_the_channel_and_address(desk):
    call, standin, installation, hanako, _, operator = desk
    standin.shipping_methods.add("2")
    standin.shipping_names["2"] = "Sagawa"
    methods = call(METHODS, token=operator, id=str(hanako.pk))
    assert [(m["name"], m["price"]["formatted"]) for m in methods["shippingMethods"]] == [("Yamato", "￥500"), ("Sagawa", "￥500")]
    assert methods["current"] == methods["shippingMethods"][0]["id"]
    sagawa = methods["shippingMethods"][1]["id"]
    assert call(SHIPPING, token=operator, id=str(hanako.pk), method=sagawa)["errors"] == []
    assert call(METHODS, token=operator, id=str(hanako.pk))["current"] == sagawa
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = [o for o in renewal_orders(standin) if o["id"] == hanako.renewals.get().saleor_order_id]
    assert order["input"]["shippingMethod"] == sagawa
    standin.channels["jp"]["_countries"] = {"US"}  # the channel no longer ships to Japan
    assert call(METHODS, token=operator, id=str(hanako.pk))["shippingMethods"] == []
    refused = call(SHIPPING, token=operator, id=str(hanako.pk), method=methods["shippingMethods"][0]["id"])
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("shippingMethodId", "NOT_AVAILABLE")]
    assert not any(r.operation_name and r.operation_name.startswith("Checkout") for r in standin.received)


def _renewal_order(standin, subscription) -> dict | None:
    """The order of the subscription's renewal, by its reference (the desk's other subscriptions renew too)."""
    reference = f"-{subscription.pk}-2"
    return next((o for o in renewal_orders(standin) if o["externalReference"].endswith(reference)), None)


def _paying_cash(hanako):
    _terms(hanako, payment_methods=["card", "cod"])
    Subscription.objects.filter(pk=hanako.pk).update(payment_kind="cod")


def test_cash_that_arrived_is_confirmed_once_and_the_order_becomes_paid(desk):
    call, standin, installation, hanako, _, operator = desk
    _paying_cash(hanako)
    runs.run_due(installation, DAY(2027, 2, 28))
    order = _renewal_order(standin, hanako)
    detail = call(DETAIL, token=operator, accept_language="en", id=str(hanako.pk))
    assert detail["renewals"] == [{"cycle": 2, "paymentStatus": "PENDING", "canConfirmPayment": True}]
    assert detail["problems"] == ["Delivery 2: ¥6,500 by cash on delivery has not been paid yet."]
    for _ in range(2):  # the second press changes nothing
        assert call(RECEIVED, token=operator, id=str(hanako.pk), cycle=2)["errors"] == []
    (transaction,) = order["transactions"]
    assert (transaction["charged"], transaction["pending"]) == (Decimal("6500"), 0)
    assert standin.charge_status(order) == "FULL"  # Saleor's ORDER_FULLY_PAID follows: no "marked paid in Saleor" for it
    assert WebhookDelivery.objects.filter(event_type="order_fully_paid", status="processed").exists()
    assert not installation.events.filter(type="payment.marked_paid_in_saleor").exists()
    (event,) = installation.events.filter(type="payment.received")
    assert (event.actor_id, event.data["subscription"], event.data["cycle"]) == ("operator@example.jp", hanako.pk, 2)
    transaction["pending"] = Decimal("6500")  # a second request that read Saleor before the first reported
    mark_received(installation, transaction_id=transaction["id"], actor_id="operator@example.jp")
    assert installation.events.filter(type="payment.received").count() == 1 and transaction["charged"] == Decimal("6500")
    transaction["pending"] = 0
    detail = call(DETAIL, token=operator, id=str(hanako.pk))
    assert detail["renewals"] == [{"cycle": 2, "paymentStatus": "PAID", "canConfirmPayment": False}] and detail["problems"] == []
    assert _codes(call(RECEIVED, token=operator, id=str(hanako.pk), cycle=9)) == ["NOT_FOUND"]


def test_a_card_renewal_has_nothing_to_confirm(desk):
    call, _, installation, hanako, _, operator = desk
    runs.run_due(installation, DAY(2027, 2, 28))
    assert _codes(call(RECEIVED, token=operator, id=str(hanako.pk), cycle=2)) == ["NOT_PENDING"]
    assert call(DETAIL, token=operator, id=str(hanako.pk))["renewals"] == [
        {"cycle": 2, "paymentStatus": "PAID", "canConfirmPayment": False}]


def test_marked_as_paid_in_the_dashboard_settles_our_pending_payment_once(desk, app_http):
    call, standin, installation, hanako, _, operator = desk
    _paying_cash(hanako)
    runs.run_due(installation, DAY(2027, 2, 28))
    order = _renewal_order(standin, hanako)
    standin.mark_as_paid(app_http, order)
    ours = order["transactions"][0]
    assert (ours["pending"], ours["charged"], standin.charge_status(order)) == (0, 0, "FULL")  # not counted twice
    assert [event[0] for event in ours["events"]] == ["CHARGE_REQUEST", "CHARGE_FAILURE"]  # closed: paid otherwise
    (event,) = installation.events.filter(type="payment.marked_paid_in_saleor")
    assert (event.actor, event.data["cycle"], event.data["amount"]) == ("saleor", 2, "6500")
    assert call(DETAIL, token=operator, id=str(hanako.pk))["renewals"][0]["paymentStatus"] == "PAID"
    standin.emit(app_http, "ORDER_FULLY_PAID", {"order": {**standin.webhook_order(order), "transactions": [
        {"id": ours["id"], "pspReference": ours["pspReference"], "chargePendingAmount": {"amount": 6500.0, "currency": "JPY"}}]}})
    assert installation.events.filter(type="payment.marked_paid_in_saleor").count() == 1  # a redelivery adds nothing
    assert [event[0] for event in ours["events"]] == ["CHARGE_REQUEST", "CHARGE_FAILURE"]


def test_the_page_shows_names_from_saleor_in_one_request_and_the_payment_method(desk):
    call, standin, installation, hanako, _, operator = desk
    before = len(standin.received)
    detail = call(DETAIL, token=operator, id=str(hanako.pk))
    assert [r.operation_name for r in standin.received[before:]] == ["VariantNames"]
    assert detail["lines"][0] | {"id": None} == {"id": None, "productName": "緑茶", "variantName": "100 g",
                                                  "planName": "毎月お届け定期便", "quantity": 1}
    assert (detail["planName"], detail["customerName"]) == ("毎月お届け定期便", "山田 花子")
    assert detail["paymentMethod"] == {"kind": "card", "brand": "visa", "last4": "4242", "expMonth": None, "expYear": None}
    assert detail["problems"] == []
    english = call(DETAIL, token=operator, accept_language="en", id=str(hanako.pk))
    assert (english["lines"][0]["productName"], english["planName"]) == ("Green tea", "Monthly delivery")


def test_a_card_that_expires_before_the_next_delivery_is_an_open_problem(desk):
    call, standin, installation, hanako, _, operator = desk
    hanako.payment_method.__class__.objects.filter(pk=hanako.payment_method_id).update(exp_month=1, exp_year=2027)
    detail = call(DETAIL, token=operator, accept_language="en", id=str(hanako.pk))
    assert detail["problems"] == ["The saved card expires (01/2027) before the next delivery on February 28, 2027."]


def test_a_renewal_that_could_not_reach_stripe_is_told_in_the_staffs_language_without_the_raw_error(desk, monkeypatch):
    call, standin, installation, hanako, _, operator = desk
    from saleor_subscriptions.payments.charges import ChargeUnavailable
    from saleor_subscriptions.renewals import engine

    def unreachable(**kwargs):
        raise ChargeUnavailable("Unexpected error communicating with Stripe. (Network error: ConnectionError: "
                                "HTTPConnectionPool(host='10.1.2.3', port=8420): Max retries exceeded)")

    monkeypatch.setattr(engine, "charge_once", unreachable)
    runs.run_due(installation, DAY(2027, 2, 28))
    japanese = call(DETAIL, token=operator, id=str(hanako.pk))["problems"]
    english = call(DETAIL, token=operator, accept_language="en", id=str(hanako.pk))["problems"]
    assert japanese == ["2回目：Stripeに接続できませんでした。次回の処理で再開します。"]
    assert english == ["Delivery 2: Stripe could not be reached; the next run picks it up again."]


def test_why_a_renewal_stopped_is_told_in_the_staffs_language_quoting_only_saleors_words(desk, monkeypatch):
    call, standin, installation, hanako, _, operator = desk
    short_of_stock_at_completion(monkeypatch)
    runs.run_due(installation, DAY(2027, 2, 28))
    renewal = hanako.renewals.get()
    assert renewal.state == "failed" and renewal.last_error.startswith("Saleor did not complete the renewal order: ")
    japanese = call(DETAIL, token=operator, id=str(hanako.pk))["problems"]
    english = call(DETAIL, token=operator, accept_language="en", id=str(hanako.pk))["problems"]
    assert japanese == [f"2回目の処理が止まっています：Saleorが継続注文を確定しませんでした：{renewal.problem['values']['detail']}"]
    assert "Insufficient product stock." in japanese[0]
    assert english == [f"Delivery 2 did not go through: {renewal.last_error}"]


def test_a_delivery_waiting_for_stock_is_told_in_the_staffs_language(desk):
    call, standin, installation, hanako, _, operator = desk
    set_stock(standin, hanako, 0, "wait", stock_wait_days=3)
    runs.run_due(installation, DAY(2027, 2, 28))
    variant = hanako.lines.get().variant_id
    assert hanako.renewals.get().last_error == f"waiting for stock: {variant} (0/2)"  # the operators' search finds it so
    japanese = call(DETAIL, token=operator, id=str(hanako.pk))["problems"]
    assert japanese == [f"2回目の処理が止まっています：在庫待ち：{variant} (0/2)（翌日に再度試します）"]


def test_a_declined_renewal_is_told_in_words_not_stripes_code(desk):
    call, standin, installation, hanako, _, operator = desk
    Renewal.objects.create(subscription=hanako, cycle=2, state=Renewal.State.RETRY_SCHEDULED, scheduled_for=DAY(2027, 2, 28),
                           decline_code="insufficient_funds", attempts=1)
    problems = call(DETAIL, token=operator, id=str(hanako.pk))["problems"]
    assert "2回目：お支払いが拒否されました（残高不足、またはご利用限度額の超過）。" in problems


def test_deleting_keeps_placed_orders_removes_our_unpaid_draft_and_leaves_an_audit_event(desk, settings):
    call, standin, installation, hanako, _, operator = desk
    settings.STRIPE_SECRET_KEY = None  # the renewal fails and its draft waits
    runs.run_due(installation, DAY(2027, 2, 28))
    assert _renewal_order(standin, hanako)["status"] == "DRAFT"
    effects = call(DETAIL, token=operator, accept_language="en", id=str(hanako.pk))["deletionEffects"]
    assert (effects["ordersKept"], effects["draftsDeleted"]) == (1, 1) and "1 order(s) already placed stay" in effects["summary"]
    assert call(DELETE, token=operator, id=str(hanako.pk)) == {"deleted": True, "saleorDraftsDeleted": 1, "errors": []}
    assert _renewal_order(standin, hanako) is None and not Subscription.objects.filter(pk=hanako.pk).exists()
    assert not Renewal.objects.filter(subscription_id=hanako.pk).exists()
    event = installation.events.get(type="subscription.deleted")
    assert (event.actor, event.actor_id, event.data["email"], event.data["saleor_orders_removed"]) == (
        "staff", "operator@example.jp", hanako.email, 1)
    assert _codes(call(DELETE, token=operator, id=str(hanako.pk))) == ["NOT_FOUND"]


def test_a_subscription_a_worker_holds_or_whose_delivery_is_being_charged_is_not_deleted(desk):
    call, standin, installation, hanako, _, operator = desk
    (held,) = lease.claim(Subscription.objects.filter(pk=hanako.pk), "worker-1")
    assert _codes(call(DELETE, token=operator, id=str(hanako.pk))) == ["BUSY"]
    lease.release(held)
    Renewal.objects.create(subscription=hanako, cycle=2, state=Renewal.State.CHARGING, scheduled_for=DAY(2027, 2, 28))
    refused = call(DELETE, token=operator, accept_language="en", id=str(hanako.pk))
    assert _codes(refused) == ["BUSY"] and "being charged" in refused["errors"][0]["message"]
    assert Subscription.objects.get(pk=hanako.pk).lease_owner == ""  # given back
    assert not installation.events.filter(type="subscription.deleted").exists()


def test_the_customer_and_order_widgets(desk):
    call, standin, installation, hanako, (late, cancelled), operator = desk
    Subscription.objects.filter(pk=late.pk).update(customer_id="VXNlcjo5OQ==")
    listed = call(LIST, token=operator, customer=hanako.customer_id)
    assert [int(row["id"]) for row in listed["subscriptions"]] == [cancelled.pk, hanako.pk]
    assert call(ORDER, token=operator, order=hanako.origin_order_id) == {
        "subscription": {"id": str(hanako.pk)}, "cycle": 1, "role": "START", "errors": []}
    runs.run_due(installation, DAY(2027, 2, 28))
    renewal = hanako.renewals.get()
    assert call(ORDER, token=operator, order=renewal.saleor_order_id) == {
        "subscription": {"id": str(hanako.pk)}, "cycle": 2, "role": "RENEWAL", "errors": []}
    assert call(ORDER, token=operator, order="T3JkZXI6bm9wZQ==") == {"subscription": None, "cycle": None, "role": None, "errors": []}
    Renewal.objects.create(subscription=hanako, cycle=3, scheduled_for=DAY(2027, 3, 31))  # not ordered yet: no order id
    assert call(ORDER, token=operator, order="")["subscription"] is None


MUTATIONS = [(LINE_ADD, {"variant": "x", "quantity": 1}), (LINE_REMOVE, {"line": "1"}), (VARIANT, {"line": "1", "variant": "x"}),
             (PLAN, {"plan": "monthly"}), (SHIPPING, {"method": "x"}), (RECEIVED, {"cycle": 2}), (DELETE, {})]


def test_without_manage_orders_nothing_is_changed_or_shown(desk):
    call, _, installation, hanako, _, _ = desk
    for query, variables in [*MUTATIONS, (METHODS, {}), (ORDER, {"order": hanako.origin_order_id})]:
        result = call(query, permissions=("MANAGE_PRODUCTS",), id=str(hanako.pk), **variables)
        assert _codes(result) == ["PERMISSION_DENIED"], query
        assert result.get("subscription") is None and not result.get("deleted")
    assert Subscription.objects.filter(pk=hanako.pk, lines__isnull=False).count() == 1
    assert not installation.events.filter(actor="staff", type__startswith="subscription.").exists()


def test_another_shops_staff_neither_see_nor_change_this_shops_subscriptions(desk, other_shop, client):  # noqa: F811
    _, _, installation, hanako, _, _ = desk
    app = next(iter(other_shop.apps.values()))
    token = other_shop.key.token(other_shop.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjox",
                                 email="intruder@example.jp", permissions=list(ORDERS))

    def ask(query, **variables):
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": other_shop.api_url, "Authorization-Bearer": token})
        return next(iter(response.json()["data"].values()))

    for query, variables in [*MUTATIONS, (METHODS, {}), (DETAIL, {})]:
        assert _codes(ask(query, id=str(hanako.pk), **variables)) == ["NOT_FOUND"], query
    assert ask(ORDER, order=hanako.origin_order_id)["subscription"] is None
    assert ask(LIST, customer=hanako.customer_id)["subscriptions"] == []
    assert Subscription.objects.filter(pk=hanako.pk).exists() and hanako.lines.count() == 1
    assert not installation.events.filter(actor_id="intruder@example.jp").exists()


def test_an_order_marked_paid_before_its_payment_was_requested_is_not_asked_to_pay_again(desk, app_http, monkeypatch):
    call, standin, installation, hanako, _, operator = desk
    _paying_cash(hanako)
    from saleor_subscriptions.renewals import engine

    monkeypatch.setattr(engine, "request_renewal_payment", lambda *args, **kwargs: (_ for _ in ()).throw(SystemExit("killed")))
    with pytest.raises(SystemExit):
        runs.run_due(installation, DAY(2027, 2, 28))
    monkeypatch.undo()
    order = _renewal_order(standin, hanako)
    assert order["transactions"] == [] and Renewal.objects.get(subscription=hanako).state == Renewal.State.ORDER_CREATED
    standin.mark_as_paid(app_http, order)  # staff press "Mark as paid" meanwhile
    Subscription.objects.filter(pk=hanako.pk).update(lease_owner="", lease_until=None)  # the killed worker's lease expired
    runs.run_due(installation, DAY(2027, 2, 28))
    assert [t["input"]["name"] for t in order["transactions"]] == ["Manual capture"]  # no pending amount added
    assert call(DETAIL, token=operator, id=str(hanako.pk))["renewals"][0]["paymentStatus"] == "PAID"


@pytest.mark.parametrize("refusal", ["last_line", "override", "not_pending", "not_found"])
def test_the_desks_refusals_speak_the_staff_language(desk, refusal):
    call, _, installation, hanako, _, operator = desk
    query, variables = {
        "last_line": (LINE_REMOVE, {"line": str(hanako.lines.get().pk)}),
        "override": (CANCEL, {"override": True}),
        "not_pending": (RECEIVED, {"cycle": 2}),
        "not_found": (SKIP, {"id": "999999"}),
    }[refusal]
    if refusal == "override":
        _terms(hanako, min_commitment=3, staff_overrides=[])
    if refusal == "not_pending":
        runs.run_due(installation, DAY(2027, 2, 28))
    messages = {language: call(query, token=operator, accept_language=language, **({"id": str(hanako.pk)} | variables))[
        "errors"][0]["message"] for language in ("en", "ja", "zh-hans", "zh-hant")}
    assert len(set(messages.values())) == 4, messages
    assert ENGLISH_SENTENCE.search(messages["en"]) and not any(
        ENGLISH_SENTENCE.search(messages[language]) for language in ("ja", "zh-hans", "zh-hant")), messages


def test_a_konbini_voucher_is_voided_when_the_order_is_marked_paid_in_the_dashboard(desk, subscribed, app_http):
    call, standin, installation, hanako, _, operator = desk
    fake = subscribed[3]
    _terms(hanako, payment_methods=["card", "konbini"])
    Subscription.objects.filter(pk=hanako.pk).update(payment_kind="konbini", billing_address={"country": {"code": "JP"}})
    runs.run_due(installation, DAY(2027, 2, 28))
    order = _renewal_order(standin, hanako)
    intent = next(i for i in fake.konbini if i["metadata"].get("saleor_order_id") == order["id"])
    standin.mark_as_paid(app_http, order)
    assert intent["status"] == "canceled"  # the customer can no longer pay the voucher too
    assert order["transactions"][0]["pending"] == 0
    assert call(DETAIL, token=operator, id=str(hanako.pk))["renewals"][0]["paymentStatus"] == "PAID"


def test_a_voucher_paid_at_the_till_meanwhile_stays_and_the_order_shows_it_overpaid(desk, subscribed, app_http):
    call, standin, installation, hanako, _, operator = desk
    fake = subscribed[3]
    _terms(hanako, payment_methods=["card", "konbini"])
    Subscription.objects.filter(pk=hanako.pk).update(payment_kind="konbini", billing_address={"country": {"code": "JP"}})
    runs.run_due(installation, DAY(2027, 2, 28))
    order = _renewal_order(standin, hanako)
    intent = next(i for i in fake.konbini if i["metadata"].get("saleor_order_id") == order["id"])
    intent["status"] = "succeeded"  # paid at the till; Stripe's webhook is on its way
    standin.mark_as_paid(app_http, order)
    assert order["transactions"][0]["pending"] == Decimal("6500")  # left for Stripe's report: a refund is for staff
    assert not installation.events.filter(type="payment.marked_paid_in_saleor").exists()
