"""Staff plan management: only a valid Dashboard token with MANAGE_PRODUCTS may change plans."""

import json

import pytest

from saleor_subscriptions.plans.models import Plan, SubscriptionProduct

from .saleor_standin.signing import SigningKey

pytestmark = pytest.mark.django_db
TERMS = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "6000"}}, "texts": {"ja": {"name": "毎月便"}}}

CREATE = """
mutation Create($productId: ID!, $code: String!, $terms: JSONString!) {
  planCreate(productId: $productId, code: $code, terms: $terms) {
    plan { code version isArchived terms } errors { field code message }
  }
}"""
UPDATE = """
mutation Update($code: String!, $terms: JSONString!) {
  planUpdate(code: $code, terms: $terms) { plan { version terms } errors { field code message } }
}"""
ARCHIVE = """mutation Archive($code: String!) { planArchive(code: $code) { plan { isArchived } errors { code } } }"""
SWITCH = """
mutation Switch($productId: ID!, $on: Boolean!) {
  productSubscriptionSet(productId: $productId, subscribable: $on) { product { subscribable } errors { code } }
}"""
LIST = """query { staffPlans { plans { code version } errors { code } } }"""


@pytest.fixture
def dashboard(installed, client):
    standin, app, installation = installed

    def call(query, token=None, permissions=("MANAGE_PRODUCTS",), accept_language="ja", **variables):
        token = token or standin.key.token(standin.api_url, token_type="thirdparty", app=app.id,
                                           user_id="VXNlcjo3", permissions=list(permissions))
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token,
                                        "Accept-Language": accept_language})
        body = response.json()
        assert "errors" not in body, body
        return next(iter(body["data"].values()))

    return call, standin, app, installation


@pytest.mark.parametrize(("accept_language", "message"), [
    ("en", "There is no plan 'nope'."), ("ja", "プラン「nope」はありません。"), ("zh-TW", "沒有方案「nope」。")])
def test_a_staff_refusal_speaks_the_dashboards_language(dashboard, accept_language, message):
    call = dashboard[0]
    updated = call(UPDATE, accept_language=accept_language, code="nope", terms=json.dumps(TERMS))
    assert updated["errors"] == [{"field": "code", "code": "NOT_FOUND", "message": message}]


def test_staff_create_revise_and_archive_a_plan(dashboard):
    call, _, _, installation = dashboard
    created = call(CREATE, productId="UHJvZHVjdDox", code="monthly", terms=json.dumps(TERMS))
    assert created["errors"] == []
    assert (created["plan"]["code"], created["plan"]["version"]) == ("monthly", 1)
    cheaper = {**TERMS, "regular": {"amounts": {"JPY": "5500"}}}
    updated = call(UPDATE, code="monthly", terms=json.dumps(cheaper))
    assert updated["plan"]["version"] == 2
    assert json.loads(updated["plan"]["terms"])["regular"]["amounts"] == {"JPY": "5500"}
    assert call(ARCHIVE, code="monthly") == {"plan": {"isArchived": True}, "errors": []}
    assert call(LIST)["plans"] == [{"code": "monthly", "version": 2}]
    assert installation.events.filter(type="plan.revised").get().actor_id == "VXNlcjo3"


def test_invalid_terms_come_back_with_field_paths(dashboard):
    call, *_ = dashboard
    bad = {**TERMS, "regular": {"amounts": {"JPY": "6000.5"}}}
    result = call(CREATE, productId="UHJvZHVjdDox", code="monthly", terms=json.dumps(bad))
    assert result["plan"] is None
    assert result["errors"] == [{"field": "terms.regular.amounts", "code": "INVALID",
                                 "message": "JPYの金額は小数点以下0桁までです。"}]  # LANGUAGE_CODE
    assert not Plan.objects.exists()


def test_the_subscription_switch(dashboard):
    call, *_ = dashboard
    assert call(SWITCH, productId="UHJvZHVjdDox", on=True) == {"product": {"subscribable": True}, "errors": []}
    assert call(SWITCH, productId="UHJvZHVjdDox", on=False)["product"] == {"subscribable": False}
    assert SubscriptionProduct.objects.get().is_subscribable is False


@pytest.mark.parametrize(
    ("token_kind", "code"),
    [("missing", "UNAUTHENTICATED"), ("forged", "UNAUTHENTICATED"), ("customer", "UNAUTHENTICATED"),
     ("other_app", "UNAUTHENTICATED"), ("no_permission", "PERMISSION_DENIED")],
)
def test_without_a_valid_staff_token_nothing_changes(dashboard, client, token_kind, code):
    call, standin, app, _ = dashboard
    tokens = {
        "missing": "",
        "forged": SigningKey().token(standin.api_url, token_type="thirdparty", app=app.id, permissions=["MANAGE_PRODUCTS"]),
        "customer": standin.key.token(standin.api_url, token_type="access", permissions=["MANAGE_PRODUCTS"]),
        "other_app": standin.key.token(standin.api_url, token_type="thirdparty", app="QXBwOjk5", permissions=["MANAGE_PRODUCTS"]),
        "no_permission": standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, permissions=["MANAGE_ORDERS"]),
    }
    if token_kind == "missing":
        response = client.post("/graphql/", {"query": SWITCH, "variables": {"productId": "UHJvZHVjdDox", "on": True}},
                               content_type="application/json", headers={"Saleor-Api-Url": standin.api_url})
        result = response.json()["data"]["productSubscriptionSet"]
    else:
        result = call(SWITCH, token=tokens[token_kind], productId="UHJvZHVjdDox", on=True)
    assert result["product"] is None
    assert result["errors"][0]["code"] == code
    assert not SubscriptionProduct.objects.exists()


def test_listing_plans_needs_the_permission_too(dashboard):
    call, *_ = dashboard
    assert call(LIST, permissions=["MANAGE_ORDERS"]) == {"plans": [], "errors": [{"code": "PERMISSION_DENIED"}]}


def test_explicit_nulls_take_the_defaults(dashboard):
    call, *_ = dashboard
    created = call("""mutation C($terms: JSONString!, $position: Int) {
      planCreate(productId: "UHJvZHVjdDox", code: "monthly", terms: $terms, position: $position) { plan { code } errors { code } }
    }""", terms=json.dumps(TERMS), position=None)
    assert created == {"plan": {"code": "monthly"}, "errors": []}
    switched = call("""mutation { productSubscriptionSet(productId: "UHJvZHVjdDox", subscribable: true, variantIds: null) {
                       product { variantIds } errors { code } } }""")
    assert switched == {"product": {"variantIds": []}, "errors": []}
