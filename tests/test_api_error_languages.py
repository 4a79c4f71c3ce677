"""A shopper's refusals over /graphql/ come in the shopper's language: `languageCode` when given, else Accept-Language."""

import re

import pytest

from saleor_subscriptions.checkout.actions import add_subscription_line
from saleor_subscriptions.plans.actions import create_plan

from .conftest import TRIAL_TERMS

pytestmark = pytest.mark.django_db

ENGLISH_SENTENCE = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+")  # three English words in a row
LANGUAGES = {"en": "en-US,en;q=0.9", "ja": "ja-JP", "zh-hans": "zh-CN", "zh-hant": "zh-TW"}
ADD = """mutation ($checkoutId: ID!, $variantId: ID!, $quantity: Int!, $plan: String!, $languageCode: String) {
  subscriptionLineAdd(checkoutId: $checkoutId, variantId: $variantId, quantity: $quantity, plan: $plan,
                      languageCode: $languageCode) { errors { field code message } }
}"""
DISCLOSE = """query ($checkoutId: ID!, $languageCode: String) {
  subscriptionDisclosure(checkoutId: $checkoutId, languageCode: $languageCode) { errors { field code message } }
}"""


def _quantity_below_one(standin, installation, product):
    cart = standin.add_checkout("jp", shipping_method="1")
    return ADD, {"checkoutId": cart["id"], "variantId": product["variants"][0]["id"], "quantity": 0, "plan": "monthly"}


def _quantity_above_the_plans_maximum(standin, installation, product):
    create_plan(installation, product_id=product["id"], code="boxed", terms={**TRIAL_TERMS, "max_quantity": 5})
    cart = standin.add_checkout("jp", shipping_method="1")
    return ADD, {"checkoutId": cart["id"], "variantId": product["variants"][0]["id"], "quantity": 9, "plan": "boxed"}


def _unknown_plan(standin, installation, product):
    cart = standin.add_checkout("jp", shipping_method="1")
    return ADD, {"checkoutId": cart["id"], "variantId": product["variants"][0]["id"], "quantity": 1, "plan": "nope"}


def _no_shipping_method(standin, installation, product):
    cart = standin.add_checkout("jp", "JA_JP", shipping_method=None)
    add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1,
                          plan_code="monthly")
    return DISCLOSE, {"checkoutId": cart["id"]}


def _ask(client, standin, query, variables, accept_language):
    response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                           headers={"Saleor-Api-Url": standin.api_url, "Accept-Language": accept_language})
    (error,) = next(iter(response.json()["data"].values()))["errors"]
    return error


@pytest.mark.parametrize(("refusal", "field", "code"), [
    (_quantity_below_one, "quantity", "QUANTITY_OUT_OF_RANGE"),
    (_quantity_above_the_plans_maximum, "quantity", "QUANTITY_OUT_OF_RANGE"),
    (_unknown_plan, "plan", "NOT_FOUND"),
    (_no_shipping_method, "checkoutId", "SHIPPING_METHOD_REQUIRED"),
])
def test_a_refusal_speaks_the_shoppers_language(client, shop, refusal, field, code):
    standin, installation, product = shop
    query, variables = refusal(standin, installation, product)
    messages = {}
    for language, accept_language in LANGUAGES.items():
        error = _ask(client, standin, query, variables, accept_language)
        assert (error["field"], error["code"]) == (field, code)
        messages[language] = error["message"]
    assert len(set(messages.values())) == 4, messages
    for language in ("ja", "zh-hans", "zh-hant"):
        assert not ENGLISH_SENTENCE.search(messages[language]), messages[language]
    assert ENGLISH_SENTENCE.search(messages["en"])  # a request that asks for English gets English
    # the languageCode argument wins over the browser's language
    chosen = _ask(client, standin, query, {**variables, "languageCode": "ZH_HANT_TW"}, LANGUAGES["en"])
    assert chosen["message"] == messages["zh-hant"]
