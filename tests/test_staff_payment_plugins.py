"""Staff take installed plug-in methods as they take the built-in ones, when the method needs no act of the customer's at
that moment (`taken_by_staff`): the test package's payment slip packed with the goods by phone and on the desk; its
carrier billing, which the customer approves on their phone, is refused with a coded error in the staff's language."""

import datetime
from decimal import Decimal

import pytest

from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.plans.actions import revise_plan
from saleor_subscriptions.plans.models import Plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions.models import Subscription

from .clock import fixed_clock
from .conftest import TRIAL_TERMS, renewal_orders
from .test_api_error_languages import ENGLISH_SENTENCE
from .test_api_operators import desk  # noqa: F401  (fixture)
from .test_api_phone_orders import ORDERS, PLACE, QUOTE, entry  # noqa: F401  (fixture)
from .test_api_staff import dashboard  # noqa: F401  (fixture)
from .test_payment_plugins import carrier  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date
METHODS = ["card", "cod", "konbini", "bank_transfer", "carrier_billing", "payment_slip"]
SWITCH = """mutation ($id: ID!, $method: String!) { staffSubscriptionPaymentMethod(id: $id, method: $method) {
  subscription { payment } errors { field code message } } }"""
ROWS = "query { staffSubscriptions(first: 50) { subscriptions { id payment paymentLabel } } }"
CHOICES = """query ($id: ID!) { staffSubscription(id: $id) { paymentMethod { kind label } paymentMethodChoices { name label }
  renewals { cycle paymentStatus canConfirmPayment invoiceUrl } errors { code } } }"""
RECEIVED = """mutation ($id: ID!, $cycle: Int!) { staffSubscriptionPaymentReceived(id: $id, cycle: $cycle) {
  subscription { payment } errors { code } } }"""


@pytest.fixture
def phone(entry, carrier):  # noqa: F811
    """The phone-order desk of a shop whose channel and plan offer both plug-in methods besides the built-in ones."""
    call, standin, installation, product, order, new = entry
    installation.payment_methods = {"jp": METHODS}
    installation.save()
    revise_plan(Plan.objects.get(code="monthly"), {**TRIAL_TERMS, "payment_methods": METHODS})
    return entry


def test_the_quote_offers_the_payment_slip_by_its_label_and_not_the_carrier(phone):
    call, _, _, _, order, _ = phone
    quoted = call(QUOTE, permissions=ORDERS, input=order(payment="payment_slip"))
    assert quoted["errors"] == []
    assert quoted["paymentMethods"] == [  # labelled in the operator's language (ja); carrier billing needs the customer
        {"name": "card", "label": "クレジットカード"}, {"name": "cod", "label": "代金引換"},
        {"name": "konbini", "label": "コンビニ払い"}, {"name": "bank_transfer", "label": "銀行振込"},
        {"name": "payment_slip", "label": "払込票同封"}]
    (line,) = quoted["lines"]  # read out to the customer in English (the order's language)
    assert any("by the payment slip packed with each delivery, within 14 days" in text for text in line["statements"])


def test_a_phone_order_paid_by_the_payment_slip_goes_out_pending_and_renews_by_slip(phone):
    call, standin, installation, _, order, new = phone
    placed = call(PLACE, permissions=ORDERS, key="k-slip", input=order(payment="payment_slip", newCustomer=new))
    assert placed["errors"] == [], placed
    (pending,) = standin.orders[placed["orderId"]]["transactions"]
    assert pending["pspReference"].startswith("payment_slip:")
    assert (pending["input"]["name"], pending["pending"], pending["charged"]) == (
        "Payment slip (packed with the goods) (subscription)", Decimal("1480"), 0)
    (row,) = placed["subscriptions"]
    assert row["payment"] == "payment_slip"
    assert Subscription.objects.get(pk=row["id"]).payment_kind == "payment_slip"
    assert installation.events.get(type="phone_order.placed").data["payment"] == "payment_slip"


def test_carrier_billing_and_unknown_methods_are_refused_by_phone_and_nothing_is_ordered(phone):
    call, standin, _, _, order, new = phone
    for query, variables in ((QUOTE, {}), (PLACE, {"key": "k-carrier"})):
        answer = call(query, permissions=ORDERS, input=order(payment="carrier_billing", newCustomer=new), **variables)
        assert answer["errors"] == [{"field": "payment", "code": "NOT_TAKEN_BY_STAFF", "message":
                                     "キャリア決済はお支払い時にお客様ご自身の承認（決済会社の画面など）が必要なため、スタッフは選択できません。"
                                     "別のお支払い方法を選ぶか、お客様ご自身でご注文いただいてください。"}]
    unknown = call(PLACE, permissions=ORDERS, key="k-paypay", input=order(payment="paypay", newCustomer=new))
    assert unknown["errors"] == [{"field": "payment", "code": "UNKNOWN_PAYMENT_METHOD", "message":
                                  "paypayは利用できるお支払い方法ではありません（card, konbini, cod, bank_transfer, payment_slip）。"}]
    assert standin.orders == {} and standin.users == {} and not Subscription.objects.exists()


def test_a_method_the_channel_does_not_offer_is_refused_by_phone(phone):
    call, standin, installation, _, order, new = phone
    installation.payment_methods = {"jp": ["card", "cod"]}
    installation.save()
    placed = call(PLACE, permissions=ORDERS, key="k-off", input=order(payment="payment_slip", newCustomer=new))
    assert placed["errors"] == [{"field": "payment", "code": "PAYMENT_METHOD", "message":
                                 "このプランまたは販売チャネルでは、このお支払い方法を利用できません。見積もりに表示されたお支払い方法から選んでください。"}]
    assert standin.orders == {} and standin.users == {}


@pytest.fixture
def slip_desk(desk, carrier):  # noqa: F811
    call, standin, installation, hanako, others, operator = desk
    version = hanako.lines.get().plan_version
    version.__class__.objects.filter(pk=version.pk).update(
        terms_json=version.terms.model_dump(mode="json") | {"payment_methods": ["card", "cod", "carrier_billing", "payment_slip"]})
    installation.payment_methods = {hanako.channel_slug: ["card", "cod", "konbini", "carrier_billing", "payment_slip"]}
    installation.save()
    return desk


def test_an_operator_switches_renewals_to_the_payment_slip_and_confirms_it_arrived(
        slip_desk, django_capture_on_commit_callbacks):
    call, standin, installation, hanako, _, operator = slip_desk
    detail = call(CHOICES, token=operator, id=str(hanako.pk))
    assert detail["paymentMethod"] == {"kind": "card", "label": "クレジットカード"}
    assert detail["paymentMethodChoices"] == [{"name": "cod", "label": "代金引換"}, {"name": "payment_slip", "label": "払込票同封"}]
    assert call(SWITCH, token=operator, id=str(hanako.pk), method="payment_slip") == {
        "subscription": {"payment": "payment_slip"}, "errors": []}
    assert call(CHOICES, token=operator, id=str(hanako.pk))["paymentMethod"] == {"kind": "payment_slip", "label": "払込票同封"}
    (row,) = [row for row in call(ROWS, token=operator)["subscriptions"] if row["id"] == str(hanako.pk)]
    assert (row["payment"], row["paymentLabel"]) == ("payment_slip", "払込票同封")  # the list names it as the desk does

    with fixed_clock(DAY(2027, 2, 28), hour=9), django_capture_on_commit_callbacks(execute=True):
        runs.run_due(installation, DAY(2027, 2, 28))
    renewal = hanako.renewals.get()
    (order,) = [o for o in renewal_orders(standin) if o["id"] == renewal.saleor_order_id]
    (transaction,) = order["transactions"]  # requested through the method: nothing charged to the card on file
    assert (transaction["pspReference"], transaction["pending"], transaction["charged"]) == (
        f"{renewal.external_reference}-payment_slip", Decimal("6500"), 0)
    mail = MailLog.objects.get(kind="payment_instructions", to=hanako.email)
    assert "お届けする商品に￥6,500の払込票を同封しています。2027年3月14日までに" in mail.text_body  # the 14-day deadline
    (row,) = call(CHOICES, token=operator, id=str(hanako.pk))["renewals"]
    assert (row["cycle"], row["paymentStatus"], row["canConfirmPayment"]) == (2, "PENDING", True)
    assert row["invoiceUrl"]  # an invoice (請求書) to pack beside the slip
    assert call(RECEIVED, token=operator, id=str(hanako.pk), cycle=2)["errors"] == []
    assert (transaction["charged"], transaction["pending"]) == (Decimal("6500"), 0)
    renewal.refresh_from_db()
    assert renewal.payment_status == "paid"


@pytest.mark.parametrize(("method", "field", "code"), [
    ("carrier_billing", "method", "NOT_TAKEN_BY_STAFF"), ("paypay", "method", "UNKNOWN_PAYMENT_METHOD"),
    ("card", "method", "CARD_REQUIRED"), ("konbini", "paymentMethod", "PAYMENT_METHOD")])
def test_a_switch_staff_cannot_make_is_refused_in_the_staffs_language(slip_desk, method, field, code):
    call, _, _, hanako, _, operator = slip_desk
    answers = {language: call(SWITCH, token=operator, accept_language=language, id=str(hanako.pk), method=method)
               for language in ("en", "ja", "zh-hans", "zh-hant")}
    assert {(answer["subscription"], error["field"], error["code"]) for answer in answers.values()
            for error in answer["errors"]} == {(None, field, code)}
    messages = {language: answer["errors"][0]["message"] for language, answer in answers.items()}
    assert len(set(messages.values())) == 4, messages
    assert ENGLISH_SENTENCE.search(messages["en"]) and not any(
        ENGLISH_SENTENCE.search(messages[language]) for language in ("ja", "zh-hans", "zh-hant")), messages
    assert Subscription.objects.get(pk=hanako.pk).payment_kind == "card"
