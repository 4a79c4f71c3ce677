"""The checkout mutations over HTTP, as a storefront calls them."""

import datetime

import pytest
from django.utils import timezone

from saleor_subscriptions.checkout import locks
from saleor_subscriptions.checkout.models import CheckoutLock

pytestmark = pytest.mark.django_db

ADD = """
mutation Add($checkoutId: ID!, $variantId: ID!, $quantity: Int!, $plan: String!) {
  subscriptionLineAdd(checkoutId: $checkoutId, variantId: $variantId, quantity: $quantity, plan: $plan, languageCode: "JA") {
    line { lineId quantity plan planVersion unitPrice { amount currency formatted } }
    errors { field code message }
  }
}"""
UPDATE = """
mutation Update($checkoutId: ID!, $lineId: ID!, $quantity: Int) {
  subscriptionLineUpdate(checkoutId: $checkoutId, lineId: $lineId, quantity: $quantity) {
    line { quantity unitPrice { amount } } errors { field code message }
  }
}"""
REMOVE = """
mutation Remove($checkoutId: ID!, $lineId: ID!) {
  subscriptionLineRemovePlan(checkoutId: $checkoutId, lineId: $lineId) {
    line { plan unitPrice { amount } } errors { code }
  }
}"""


def call(client, standin, query, **variables):
    response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                           headers={"Saleor-Api-Url": standin.api_url})
    body = response.json()
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


def test_a_storefront_adds_changes_and_removes_a_subscription_line(client, shop):
    standin, _, product = shop
    cart = standin.add_checkout("jp")
    added = call(client, standin, ADD, checkoutId=cart["id"], variantId=product["variants"][0]["id"], quantity=1, plan="monthly")
    assert added["errors"] == []
    assert added["line"]["unitPrice"] == {"amount": "980", "currency": "JPY", "formatted": "￥980"}
    assert (added["line"]["plan"], added["line"]["planVersion"]) == ("monthly", 1)
    line_id = added["line"]["lineId"]
    assert call(client, standin, UPDATE, checkoutId=cart["id"], lineId=line_id, quantity=2)["line"] == {
        "quantity": 2, "unitPrice": {"amount": "980"}}
    removed = call(client, standin, REMOVE, checkoutId=cart["id"], lineId=line_id)
    assert removed["line"] == {"plan": None, "unitPrice": {"amount": "6800"}}


def test_refusals_come_back_as_coded_errors(client, shop):
    standin, _, product = shop
    cart = standin.add_checkout("jp")
    result = call(client, standin, ADD, checkoutId=cart["id"], variantId=product["variants"][0]["id"], quantity=0, plan="monthly")
    assert result == {"line": None, "errors": [{"field": "quantity", "code": "QUANTITY_OUT_OF_RANGE", "message": "数量は1以上でお選びください。"}]}
    result = call(client, standin, ADD, checkoutId=cart["id"], variantId=product["variants"][0]["id"], quantity=1, plan="nope")
    assert result["errors"][0]["code"] == "NOT_FOUND" and result["errors"][0]["field"] == "plan"
    assert standin.checkouts[cart["id"]]["lines"] == []


def test_adding_again_answers_the_line_and_a_busy_checkout_is_a_coded_error(client, shop, monkeypatch):
    standin, installation, product = shop
    cart = standin.add_checkout("jp")
    arguments = {"checkoutId": cart["id"], "variantId": product["variants"][0]["id"], "plan": "monthly"}
    first = call(client, standin, ADD, quantity=1, **arguments)
    assert call(client, standin, ADD, quantity=1, **arguments) == first  # a retried request: the same line
    other = call(client, standin, ADD, quantity=3, **arguments)
    assert (other["line"], other["errors"][0]["code"]) == (None, "LINE_EXISTS")
    monkeypatch.setattr(locks, "WAIT", 0.1)
    CheckoutLock.objects.create(installation=installation, checkout_id=cart["id"], holder="another request",
                                expires_at=timezone.now() + datetime.timedelta(minutes=1))
    busy = call(client, standin, UPDATE, checkoutId=cart["id"], lineId=first["line"]["lineId"], quantity=2)
    assert (busy["line"], busy["errors"][0]["field"], busy["errors"][0]["code"]) == (None, "checkoutId", "CHECKOUT_BUSY")
    assert len(standin.checkouts[cart["id"]]["lines"]) == 1
