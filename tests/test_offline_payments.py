"""Cash on delivery and bank transfer: offered per channel and plan, unpaid until staff confirm."""

from decimal import Decimal

import pytest

from saleor_subscriptions.checkout.actions import add_subscription_line
from saleor_subscriptions.plans.actions import revise_plan

from .test_gateway import USER, session_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def cod_checkout(shop):
    standin, installation, product = shop
    installation.payment_methods = {"jp": ["card", "cod", "bank_transfer"]}
    installation.save()
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "payment_methods": ["card", "cod"]})
    cart = standin.add_checkout("jp", user=USER)
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    return standin, installation, standin.checkout_view(standin.checkouts[cart["id"]])


def test_the_methods_offered_are_the_channels_narrowed_by_the_plan(cod_checkout, stripe_http, app_http):
    standin, _, checkout = cod_checkout
    answer = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 980.0, "data": None, "sourceObject": checkout})
    assert answer["data"]["paymentMethods"] == ["card", "cod"]
    one_time = standin.checkout_view(standin.add_checkout("jp", user=USER))
    answer = standin.sync(app_http, "PAYMENT_GATEWAY_INITIALIZE_SESSION", {"amount": 980.0, "data": None, "sourceObject": one_time})
    assert answer["data"]["paymentMethods"] == ["card", "cod", "bank_transfer"]


def test_cash_on_delivery_leaves_the_charge_pending_without_stripe(cod_checkout, stripe_http, app_http):
    standin, _, checkout = cod_checkout
    fields = {**session_fields(checkout), "data": {"paymentMethod": "cod"}}
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", fields)
    assert answer["result"] == "CHARGE_REQUEST"
    assert answer["pspReference"] == "cod:VHJhbnNhY3Rpb25JdGVtOjE="
    assert stripe_http.requests == []
    process = {**session_fields(checkout, psp_reference=answer["pspReference"]), "data": {}}
    assert standin.sync(app_http, "TRANSACTION_PROCESS_SESSION", process)["result"] == "CHARGE_REQUEST"


def test_a_method_the_plan_does_not_allow_is_refused(cod_checkout, stripe_http, app_http):
    standin, _, checkout = cod_checkout
    answer = standin.sync(app_http, "TRANSACTION_INITIALIZE_SESSION", {**session_fields(checkout), "data": {"paymentMethod": "bank_transfer"}})
    assert answer["result"] == "CHARGE_FAILURE" and "bank_transfer is not offered" in answer["message"]


MARK = """mutation Mark($id: ID!) { paymentMarkReceived(transactionId: $id) { amount errors { field code message } } }"""


def test_staff_confirm_the_money_and_the_transaction_becomes_charged(installed, client):
    standin, app, installation = installed
    standin.add_channel("jp", "JPY")
    order = standin.add_order("jp", Decimal("6980"))
    transaction = standin.add_transaction(order, "cod:VHJhbnNhY3Rpb25JdGVtOjE=", pending=Decimal("6980"))

    def mark(permissions):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3", permissions=permissions)
        response = client.post("/graphql/", {"query": MARK, "variables": {"id": transaction["id"]}}, content_type="application/json",
                               headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token})
        return response.json()["data"]["paymentMarkReceived"]

    assert mark(["MANAGE_PRODUCTS"])["errors"][0]["code"] == "PERMISSION_DENIED"
    assert transaction["charged"] == 0
    assert mark(["MANAGE_ORDERS"]) == {"amount": "6980", "errors": []}
    assert (transaction["charged"], transaction["pending"]) == (Decimal("6980"), Decimal(0))
    assert transaction["events"] == [("CHARGE_SUCCESS", "cod:VHJhbnNhY3Rpb25JdGVtOjE=", "6980")]
    again = mark(["MANAGE_ORDERS"])  # a double click
    assert again["errors"][0]["code"] == "NOT_FOUND" and transaction["charged"] == Decimal("6980")
    assert installation.events.filter(type="payment.received").count() == 1
