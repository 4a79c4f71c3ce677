"""The operators' desk over the staff API: find subscriptions and see one whole, with MANAGE_ORDERS only."""

import datetime
import json

import pytest

from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions.models import Subscription, SubscriptionLine
from saleor_subscriptions.subscriptions.search_terms import index_terms

from .conftest import renewal_orders
from .test_api_staff import dashboard  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date
ORDERS = ("MANAGE_ORDERS",)
LIST = """query L($search: String, $status: [SubscriptionStatus!], $attention: Boolean, $first: Int, $after: String) {
  staffSubscriptions(search: $search, status: $status, needsAttention: $attention, first: $first, after: $after) {
    subscriptions { id status email customerName plan planName nextDelivery needsAttention }
    pageInfo { hasNextPage endCursor } errors { field code message } } }"""
DETAIL = """query D($id: ID!) { staffSubscription(id: $id) {
  subscription { id status email } lines { quantity planVersion nextUnitPrice { amount formatted } }
  upcomingDeliveries card renewals { cycle state orderNumber amount { amount } problem }
  events { type actor } mails { kind status } errors { field code message } } }"""


@pytest.fixture
def desk(subscribed, dashboard):  # noqa: F811
    """Hanako's subscription, and two more: one past due, one cancelled."""
    standin, installation, hanako, fake = subscribed
    call, _, app, _ = dashboard
    others = []
    for n, status in ((2, Subscription.Status.PAST_DUE), (3, Subscription.Status.CANCELLED)):
        other = Subscription.objects.create(**{f.attname: getattr(hanako, f.attname) for f in Subscription._meta.concrete_fields
                                               if f.attname not in ("id", "created_at", "updated_at")}
                                            | {"origin_order_id": f"T3JkZXI6{n}", "email": f"Taro{n}@Example.jp", "status": status})
        line = hanako.lines.get()
        SubscriptionLine.objects.create(subscription=other, variant_id=line.variant_id, quantity=1, plan_version=line.plan_version)
        others.append(other)
    operator = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                 email="operator@example.jp", permissions=list(ORDERS))
    return call, standin, installation, hanako, others, operator


def ids(result):
    assert result["errors"] == [], result
    return [int(row["id"]) for row in result["subscriptions"]]


def test_operators_find_subscriptions_by_email_order_number_status_and_attention(desk):
    call, standin, installation, hanako, (late, cancelled), _ = desk
    assert ids(call(LIST, permissions=ORDERS)) == [cancelled.pk, late.pk, hanako.pk]  # newest first
    assert ids(call(LIST, permissions=ORDERS, search="taro2@EXAMPLE.jp")) == [late.pk]
    assert ids(call(LIST, permissions=ORDERS, status=["ACTIVE"])) == [hanako.pk]
    assert ids(call(LIST, permissions=ORDERS, attention=True)) == [late.pk]
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = [o for o in renewal_orders(standin) if o["id"] == hanako.renewals.get().saleor_order_id]
    assert ids(call(LIST, permissions=ORDERS, search=order["number"])) == [hanako.pk]


def test_operators_find_a_customer_by_name_or_phone_however_it_is_typed(desk):
    call, _, _, hanako, (late, cancelled), _ = desk
    late.shipping_address = {"firstName": "Taro", "lastName": "Suzuki", "phone": "+819012345678", "postalCode": "100-0005",
                             "country": {"code": "JP"}}
    late.billing_address = None
    late.save()
    index_terms(late)
    index_terms(hanako)
    found = {search: ids(call(LIST, permissions=ORDERS, search=search)) for search in (
        "山田", "山田花子", "花子 山", "suzuki", "SUZUKI taro", "Tar", "090-1234-5678", "03-1234-5678", "０３－１２３４－５６７８",
        "tanaka", "09012345679")}
    assert found == {"山田": [hanako.pk], "山田花子": [hanako.pk], "花子 山": [hanako.pk], "suzuki": [late.pk],
                     "SUZUKI taro": [late.pk], "Tar": [late.pk], "090-1234-5678": [late.pk], "03-1234-5678": [hanako.pk],
                     "０３－１２３４－５６７８": [hanako.pk], "tanaka": [], "09012345679": []}
    (row,) = call(LIST, permissions=ORDERS, search="suzuki")["subscriptions"]
    assert row["customerName"] == "Suzuki Taro"  # who it is, family name first as Japanese staff write it
    assert row["planName"] == "毎月お届け定期便"  # the plan as the staff's language names it, not its code


def test_a_new_address_is_what_the_search_finds(desk):
    call, _, _, hanako, _, operator = desk
    address = {"lastName": "佐藤", "firstName": "花子", "streetAddress1": "梅田1-1", "city": "大阪市北区", "postalCode": "530-0001",
               "country": "jp", "countryArea": "大阪府", "phone": "+81661234567"}
    assert call(ADDRESS, token=operator, id=str(hanako.pk), address=address)["errors"] == []
    assert ids(call(LIST, permissions=ORDERS, search="山田")) == []
    assert ids(call(LIST, permissions=ORDERS, search="佐藤")) == [hanako.pk]
    assert ids(call(LIST, permissions=ORDERS, search="06-6123-4567")) == [hanako.pk]


def test_a_delivery_that_failed_or_waits_for_stock_needs_attention_until_it_is_behind(desk):
    call, _, _, hanako, (late, cancelled), _ = desk
    cycle = hanako.deliveries + 1
    renewal = hanako.renewals.create(cycle=cycle, scheduled_for=DAY(2027, 2, 28), state="scheduled",
                                     last_error="waiting for stock: 0 of 1 left")
    assert ids(call(LIST, permissions=ORDERS, attention=True)) == [late.pk, hanako.pk]
    assert ids(call(LIST, permissions=ORDERS, attention=False)) == [cancelled.pk]
    renewal.last_error, renewal.state = "", "retry_scheduled"
    renewal.save()
    assert ids(call(LIST, permissions=ORDERS, attention=True)) == [late.pk, hanako.pk]
    Subscription.objects.filter(pk=hanako.pk).update(deliveries=cycle)  # delivered after all: an old cycle's trouble
    assert ids(call(LIST, permissions=ORDERS, attention=True)) == [late.pk]


def test_the_list_pages_by_cursor(desk):
    call, _, _, hanako, (late, cancelled), _ = desk
    first = call(LIST, permissions=ORDERS, first=2)
    assert ids(first) == [cancelled.pk, late.pk] and first["pageInfo"]["hasNextPage"]
    rest = call(LIST, permissions=ORDERS, first=2, after=first["pageInfo"]["endCursor"])
    assert ids(rest) == [hanako.pk] and not rest["pageInfo"]["hasNextPage"]
    assert call(LIST, permissions=ORDERS, after="nonsense")["errors"][0]["field"] == "after"


def test_one_subscription_whole(desk):
    call, standin, installation, hanako, _, _ = desk
    runs.run_due(installation, DAY(2027, 2, 28))
    detail = call(DETAIL, permissions=ORDERS, id=str(hanako.pk))
    assert detail["errors"] == [] and detail["subscription"]["status"] == "ACTIVE"
    assert detail["lines"] == [{"quantity": 1, "planVersion": 1, "nextUnitPrice": {"amount": "6000", "formatted": "￥6,000"}}]
    assert detail["upcomingDeliveries"][:3] == ["2027-03-31", "2027-04-30", "2027-05-31"] and len(detail["upcomingDeliveries"]) == 6
    assert detail["card"] == "visa •••• 4242"
    (renewal,) = detail["renewals"]
    assert (renewal["cycle"], renewal["state"], renewal["amount"], renewal["problem"]) == (2, "done", {"amount": "6500"}, None)
    assert {"type": "renewal.done", "actor": "system"} in detail["events"]
    assert call(DETAIL, permissions=ORDERS, id="999999")["errors"][0]["code"] == "NOT_FOUND"
    assert call(DETAIL, permissions=ORDERS, id="9" * 30)["errors"][0]["code"] == "NOT_FOUND"  # no row number is that long


def test_without_manage_orders_the_desk_is_refused(desk):
    call = desk[0]
    for query, variables in ((LIST, {}), (DETAIL, {"id": "1"})):
        result = call(query, permissions=("MANAGE_PRODUCTS",), **variables)
        assert [error["code"] for error in result["errors"]] == ["PERMISSION_DENIED"]
        assert json.dumps(result).count("hanako") == 0


CANCEL = """mutation C($id: ID!, $end: Boolean!, $override: Boolean, $reason: String) {
  staffSubscriptionCancel(id: $id, atPeriodEnd: $end, overrideCommitment: $override, reason: $reason) {
    subscription { id status } errors { field code message } } }"""
QUANTITY = """mutation Q($id: ID!, $line: ID!, $quantity: Int!) {
  staffSubscriptionQuantity(id: $id, lineId: $line, quantity: $quantity) { subscription { id } errors { field code message } } }"""
SKIP = """mutation S($id: ID!) { staffSubscriptionSkip(id: $id) { subscription { nextDelivery } errors { code } } }"""


def test_an_operator_changes_a_subscription_on_the_phone_and_the_event_names_them(desk):
    call, standin, installation, hanako, _, operator = desk
    line = hanako.lines.get()
    assert call(QUANTITY, token=operator, id=str(hanako.pk), line=str(line.pk), quantity=3)["errors"] == []
    detail = call(DETAIL, permissions=ORDERS, id=str(hanako.pk))
    assert detail["lines"][0]["quantity"] == 3 and detail["lines"][0]["nextUnitPrice"]["amount"] == "5400"  # the 10 % tier
    assert call(SKIP, token=operator, id=str(hanako.pk)) == {"subscription": {"nextDelivery": "2027-03-31"}, "errors": []}
    event = installation.events.get(type="subscription.skipped")
    assert (event.actor, event.actor_id) == ("staff", "operator@example.jp")


def test_a_minimum_commitment_is_overridden_only_on_purpose_and_the_event_says_so(desk):
    call, standin, installation, hanako, _, _ = desk
    line = hanako.lines.get()
    terms = line.plan_version.terms.model_dump(mode="json") | {"min_commitment": 3}
    line.plan_version.__class__.objects.filter(pk=line.plan_version.pk).update(terms_json=terms)
    refused = call(CANCEL, permissions=ORDERS, id=str(hanako.pk), end=False)
    assert [error["code"] for error in refused["errors"]] == ["COMMITMENT"] and refused["subscription"] is None
    done = call(CANCEL, permissions=ORDERS, id=str(hanako.pk), end=False, override=True)
    assert done == {"subscription": {"id": str(hanako.pk), "status": "CANCELLED"}, "errors": []}
    assert installation.events.get(type="subscription.cancelled").data["commitment_overridden"] == "1 of 3 deliveries"


def test_the_customers_reason_for_cancelling_is_kept_with_who_took_it(desk):
    call, _, installation, hanako, _, operator = desk
    done = call(CANCEL, token=operator, id=str(hanako.pk), end=True, reason="  飲みきれないので  ")
    assert done["errors"] == []
    event = installation.events.get(type="subscription.cancel_requested")
    assert (event.data["reason"], event.actor_id) == ("飲みきれないので", "operator@example.jp")


def test_changes_need_manage_orders(desk):
    call, _, _, hanako, _, _ = desk
    result = call(SKIP, permissions=("MANAGE_PRODUCTS",), id=str(hanako.pk))
    assert result == {"subscription": None, "errors": [{"code": "PERMISSION_DENIED"}]}
    assert Subscription.objects.get(pk=hanako.pk).skipped == 0


PRICE = """mutation P($id: ID!, $line: ID!, $price: Decimal, $reason: String) {
  staffSubscriptionPrice(id: $id, lineId: $line, price: $price, reason: $reason) { subscription { id } errors { field code } } }"""
RENEW_NOW = """mutation R($id: ID!) { staffSubscriptionRenewNow(id: $id) { subscription { deliveries nextDelivery } errors { code } } }"""


def test_a_per_subscriber_price_with_its_reason_and_back_to_the_plans(desk):
    call, standin, installation, hanako, _, operator = desk
    line = str(hanako.lines.get().pk)
    assert call(PRICE, token=operator, id=str(hanako.pk), line=line, price="5000")["errors"] == [{"field": "reason", "code": "INVALID"}]
    assert call(PRICE, token=operator, id=str(hanako.pk), line=line, price="5000.5", reason="x")["errors"][0]["field"] == "price"
    assert call(PRICE, token=operator, id=str(hanako.pk), line=line, price="5000", reason="long-time customer")["errors"] == []
    assert call(DETAIL, token=operator, id=str(hanako.pk))["lines"][0]["nextUnitPrice"]["amount"] == "5000"
    assert installation.events.get(type="subscription.price_set", data__after="5000").data["reason"] == "long-time customer"
    assert call(PRICE, token=operator, id=str(hanako.pk), line=line, price=None)["errors"] == []
    assert call(DETAIL, token=operator, id=str(hanako.pk))["lines"][0]["nextUnitPrice"]["amount"] == "6000"


def test_renew_now_orders_and_charges_the_next_delivery_at_once(desk):
    call, standin, installation, hanako, _, operator = desk
    result = call(RENEW_NOW, token=operator, id=str(hanako.pk))
    assert result["errors"] == [] and result["subscription"]["deliveries"] == 2
    assert [o["externalReference"] for o in renewal_orders(standin)] == [hanako.renewals.get().external_reference]
    assert installation.events.get(type="subscription.renewed_now").actor_id == "operator@example.jp"


PAYMENT = """mutation M($id: ID!, $method: String!) {
  staffSubscriptionPaymentMethod(id: $id, method: $method) { subscription { payment } errors { field code } } }"""
ADDRESS = """mutation A($id: ID!, $address: AddressInput!) {
  staffSubscriptionAddress(id: $id, shippingAddress: $address) { subscription { id } errors { field code } } }"""


def test_an_operator_switches_the_payment_to_what_the_plan_takes(desk):
    call, standin, installation, hanako, _, operator = desk
    assert call(PAYMENT, token=operator, id=str(hanako.pk), method="cod")["errors"] == [{"field": "paymentMethod", "code": "PAYMENT_METHOD"}]
    line = hanako.lines.get()
    terms = line.plan_version.terms.model_dump(mode="json") | {"payment_methods": ["card", "cod"]}
    line.plan_version.__class__.objects.filter(pk=line.plan_version.pk).update(terms_json=terms)
    # the plan takes it, but the shop has not offered it in the channel (card alone until set), as at checkout
    assert call(PAYMENT, token=operator, id=str(hanako.pk), method="cod")["errors"] == [{"field": "paymentMethod", "code": "PAYMENT_METHOD"}]
    installation.payment_methods = {hanako.channel_slug: ["card", "cod"]}
    installation.save()
    assert call(PAYMENT, token=operator, id=str(hanako.pk), method="cod") == {"subscription": {"payment": "cod"}, "errors": []}
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = [o for o in renewal_orders(standin) if o["id"] == hanako.renewals.get().saleor_order_id]
    assert order["transactions"][0]["pending"] == 6500  # cash on delivery: the amount is pending


def test_an_operator_changes_the_delivery_address(desk):
    call, standin, installation, hanako, _, operator = desk
    address = {"lastName": "山田", "firstName": "花子", "streetAddress1": "梅田1-1", "city": "大阪市北区", "postalCode": "530-0001",
               "country": "jp", "countryArea": "大阪府"}
    assert call(ADDRESS, token=operator, id=str(hanako.pk), address=address)["errors"] == []
    hanako.refresh_from_db()
    assert (hanako.shipping_address["postalCode"], hanako.shipping_address["country"]) == ("530-0001", {"code": "JP"})
    runs.run_due(installation, DAY(2027, 2, 28))
    (order,) = [o for o in renewal_orders(standin) if o["id"] == hanako.renewals.get().saleor_order_id]
    assert order["input"]["shippingAddress"]["city"] == "大阪市北区"
