"""Phone/FAX order entry over the staff API: a quote, then the order placed at once, once, or nothing at all."""

import json
from decimal import Decimal

import pytest
from django.core import mail as outbox

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.payments.models import PaymentMethod
from saleor_subscriptions.payments.stripe_api import stripe_client
from saleor_subscriptions.plans.actions import revise_plan
from saleor_subscriptions.phone_orders.placing import Placing
from saleor_subscriptions.plans.models import Plan
from saleor_subscriptions.saleor.client import SaleorTransportError
from saleor_subscriptions.subscriptions.models import Subscription

from .conftest import TRIAL_TERMS
from .test_api_staff import dashboard  # noqa: F401  (fixture)
from .test_payment_methods import new_card

pytestmark = pytest.mark.django_db
ORDERS = ("MANAGE_ORDERS",)
ADDRESS = {"firstName": "花子", "lastName": "山田", "streetAddress1": "丸の内1-1", "city": "千代田区", "postalCode": "100-0005",
           "country": "JP", "countryArea": "東京都", "phone": "+81312345678"}
QUOTE = """query Q($input: PhoneOrderInput!) { staffPhoneOrderQuote(input: $input) {
  currency lines { name plan firstUnitPrice { amount } firstTotal { amount } regularUnitPrice { amount } statements }
  shippingMethods { id name price { amount } } paymentMethods { name label } subtotal { amount } shipping { amount } total { formatted }
  errors { field code message } } }"""
PLACE = """mutation P($input: PhoneOrderInput!, $key: String!) { staffPhoneOrderPlace(input: $input, idempotencyKey: $key) {
  orderId orderNumber subscriptions { id status email plan payment } errors { field code message } } }"""
CUSTOMERS = """query C($search: String!) { staffCustomers(search: $search) {
  customers { id email firstName phone languageCode } errors { code } } }"""
PRODUCTS = """query P($channel: String!, $search: String!) { staffProducts(channel: $channel, search: $search) {
  currency products { name plans { code name } variants { name price { amount } } } errors { code } } }"""
CUSTOMER = """query C($id: ID!) { staffCustomer(id: $id) { customer { email lastName phone defaultShippingAddress }
  errors { field code } } }"""
CHANNELS = """query { staffChannels { channels { slug name currencyCode countryCode } errors { code } } }"""
SETUP = """mutation S($channel: String!, $email: String!, $id: ID) { staffCardSetup(channel: $channel, email: $email, subscriptionId: $id) {
  setupIntentId clientSecret publishableKey errors { code message } } }"""
CARD = """mutation C($id: ID!, $setup: String!) { staffSubscriptionCard(id: $id, setupIntentId: $setup) {
  subscription { payment } errors { code message } } }"""


@pytest.fixture
def entry(shop, dashboard, mount, app_http):  # noqa: F811
    """The operator's desk on the phone: JPY with ¥500 shipping to Japan, a staff token with MANAGE_ORDERS."""
    standin, installation, product = shop
    dashboard_call, _, app, _ = dashboard

    def call(query, permissions=ORDERS, **variables):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                  email="operator@example.jp", permissions=list(permissions))
        return dashboard_call(query, token=token, **variables)
    mount(standin.api_url, standin)
    standin.add_channel("jp", "JPY", shipping=Decimal("500"))
    installation.payment_methods = {"jp": ["card", "cod", "konbini", "bank_transfer"]}
    installation.save()
    revise_plan(Plan.objects.get(code="monthly"), {**TRIAL_TERMS, "payment_methods": ["card", "cod", "konbini", "bank_transfer"]})

    def order(payment="cod", quantity=1, **extra):
        return {"channel": "jp", "languageCode": "EN", "shippingAddress": ADDRESS, "shippingMethodId": "U2hpcHBpbmdNZXRob2RUeXBlOjE=",
                "lines": [{"variantId": product["variants"][0]["id"], "plan": "monthly", "quantity": quantity}],
                "payment": payment, **extra}

    new = {"email": "taro@example.jp", "firstName": "太郎", "lastName": "鈴木", "firstNameKana": "タロウ",
           "lastNameKana": "スズキ", "phone": "+81311112222", "languageCode": "EN"}
    return call, standin, installation, product, order, new


def test_the_quote_states_trial_and_regular_prices_shipping_and_the_statements_in_the_customers_language(entry):
    call, standin, _, _, order, _ = entry
    quoted = call(QUOTE, permissions=ORDERS, input=order(quantity=2))  # COD: its payment timing is stated
    assert quoted["errors"] == []
    (line,) = quoted["lines"]
    assert (line["firstUnitPrice"], line["firstTotal"]) == ({"amount": "980"}, {"amount": "1960"})
    assert line["regularUnitPrice"] == {"amount": "5700"}  # the two-item tier after the trial
    assert quoted["shippingMethods"] == [{"id": "U2hpcHBpbmdNZXRob2RUeXBlOjE=", "name": "Yamato", "price": {"amount": "500"}}]
    assert (quoted["subtotal"], quoted["shipping"], quoted["total"]) == ({"amount": "1960"}, {"amount": "500"}, {"formatted": "¥2,460"})
    assert any("cash on delivery" in statement for statement in line["statements"])
    assert [method["name"] for method in quoted["paymentMethods"]] == ["card", "cod", "konbini", "bank_transfer"]
    assert not any(o["status"] == "DRAFT" for o in standin.orders.values()) and not standin.orders  # nothing made


def test_a_phone_order_for_a_new_customer_with_cod_creates_the_customer_the_order_and_the_subscription(entry):
    call, standin, installation, product, order, new = entry
    placed = call(PLACE, permissions=ORDERS, key="k-1", input=order(newCustomer=new))
    assert placed["errors"] == [], placed
    (customer,) = standin.users.values()
    assert (customer["email"], customer["languageCode"]) == ("taro@example.jp", "EN")
    assert customer["privateMetadata"]["subscription.last_name_kana"] == "スズキ"
    saleor_order = standin.orders[placed["orderId"]]
    assert saleor_order["status"] == "UNFULFILLED" and saleor_order["number"] == placed["orderNumber"]
    assert [(line["quantity"], line["price"]) for line in saleor_order["input"]["lines"]] == [(1, "980")]
    assert saleor_order["total"] == Decimal("1480")  # ¥980 trial + ¥500 shipping
    (pending,) = saleor_order["transactions"]
    assert pending["pspReference"].startswith("cod:") and pending["pending"] == Decimal("1480")
    (row,) = placed["subscriptions"]
    assert (row["email"], row["plan"], row["payment"]) == ("taro@example.jp", "monthly", "cod")
    subscription = Subscription.objects.get(pk=row["id"])
    assert (subscription.origin, subscription.language, subscription.customer_id) == ("operator", "en", customer["id"])
    assert subscription.shipping_address["postalCode"] == "100-0005"
    started, placed_event = Event.objects.get(type="subscription.started"), Event.objects.get(type="phone_order.placed")
    assert (started.actor, started.actor_id) == ("staff", "operator@example.jp")
    assert (placed_event.actor_id, placed_event.data["new_customer"]) == ("operator@example.jp", True)


def test_the_customer_is_mailed_in_their_own_language(entry, django_capture_on_commit_callbacks):
    call, _, _, _, order, new = entry
    with django_capture_on_commit_callbacks(execute=True):
        placed = call(PLACE, permissions=ORDERS, key="k-mail", input=order(newCustomer=new))  # the operator's Dashboard is ja
    assert placed["errors"] == []
    (message,) = outbox.outbox
    assert message.to == ["taro@example.jp"] and message.subject.isascii()


@pytest.mark.parametrize("payment", ["bank_transfer", "konbini"])
def test_bank_transfer_and_konbini_leave_the_first_order_pending(entry, fake_stripe, payment):
    call, standin, _, _, order, new = entry
    placed = call(PLACE, permissions=ORDERS, key=f"k-{payment}", input=order(payment=payment, newCustomer=new))
    assert placed["errors"] == [] and placed["subscriptions"][0]["payment"] == payment
    (pending,) = standin.orders[placed["orderId"]]["transactions"]
    assert pending["pending"] == Decimal("1480") and pending["charged"] == 0
    assert bool(fake_stripe.konbini) == (payment == "konbini")


def test_the_same_key_answers_the_same_and_orders_once(entry):
    call, standin, _, _, order, new = entry
    first = call(PLACE, permissions=ORDERS, key="k-2", input=order(newCustomer=new))
    again = call(PLACE, permissions=ORDERS, key="k-2", input=order(newCustomer=new))
    assert first == again and first["errors"] == []
    assert len(standin.orders) == 1 and Subscription.objects.count() == 1
    other = call(PLACE, permissions=ORDERS, key="k-2", input=order(quantity=2, newCustomer=new))
    assert other["errors"][0]["field"] == "idempotencyKey"


def test_a_phone_order_marked_paid_in_the_dashboard_no_longer_waits_for_the_cash(entry, app_http):
    call, standin, installation, _, order, new = entry
    placed = call(PLACE, permissions=ORDERS, key="k-paid", input=order(newCustomer=new))
    saleor_order = standin.orders[placed["orderId"]]
    standin.mark_as_paid(app_http, saleor_order)  # staff add a "Manual capture" for what is owed
    ours = saleor_order["transactions"][0]
    assert (ours["pending"], standin.charge_status(saleor_order)) == (0, "FULL")  # not awaited twice
    assert [event[0] for event in ours["events"]] == ["CHARGE_REQUEST", "CHARGE_FAILURE"]
    assert installation.events.filter(type="payment.marked_paid_in_saleor", data__order=placed["orderId"]).count() == 1
    before = [event[0] for event in ours["events"]]
    standin.emit(app_http, "ORDER_FULLY_PAID", {"order": {**standin.webhook_order(saleor_order), "transactions": [
        {"id": ours["id"], "pspReference": ours["pspReference"], "chargePendingAmount": {"amount": 1480.0, "currency": "JPY"}}]}})
    assert installation.events.filter(type="payment.marked_paid_in_saleor", data__order=placed["orderId"]).count() == 1  # redelivered
    assert [event[0] for event in ours["events"]] == before


@pytest.mark.parametrize(("change", "field", "code"), [
    ("stock", "lines.0.quantity", "OUT_OF_STOCK"), ("country", "shippingMethodId", "NO_SHIPPING"),
    ("existing", "newCustomer.email", "CUSTOMER_EXISTS")])
def test_a_refused_order_leaves_nothing_in_saleor(entry, change, field, code):
    call, standin, _, product, order, new = entry
    address = ADDRESS
    if change == "stock":
        product["variants"][0]["stock"] = 0
    if change == "country":
        standin.shipping_countries = ["US"]
    if change == "existing":
        standin.add_customer("taro@example.jp", "Taro", "Suzuki")
    placed = call(PLACE, permissions=ORDERS, key="k-3", accept_language="en", input=order(newCustomer=new, shippingAddress=address))
    assert [(e["field"], e["code"]) for e in placed["errors"]] == [(field, code)]
    assert placed["errors"][0]["message"] and not standin.orders
    assert len(standin.users) == (1 if change == "existing" else 0) and not Subscription.objects.exists()


def test_staff_without_manage_orders_are_refused(entry):
    call, standin, _, _, order, new = entry
    placed = call(PLACE, permissions=("MANAGE_PRODUCTS",), key="k-4", input=order(newCustomer=new))
    assert placed["errors"][0]["code"] == "PERMISSION_DENIED" and not standin.orders and not standin.users


def test_operators_find_customers_and_subscribable_products(entry):
    call, standin, *_ = entry
    standin.add_customer("hanako@example.jp", "花子", "山田", phone="+81312345678")
    found = call(CUSTOMERS, permissions=ORDERS, search="+8131234")
    assert [(c["email"], c["phone"], c["languageCode"]) for c in found["customers"]] == [("hanako@example.jp", "+81312345678", "JA")]
    products = call(PRODUCTS, permissions=ORDERS, channel="jp", search="tea")
    assert products["currency"] == "JPY"
    (tea,) = products["products"]
    assert tea["plans"] == [{"code": "monthly", "name": "毎月お届け定期便"}]
    assert tea["variants"][0] == {"name": "100 g", "price": {"amount": "6800"}}


def test_a_phone_order_opened_for_a_customer_finds_her_with_her_address(entry):
    call, standin, *_ = entry
    hanako = standin.add_customer("hanako@example.jp", "花子", "山田", phone="+81312345678")
    found = call(CUSTOMER, permissions=ORDERS, id=hanako["id"])["customer"]
    assert (found["email"], found["lastName"], found["phone"]) == ("hanako@example.jp", "山田", "+81312345678")
    assert json.loads(found["defaultShippingAddress"])["postalCode"] == "100-0005"
    missing = call(CUSTOMER, permissions=ORDERS, id="VXNlcjo5OTk=")
    assert (missing["customer"], missing["errors"]) == (None, [{"field": "customerId", "code": "NOT_FOUND"}])
    assert call(CUSTOMER, permissions=("MANAGE_PRODUCTS",), id=hanako["id"])["errors"] == [{"field": None, "code": "PERMISSION_DENIED"}]


def test_operators_choose_among_saleors_active_channels(entry):
    call, standin, *_ = entry
    standin.add_channel("closed", "JPY", active=False)
    standin.channels["jp"]["name"] = "日本"
    found = call(CHANNELS, permissions=ORDERS)
    assert found["errors"] == []
    assert [(c["slug"], c["name"], c["currencyCode"], c["countryCode"]) for c in found["channels"]] == [
        ("jp", "日本", "JPY", "JP"), ("us", "US", "USD", "US"), ("eu", "EU", "EUR", "DE")]
    refused = call(CHANNELS, permissions=("MANAGE_PRODUCTS",))
    assert (refused["channels"], refused["errors"]) == ([], [{"code": "PERMISSION_DENIED"}])


@pytest.fixture
def stripe_api(localstripe, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE = "sk_test_localstripe", localstripe
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    return stripe_client(None)


def typed_card(call, stripe_api, email, number, subscription=None):
    """What Stripe Elements does with the client secret once the operator typed the card."""
    setup = call(SETUP, permissions=ORDERS, channel="jp", email=email, id=subscription)
    assert setup["errors"] == [] and setup["publishableKey"] == "pk_test_localstripe"
    assert setup["clientSecret"].startswith(setup["setupIntentId"])
    stripe_api.v1.setup_intents.confirm(setup["setupIntentId"], params={"payment_method": new_card(stripe_api, number)})
    return setup["setupIntentId"]


def test_a_card_order_is_charged_once_and_recorded_on_the_order(entry, stripe_api):
    call, standin, _, _, order, new = entry
    setup = typed_card(call, stripe_api, new["email"], "4242424242424242")
    placed = call(PLACE, permissions=ORDERS, key="k-5", input=order(payment="card", newCustomer=new, setupIntentId=setup))
    assert placed["errors"] == [], placed
    again = call(PLACE, permissions=ORDERS, key="k-5", input=order(payment="card", newCustomer=new, setupIntentId=setup))
    assert again == placed
    saleor_order = standin.orders[placed["orderId"]]
    (paid,) = saleor_order["transactions"]
    assert paid["charged"] == Decimal("1480") and standin.charge_status(saleor_order) == "FULL"
    assert paid["event"]["message"] == "phone order charged by staff"  # what the order's history says in the Dashboard
    intents = stripe_api.v1.payment_intents.list(params={"limit": 100}).data
    assert [(i.amount, i.status) for i in intents if i.id == paid["pspReference"]] == [(1480, "succeeded")]
    subscription = Subscription.objects.get()
    assert subscription.payment_kind == "card" and subscription.payment_method.last4 == "4242"
    assert subscription.payment_method.customer.saleor_user_id == subscription.customer_id


def test_a_declined_card_refuses_the_order_and_takes_back_the_new_customer(entry, stripe_api):
    call, standin, _, _, order, new = entry
    setup = typed_card(call, stripe_api, new["email"], "4000000000000341")
    placed = call(PLACE, permissions=ORDERS, key="k-6", accept_language="en",
                  input=order(payment="card", newCustomer=new, setupIntentId=setup))
    assert [e["code"] for e in placed["errors"]] == ["CARD_DECLINED"]
    assert "Nothing was ordered or charged" in placed["errors"][0]["message"]
    assert not standin.orders and not standin.users and not Subscription.objects.exists()


def test_a_card_stripe_no_longer_knows_refuses_the_order_in_words_and_takes_it_back(entry, stripe_api):
    call, standin, _, _, order, new = entry
    setup = typed_card(call, stripe_api, new["email"], "4242424242424242")
    stripe_api.v1.customers.delete(stripe_api.v1.setup_intents.retrieve(setup).customer)  # e.g. in Stripe's Dashboard
    placed = call(PLACE, permissions=ORDERS, key="k-6b", input=order(payment="card", newCustomer=new, setupIntentId=setup))
    assert [(e["field"], e["code"]) for e in placed["errors"]] == [("setupIntentId", "INVALID")]
    assert placed["errors"][0]["message"] == "このカードはこのお客様に登録されていません。もう一度入力してください。"
    assert not standin.orders and not standin.users and not Subscription.objects.exists()


def test_an_operator_replaces_a_subscriptions_card(entry, stripe_api):
    call, standin, _, _, order, new = entry
    placed = call(PLACE, permissions=ORDERS, key="k-7", input=order(newCustomer=new))
    subscription_id = placed["subscriptions"][0]["id"]
    setup = typed_card(call, stripe_api, new["email"], "5555555555554444", subscription=subscription_id)
    changed = call(CARD, permissions=ORDERS, id=subscription_id, setup=setup)
    assert changed == {"subscription": {"payment": "card"}, "errors": []}
    assert Subscription.objects.get().payment_method.last4 == "4444"
    assert Event.objects.filter(type="subscription.card_changed", actor_id="operator@example.jp").exists()
    assert call(CARD, permissions=ORDERS, id=subscription_id, setup="seti_nope")["errors"][0]["code"] == "INVALID"
    assert PaymentMethod.objects.filter(replaced_at=None).count() == 1


def test_a_retry_after_saleor_timed_out_past_the_charge_charges_once(entry, stripe_api, monkeypatch):
    call, standin, _, _, order, new = entry
    setup = typed_card(call, stripe_api, new["email"], "4242424242424242")
    complete = Placing.complete
    lost = []

    def times_out_once(self, saleor_order):
        if not lost:
            lost.append(saleor_order["id"])
            raise SaleorTransportError("DraftOrderComplete: read timed out")
        return complete(self, saleor_order)

    monkeypatch.setattr(Placing, "complete", times_out_once)
    entered = order(payment="card", newCustomer=new, setupIntentId=setup)
    first = call(PLACE, permissions=ORDERS, key="k-8", input=entered)
    assert [e["code"] for e in first["errors"]] == ["SALEOR_UNAVAILABLE"]
    again = call(PLACE, permissions=ORDERS, key="k-8", input=entered)
    assert again["errors"] == [] and again["orderId"] == lost[0]
    assert len(standin.orders) == 1 and len(standin.users) == 1 and Subscription.objects.count() == 1
    intents = stripe_api.v1.payment_intents.list(params={"limit": 100}).data  # localstripe serves the whole session
    assert [(i.amount, i.status) for i in intents if i.metadata.to_dict().get("saleor_order_id") == lost[0]] == [(1480, "succeeded")]
