"""Bank transfers reconciled by Stripe: each customer's own virtual account, the renewal paid when Stripe says so."""

import json
from decimal import Decimal

import pytest

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.mail.models import MailLog
from saleor_subscriptions.payments import stripe_bank_transfer
from saleor_subscriptions.payments.models import PaymentInstructions, StripeCustomer, StripeEvent
from saleor_subscriptions.payments.offline import NotPending, renewal_received
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.saleor.client import SaleorTransportError
from saleor_subscriptions.subscriptions.models import Renewal

from .conftest import renewal_orders
from .stripe_scripted import stripe_object
from .test_renewals import DAY
from .test_api_staff import dashboard  # noqa: F401 (a fixture)
from .test_stripe_accounts import HOOK_A, own_account
from .test_stripe_webhooks import SECRET, post, signed
from .test_tenant_payments import other_shop  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
STAFF_VIEW = """query D($id: ID!) { staffSubscription(id: $id) {
  renewals { cycle paymentStatus canConfirmPayment amountRemaining { formatted } } } }"""


@pytest.fixture
def transfer_renewal(subscribed, settings, django_capture_on_commit_callbacks):
    """Hanako pays by bank transfer in a shop whose `jp` channel has Stripe reconcile them; her renewal is ordered."""
    standin, installation, subscription, fake = subscribed
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    installation.bank_transfer_via_stripe = ["jp"]
    installation.save()
    subscription.payment_kind, subscription.payment_method = "bank_transfer", None
    subscription.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    (order,) = renewal_orders(standin)
    (transaction,) = order["transactions"]
    (intent,) = fake.intents.values()
    return standin, installation, subscription, fake, transaction, intent


def send(client, event_type, obj, event_id, url="/api/webhooks/stripe", secret=SECRET):
    body = json.dumps(stripe_object("event", id=event_id, type=event_type, data={"object": obj})).encode()
    return client.post(url, data=body, content_type="application/json", headers={"Stripe-Signature": signed(body, secret)})


def reports(standin) -> int:
    return len([r for r in standin.received if r.operation_name == "TransactionEventReport"])


def test_the_renewal_asks_stripe_for_the_customers_virtual_account_and_mails_it(transfer_renewal):
    standin, installation, subscription, fake, transaction, intent = transfer_renewal
    create = next(r for r in fake.requests if r.path == "v1/payment_intents" and r.method == "post")
    assert {key: create.params[key] for key in (
        "payment_method_types[0]", "payment_method_data[type]", "payment_method_options[customer_balance][funding_type]",
        "payment_method_options[customer_balance][bank_transfer][type]", "customer", "confirm", "currency", "amount")} == {
        "payment_method_types[0]": "customer_balance", "payment_method_data[type]": "customer_balance",
        "payment_method_options[customer_balance][funding_type]": "bank_transfer",
        "payment_method_options[customer_balance][bank_transfer][type]": "jp_bank_transfer",
        "customer": "cus_hanako", "confirm": "true", "currency": "jpy", "amount": "6500"}
    assert create.headers["Idempotency-Key"] == f"sub-{installation.reference_key}-{subscription.pk}-2-bank_transfer"
    assert (transaction["pspReference"], transaction["pending"], transaction["charged"]) == (intent["id"], Decimal("6500"), 0)
    assert transaction["input"]["name"] == "Bank transfer via Stripe (subscription)"
    assert intent["metadata"]["saleor_transaction_id"] == transaction["id"]  # Stripe's webhook finds the transaction
    renewal = Renewal.objects.get()
    assert (renewal.payment_status, renewal.payment_intent_id) == ("pending", intent["id"])

    (mail,) = MailLog.objects.filter(kind="payment_instructions", to=subscription.email)
    for shown in ("みずほ銀行 (0001)", "ストライプ支店 (987)", "普通 1234567", "ｽﾄﾗｲﾌﾟｼﾞｬﾊﾟﾝ(ｶ",
                  f"https://payments.stripe.com/bank_transfers/instructions/{intent['id']}"):
        assert shown in mail.text_body
    assert "ご請求金額：￥6,500" in mail.text_body


def test_a_signed_stripe_event_for_the_funds_marks_the_renewal_paid_exactly_once(transfer_renewal, client):
    standin, installation, subscription, fake, transaction, intent = transfer_renewal
    assert send(client, "payment_intent.requires_action", intent, "evt_created").json() == {"status": "ignored"}
    (paid,) = fake.transfer("cus_hanako", 6500)
    assert send(client, "payment_intent.succeeded", paid, "evt_paid").json() == {"status": "processed"}
    assert (transaction["pending"], transaction["charged"]) == (0, Decimal("6500"))
    assert [event[0] for event in transaction["events"]] == ["CHARGE_REQUEST", "CHARGE_SUCCESS"]
    assert Renewal.objects.get().payment_status == "paid"
    told = reports(standin)
    assert send(client, "payment_intent.succeeded", paid, "evt_paid").status_code == 200  # Stripe redelivers
    assert send(client, "payment_intent.succeeded", paid, "evt_paid_again").json() == {"status": "processed"}
    assert (transaction["pending"], transaction["charged"]) == (0, Decimal("6500"))  # Saleor answered alreadyProcessed
    assert reports(standin) == told + 1 and StripeEvent.objects.count() == 3
    assert installation.events.filter(type="payment.received").count() == 1


def test_a_partial_payment_leaves_the_renewal_pending_with_the_remaining_amount_shown(
        transfer_renewal, client, django_capture_on_commit_callbacks, dashboard):  # noqa: F811
    standin, installation, subscription, fake, transaction, intent = transfer_renewal
    call = dashboard[0]
    (part,) = fake.transfer("cus_hanako", 4000)
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, "payment_intent.partially_funded", part, "evt_part").json() == {"status": "processed"}
        send(client, "payment_intent.partially_funded", part, "evt_part_again")  # the same amount told twice
    # Saleor: what arrived is charged, the rest is still awaited
    assert (transaction["charged"], transaction["pending"]) == (Decimal("4000"), Decimal("2500"))
    assert Renewal.objects.get().payment_status == "pending"
    (event,) = installation.events.filter(type="payment.partially_funded")  # staff see it on the subscription
    assert (event.data["received"], event.data["remaining"], event.data["subscription"]) == ("4000", "2500", subscription.pk)
    *_, mail = MailLog.objects.filter(kind="payment_instructions", to=subscription.email).order_by("pk")
    assert "残額：￥2,500" in mail.text_body and "1234567" in mail.text_body  # the customer is told what remains
    seen = call(STAFF_VIEW, permissions=("MANAGE_ORDERS",), accept_language="en", id=str(subscription.pk))["renewals"]
    assert seen == [{"cycle": 2, "paymentStatus": "PENDING", "canConfirmPayment": False,
                     "amountRemaining": {"formatted": "¥2,500"}}]  # the desk: what is still awaited
    with pytest.raises(NotPending):  # Stripe reports this transfer: staff do not confirm it by hand
        renewal_received(installation, Renewal.objects.get())

    (rest,) = fake.transfer("cus_hanako", 2500)
    assert send(client, "payment_intent.succeeded", rest, "evt_rest").json() == {"status": "processed"}
    assert (transaction["charged"], transaction["pending"]) == (Decimal("6500"), 0)
    assert Renewal.objects.get().payment_status == "paid"
    send(client, "payment_intent.partially_funded", part, "evt_part_late")  # told again late: the same reports
    older = {**part, "next_action": {**part["next_action"], "display_bank_transfer_instructions": {
        **part["next_action"]["display_bank_transfer_instructions"], "amount_remaining": 3000}}}
    assert send(client, "payment_intent.partially_funded", older, "evt_older").json() == {"status": "ignored"}  # out of order
    assert (transaction["charged"], transaction["pending"]) == (Decimal("6500"), 0)
    assert installation.events.filter(type="payment.partially_funded").count() == 1


def test_an_over_payment_stays_in_the_customers_cash_balance_and_pays_into_the_next_renewal(
        transfer_renewal, client, django_capture_on_commit_callbacks):
    standin, installation, subscription, fake, transaction, intent = transfer_renewal
    (paid,) = fake.transfer("cus_hanako", 8000)
    assert send(client, "payment_intent.succeeded", paid, "evt_paid").json() == {"status": "processed"}
    balance = stripe_object("cash_balance", customer="cus_hanako", available={"jpy": fake.cash_balances["cus_hanako"]})
    assert send(client, "cash_balance.funds_available", balance, "evt_balance").json() == {"status": "processed"}
    (over,) = installation.events.filter(type="payment.cash_balance_available")
    assert (over.data["available"], over.data["subscription"]) == ({"JPY": "1500"}, subscription.pk)
    assert transaction["events"][-1][0] == "INFO"  # noted on the order staff look at
    assert transaction["charged"] == Decimal("6500")

    with django_capture_on_commit_callbacks(execute=True):
        runs.run_due(installation, DAY(2027, 3, 31))  # Stripe applies the balance to the next renewal's payment
    next_order = next(o for o in renewal_orders(standin) if o["transactions"][0] is not transaction)
    (next_transaction,) = next_order["transactions"]
    assert (next_transaction["charged"], next_transaction["pending"]) == (Decimal("1500"), Decimal("5000"))
    (applied,) = installation.events.filter(type="payment.partially_funded")
    assert (applied.data["cycle"], applied.data["received"], applied.data["remaining"]) == (3, "1500", "5000")
    first, mail = MailLog.objects.filter(kind="payment_instructions", to=subscription.email).order_by("pk")  # one each
    assert "これまでにお振り込みいただいた金額：￥1,500、残額：￥5,000" in mail.text_body


def test_a_cash_balance_that_covers_the_renewal_pays_it_as_it_is_ordered(subscribed, settings, django_capture_on_commit_callbacks):
    standin, installation, subscription, fake = subscribed
    installation.bank_transfer_via_stripe = ["jp"]
    installation.save()
    subscription.payment_kind, subscription.payment_method = "bank_transfer", None
    subscription.save()
    fake.cash_balances["cus_hanako"] = 7000  # an earlier over-payment
    with django_capture_on_commit_callbacks(execute=True):
        runs.run_due(installation, DAY(2027, 2, 28))
    (transaction,) = renewal_orders(standin)[0]["transactions"]
    assert (transaction["charged"], transaction["pending"]) == (Decimal("6500"), 0)
    assert Renewal.objects.get().payment_status == "paid" and fake.cash_balances["cus_hanako"] == 500
    assert not MailLog.objects.filter(kind="payment_instructions").exists()  # nothing to pay: no instructions


def test_a_guest_gets_a_stripe_customer_of_their_own_for_the_virtual_account(subscribed):
    standin, installation, subscription, fake = subscribed
    installation.bank_transfer_via_stripe = ["jp"]
    installation.save()
    subscription.payment_kind, subscription.payment_method, subscription.customer_id = "bank_transfer", None, ""
    subscription.save()
    runs.run_due(installation, DAY(2027, 2, 28))
    (intent,) = fake.intents.values()
    customer = StripeCustomer.objects.get(stripe_customer_id=intent["customer"])
    assert (customer.installation, customer.saleor_user_id) == (installation, f"pending:{subscription.email}")


def test_stripe_forgetting_the_idempotency_key_does_not_make_a_second_intent(subscribed, monkeypatch):
    standin, installation, subscription, fake = subscribed
    installation.bank_transfer_via_stripe = ["jp"]
    installation.save()
    subscription.payment_kind, subscription.payment_method = "bank_transfer", None
    subscription.save()
    request_payment = stripe_bank_transfer.request_payment

    def saleor_down(*args, **kwargs):
        raise SaleorTransportError("Saleor did not answer")

    monkeypatch.setattr(stripe_bank_transfer, "request_payment", saleor_down)
    runs.run_due(installation, DAY(2027, 2, 28))  # interrupted after Stripe made the intent: resumed later
    assert len(fake.intents) == 1 and Renewal.objects.get().state == Renewal.State.ORDER_CREATED
    monkeypatch.setattr(stripe_bank_transfer, "request_payment", request_payment)
    runs.run_due(installation, DAY(2027, 2, 28))  # a day later: `fake` (replay=False) no longer knows the key
    assert len(fake.intents) == 1
    (transaction,) = renewal_orders(standin)[0]["transactions"]
    assert (transaction["pspReference"], transaction["pending"]) == (next(iter(fake.intents)), Decimal("6500"))


def test_another_shops_endpoint_cannot_mark_the_renewal_paid(transfer_renewal, other_shop, client):  # noqa: F811
    standin, installation, subscription, fake, transaction, intent = transfer_renewal
    installation_b = Installation.objects.get(saleor_api_url=other_shop.api_url)
    own_account(installation_b)  # B holds its own signing secret
    (paid,) = fake.transfer("cus_hanako", 6500)
    url_b = f"/api/webhooks/stripe/{installation_b.portal_key}"
    assert send(client, "payment_intent.succeeded", paid, "evt_b", url=url_b, secret=HOOK_A).json() == {"status": "ignored"}
    balance = stripe_object("cash_balance", customer="cus_hanako", available={"jpy": 100})
    assert send(client, "cash_balance.funds_available", balance, "evt_b2", url=url_b, secret=HOOK_A).json() == {"status": "ignored"}
    assert (transaction["pending"], transaction["charged"]) == (Decimal("6500"), 0)
    assert Renewal.objects.get().payment_status == "pending"
    assert not Event.objects.filter(type__in=("payment.received", "payment.cash_balance_available")).exists()


def test_a_canceled_intent_stops_awaiting_the_rest_and_returns_what_arrived_to_the_balance(transfer_renewal, client):
    standin, installation, subscription, fake, transaction, intent = transfer_renewal
    (part,) = fake.transfer("cus_hanako", 1000)
    send(client, "payment_intent.partially_funded", part, "evt_part")
    canceled = {**part, "status": "canceled"}
    assert send(client, "payment_intent.canceled", canceled, "evt_canceled").json() == {"status": "processed"}
    assert (transaction["charged"], transaction["pending"]) == (0, 0)
    (event,) = installation.events.filter(type="payment.bank_transfer_canceled")
    assert event.data["returned_to_balance"] == "1000"


def test_an_order_staff_mark_paid_in_saleor_cancels_the_transfer_and_keeps_what_arrived_for_the_next(
        transfer_renewal, client, app_http):
    standin, installation, subscription, fake, transaction, intent = transfer_renewal
    (part,) = fake.transfer("cus_hanako", 1000)
    send(client, "payment_intent.partially_funded", part, "evt_part")
    (order,) = renewal_orders(standin)
    standin.mark_as_paid(app_http, order)  # the customer paid the rest in cash, say
    assert fake.intents[intent["id"]]["status"] == "canceled"  # no longer payable by transfer
    assert fake.cash_balances["cus_hanako"] == 1000  # Stripe keeps what arrived for the next renewal
    assert (transaction["charged"], transaction["pending"]) == (0, 0)
    assert Renewal.objects.get().payment_status == "paid"
    send(client, "payment_intent.canceled", {**part, "status": "canceled"}, "evt_canceled")  # Stripe tells it too
    assert installation.events.filter(type="payment.bank_transfer_canceled").count() == 1


def test_shops_without_stripe_bank_transfers_keep_their_own_account_and_staff_confirmation(subscribed):
    standin, installation, subscription, fake = subscribed
    installation.bank_transfer_via_stripe = ["us"]  # another channel
    installation.save()
    subscription.payment_kind, subscription.payment_method = "bank_transfer", None
    subscription.save()
    runs.run_due(installation, DAY(2027, 2, 28))
    (transaction,) = renewal_orders(standin)[0]["transactions"]
    assert transaction["input"]["name"] == "Bank transfer (subscription)" and fake.requests == []
    assert renewal_received(installation, Renewal.objects.get()) == Decimal("6500")
    assert not PaymentInstructions.objects.exists()
