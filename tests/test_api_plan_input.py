"""Plan input is bounded and validated: prices, codes and ids get coded errors in the caller's language."""

import json

import pytest

from saleor_subscriptions.plans.models import Plan

pytestmark = pytest.mark.django_db
TERMS = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000"}}, "texts": {"ja": {"name": "毎月便"}}}
CREATE = """
mutation Create($productId: ID!, $code: String!, $terms: JSONString!, $position: Int) {
  planCreate(productId: $productId, code: $code, terms: $terms, position: $position) {
    plan { code } errors { field code message }
  }
}"""
PLANS = """query Plans($productId: ID) { sellingPlans(channel: "jp", productId: $productId) { plans { code price { amount } } errors { code } } }"""


@pytest.fixture
def create(shop, client):
    standin, installation, product = shop
    app = next(iter(standin.apps.values()))

    def call(language="en", product_id=product["id"], **variables):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                  permissions=["MANAGE_PRODUCTS"])
        variables = {"productId": product_id, "code": "monthly-2", "terms": TERMS, **variables}
        variables["terms"] = json.dumps(variables["terms"])
        response = client.post("/graphql/", {"query": CREATE, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token,
                                        "Accept-Language": language})
        assert response.status_code == 200 and "errors" not in response.json(), response.content
        return response.json()["data"]["planCreate"]

    return call, standin, installation, product


def priced(amount):
    return {**TERMS, "regular": {"amounts": {"JPY": amount}}}


@pytest.mark.parametrize(("amount", "field", "code", "message"), [
    ("1E+30", "terms.regular.amounts.JPY", "INVALID", "Must be at most 1000000000."),
    ("-1", "terms.regular.amounts.JPY", "INVALID", "Must be at least 0."),
    ("NaN", "terms.regular.amounts.JPY", "INVALID", "Must be a finite number."),
    ("Infinity", "terms.regular.amounts.JPY", "INVALID", "Must be a finite number."),
    ("6000.5", "terms.regular.amounts", "INVALID", "JPY amounts have at most 0 decimal places."),
])
def test_a_price_out_of_bounds_is_refused_and_the_products_plans_still_answer(create, client, amount, field, code, message):
    call, standin, installation, product = create
    result = call(terms=priced(amount))
    assert result == {"plan": None, "errors": [{"field": field, "code": code, "message": message}]}
    assert not Plan.objects.filter(code="monthly-2").exists()
    answer = client.post("/graphql/", {"query": PLANS, "variables": {"productId": product["id"]}},
                         content_type="application/json", headers={"Saleor-Api-Url": standin.api_url}).json()
    assert answer["data"]["sellingPlans"] == {"plans": [{"code": "monthly", "price": {"amount": "6000"}}], "errors": []}


def test_a_billion_yen_is_the_largest_price(create):
    call, *_ = create
    assert call(terms=priced("1000000000"))["errors"] == []


def test_the_refusal_is_in_the_callers_language(create):
    call, *_ = create
    (error,) = call(language="ja", terms=priced("1E+30"))["errors"]
    assert error["message"] == "1000000000以下にしてください。"
    (error,) = call(language="zh-hans", terms=priced("60.5"))["errors"]
    assert error["message"] == "JPY金额最多0位小数。"


@pytest.mark.parametrize("code", ["", "a b/../日本", "Monthly", "-x", "x" * 65, "a\nb"])
def test_a_plan_code_must_be_a_slug(create, code):
    call, *_ = create
    result = call(code=code)
    assert result["plan"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("code", "INVALID")]
    assert "lower-case letters" in result["errors"][0]["message"]
    assert not Plan.objects.exclude(code="monthly").exists()


def test_a_slug_code_of_64_characters_is_taken(create):
    call, *_ = create
    assert call(code="a" + "-b_9" * 15 + "xyz")["plan"] == {"code": "a" + "-b_9" * 15 + "xyz"}


def test_ids_and_positions_a_column_cannot_hold_are_coded_errors(create):
    call, *_ = create
    assert call(product_id="x" * 256)["errors"] == [{"field": "productId", "code": "TOO_LONG", "message": "At most 255 characters."}]
    assert call(position=-1)["errors"][0]["code"] == "INVALID"
    assert call(position=2**31 - 1)["errors"][0]["code"] == "INVALID"
