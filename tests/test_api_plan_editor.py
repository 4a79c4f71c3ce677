"""The plan editor on the product page: a draft previewed per channel, saved, offered to shoppers as previewed."""

import datetime
import json
from decimal import Decimal

import pytest

from saleor_subscriptions.plans.models import Plan, PlanMove

from .test_api_selling_plans import ask
from .test_tenant_payments import other_shop  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PRODUCT = """
query Product($productId: ID!) {
  staffPlanProduct(productId: $productId) {
    name subscribable variantIds variants { id name } channels { slug currencyCode }
    plans { code version subscribers subscribersOnOlderVersions }
    errors { field code message }
  }
}"""
PREVIEW = """
query Preview($productId: ID!, $terms: JSONString!, $code: String) {
  staffPlanPreview(productId: $productId, terms: $terms, code: $code) {
    language
    channels {
      channel currency statements
      plan {
        name
        trial { deliveries price { amount formatted } }
        firstDeliveryPrice { amount formatted }
        price { amount formatted }
        tiers { minQuantity unitPrice { amount formatted } }
        minCommitment upcomingDeliveries
      }
    }
    errors { field code message }
  }
}"""
CREATE = """
mutation Create($productId: ID!, $code: String!, $terms: JSONString!) {
  planCreate(productId: $productId, code: $code, terms: $terms) { plan { code version } errors { field code message } }
}"""
UPDATE = """
mutation Update($code: String!, $terms: JSONString!) {
  planUpdate(code: $code, terms: $terms) {
    plan { version subscribers subscribersOnOlderVersions } errors { field code message }
  }
}"""
# What the editor sends for "a trial, quantity tiers and a commitment, in yen and dollars".
DRAFT = {
    "schedule": {"interval_unit": "month", "interval_count": 1, "anchor_day": 25},
    "trial": {"kind": "price", "deliveries": 1, "price": {"amounts": {"JPY": "500", "USD": "5.00"}}},
    "regular": {"amounts": {"JPY": "3000", "USD": "30.00"}},
    "tiers": [{"min_quantity": 2, "percent_off": "10"}],
    "min_commitment": 3,
    "payment_methods": ["card"],
    "texts": {"en": {"name": "Coffee club"}, "ja": {"name": "コーヒー定期便", "description": "毎月25日にお届け"}},
}


@pytest.fixture
def editor(installed, client):
    """`call(query, **variables)` as a Dashboard user (MANAGE_PRODUCTS by default), and a coffee in yen and dollars."""
    standin, app, installation = installed
    standin.add_channel("jp", "JPY")
    standin.add_channel("us", "USD")
    coffee = standin.add_product("Coffee", variants=[("250 g", {"jp": Decimal("3600"), "us": Decimal("36.00")})],
                                 translations={"JA": "コーヒー"})

    def call(query, permissions=("MANAGE_PRODUCTS",), accept_language="en", api_url=None, token=None, **variables):
        token = token or standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                           permissions=list(permissions))
        response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                               headers={"Saleor-Api-Url": api_url or standin.api_url, "Authorization-Bearer": token,
                                        "Accept-Language": accept_language})
        body = response.json()
        assert "errors" not in body, body
        return next(iter(body["data"].values()))

    return call, standin, installation, coffee


def test_a_plan_saved_from_the_editor_is_offered_with_the_prices_the_preview_showed(editor, client):
    call, standin, _, coffee = editor
    previewed = call(PREVIEW, productId=coffee["id"], terms=json.dumps(DRAFT), code="coffee-club")
    assert previewed["errors"] == []
    by_channel = {c["channel"]: c for c in previewed["channels"]}
    assert by_channel["jp"]["plan"]["firstDeliveryPrice"]["formatted"] == "¥500"
    assert by_channel["jp"]["plan"]["price"]["formatted"] == "¥3,000"
    assert [t["unitPrice"]["formatted"] for t in by_channel["jp"]["plan"]["tiers"]] == ["¥2,700"]
    assert by_channel["us"]["plan"]["price"]["formatted"] == "$30.00"
    assert not Plan.objects.exists()  # a preview saves nothing

    assert call(CREATE, productId=coffee["id"], code="coffee-club", terms=json.dumps(DRAFT))["errors"] == []
    for channel, language in (("jp", "EN"), ("us", "EN")):
        (offered,) = ask(client, standin.api_url, channel=channel, productId=coffee["id"], languageCode=language)["plans"]
        shown = by_channel[channel]["plan"]
        assert offered["firstDeliveryPrice"] == {key: shown["firstDeliveryPrice"][key] for key in offered["firstDeliveryPrice"]}
        assert offered["price"]["amount"] == shown["price"]["amount"]
        assert [t["unitPrice"]["amount"] for t in offered["tiers"]] == [t["unitPrice"]["amount"] for t in shown["tiers"]]
        assert offered["upcomingDeliveries"] == shown["upcomingDeliveries"]


def test_the_preview_states_what_the_checkouts_final_screen_will(editor):
    call, *_, coffee = editor
    (jp, _) = call(PREVIEW, accept_language="ja", productId=coffee["id"], terms=json.dumps(DRAFT))["channels"]
    statements = jp["statements"]
    assert statements[0] == "【定期購入】コーヒー 250 g（コーヒー定期便）は定期購入の商品です。解約のお手続きをされるまで継続してお届けします。"
    assert "お届け周期：毎月（25日）" in statements
    assert "初回お届け：￥500 × 1点 = ￥500" in statements
    assert "2回目以降のお届け：各回 ￥3,000 × 1点 = ￥3,000" in statements
    assert any(s.startswith("3回のお受け取りが条件です") and s.endswith("￥6,500") for s in statements)
    assert any(s.startswith("お届け予定日：") for s in statements)


def test_a_currency_without_a_price_is_shown_as_not_offered_and_bad_terms_name_their_field(editor):
    call, *_, coffee = editor
    yen_only = {**DRAFT, "trial": None, "regular": {"amounts": {"JPY": "3000"}}}
    channels = {c["channel"]: c for c in call(PREVIEW, productId=coffee["id"], terms=json.dumps(yen_only))["channels"]}
    assert channels["jp"]["plan"]["price"]["formatted"] == "¥3,000"
    assert (channels["us"]["plan"], channels["us"]["statements"]) == (None, [])

    bad = {**DRAFT, "regular": {"amounts": {"JPY": "3000.5"}}, "tiers": [{"min_quantity": 1, "percent_off": "10"}],
           "billing_limit": 2}  # and the commitment of 3 exceeds it
    refused = call(PREVIEW, productId=coffee["id"], terms=json.dumps(bad))
    assert refused["channels"] == []
    messages = {e["field"]: e["message"] for e in refused["errors"] if e["code"] == "INVALID"}
    assert set(messages) == {"terms.regular.amounts", "terms.tiers.0.min_quantity", "terms.min_commitment"}
    assert messages["terms.regular.amounts"] == "JPY amounts have at most 0 decimal places."
    assert messages["terms.min_commitment"] == "min_commitment exceeds billing_limit"


def test_the_product_page_lists_its_plans_variants_and_channels(editor):
    call, _, _, coffee = editor
    empty = call(PRODUCT, productId=coffee["id"])
    assert (empty["name"], empty["subscribable"], empty["plans"], empty["errors"]) == ("Coffee", False, [], [])
    assert [c["currencyCode"] for c in empty["channels"]] == ["JPY", "USD"]
    call(CREATE, productId=coffee["id"], code="coffee-club", terms=json.dumps(DRAFT))
    shown = call(PRODUCT, accept_language="ja", productId=coffee["id"])
    assert shown["name"] == "コーヒー" and shown["subscribable"] is True
    assert shown["plans"] == [{"code": "coffee-club", "version": 1, "subscribers": 0, "subscribersOnOlderVersions": 0}]
    assert call(PRODUCT, productId="UHJvZHVjdDo5OTk=")["errors"][0]["code"] == "NOT_FOUND"


def test_saving_a_plan_with_subscribers_says_how_many_keep_their_version(subscribed, client):
    standin, installation, subscription, _ = subscribed
    app = next(iter(standin.apps.values()))
    token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                              permissions=["MANAGE_PRODUCTS"])
    terms = subscription.lines.get().plan_version.terms_json
    cheaper = {**terms, "regular": {"amounts": {"JPY": "5500", "USD": "55.00"}}}
    response = client.post("/graphql/", {"query": UPDATE, "variables": {"code": "monthly", "terms": json.dumps(cheaper)}},
                           content_type="application/json",
                           headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token})
    updated = response.json()["data"]["planUpdate"]
    assert updated == {"plan": {"version": 2, "subscribers": 1, "subscribersOnOlderVersions": 1}, "errors": []}
    assert subscription.lines.get().plan_version.number == 1  # Hanako keeps the price she bought


@pytest.mark.parametrize("query", ["product", "preview", "create"])
def test_without_manage_products_the_editor_is_refused(editor, query):
    call, _, _, coffee = editor
    variables = {"product": (PRODUCT, {}), "preview": (PREVIEW, {"terms": json.dumps(DRAFT)}),
                 "create": (CREATE, {"code": "coffee-club", "terms": json.dumps(DRAFT)})}
    document, extra = variables[query]
    refused = call(document, permissions=("MANAGE_ORDERS",), productId=coffee["id"], **extra)
    assert refused["errors"][0]["code"] == "PERMISSION_DENIED"
    assert "MANAGE_PRODUCTS" in refused["errors"][0]["message"]
    assert not Plan.objects.exists()


def test_another_shops_staff_see_none_of_this_shops_plans(editor, other_shop):  # noqa: F811
    call, _, installation, coffee = editor
    call(CREATE, productId=coffee["id"], code="coffee-club", terms=json.dumps(DRAFT))
    app = next(iter(other_shop.apps.values()))
    theirs = other_shop.key.token(other_shop.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjox",
                                  permissions=["MANAGE_PRODUCTS"])
    seen = call(PRODUCT, api_url=other_shop.api_url, token=theirs, productId=coffee["id"])
    assert (seen["plans"], seen["errors"][0]["code"]) == ([], "NOT_FOUND")  # their Saleor has no such product
    same_code = call(UPDATE, api_url=other_shop.api_url, token=theirs, code="coffee-club", terms=json.dumps(DRAFT))
    assert same_code["errors"][0]["code"] == "NOT_FOUND"
    assert Plan.objects.get().installation == installation and Plan.objects.get().versions.count() == 1
    # and this shop's token is no key to the other shop
    ours_there = call(PRODUCT, api_url=other_shop.api_url, productId=coffee["id"])
    assert ours_there["errors"][0]["code"] == "UNAUTHENTICATED"


MOVE_INFO = """
query Move($code: String!) {
  staffPlanMove(code: $code) {
    version noticeDays earliestEffectiveOn subscribers { id email status version } errors { field code message }
  }
}"""
MOVE = """
mutation Move($code: String!, $effectiveOn: Date!) {
  planMoveSubscribers(code: $code, effectiveOn: $effectiveOn) { effectiveOn notified errors { field code message } }
}"""


@pytest.fixture
def revised(subscribed, client, django_capture_on_commit_callbacks):
    """Hanako on version 1 of the monthly plan (¥6,000 a delivery); version 2 costs ¥6,500."""
    standin, installation, subscription, _ = subscribed
    installation.sender_name, installation.sender_address = "お茶の山田園", "東京都千代田区丸の内1-1"
    installation.save()
    app = next(iter(standin.apps.values()))

    def call(query, permissions=("MANAGE_PRODUCTS",), **variables):
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=app.id, user_id="VXNlcjo3",
                                  permissions=list(permissions))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json",
                                   headers={"Saleor-Api-Url": standin.api_url, "Authorization-Bearer": token,
                                            "Accept-Language": "en"})
        return next(iter(response.json()["data"].values()))

    terms = subscription.lines.get().plan_version.terms_json
    assert call(UPDATE, code="monthly", terms=json.dumps({**terms, "regular": {"amounts": {"JPY": "6500", "USD": "65.00"}}}))["errors"] == []
    return call, installation, subscription


def test_moving_subscribers_lists_them_refuses_a_day_inside_the_notice_period_and_mails_each_once(revised):
    from django.core import mail as outbox

    from saleor_subscriptions.plans import moves

    call, installation, subscription = revised
    info = call(MOVE_INFO, code="monthly")
    earliest = moves.shop_today(installation) + datetime.timedelta(days=moves.NOTICE_DAYS)
    assert (info["version"], info["noticeDays"], info["earliestEffectiveOn"]) == (2, 30, earliest.isoformat())
    assert info["subscribers"] == [{"id": str(subscription.pk), "email": "hanako@example.jp", "status": "active", "version": 1}]

    too_soon = call(MOVE, code="monthly", effectiveOn=(earliest - datetime.timedelta(days=1)).isoformat())
    assert too_soon["notified"] == 0 and too_soon["errors"][0]["code"] == "TOO_SOON"
    assert too_soon["errors"][0]["message"].startswith("Subscribers must be told 30 days ahead")
    assert not PlanMove.objects.exists() and outbox.outbox == []

    moved = call(MOVE, code="monthly", effectiveOn=earliest.isoformat())
    assert (moved["notified"], moved["errors"]) == (1, [])
    (message,) = outbox.outbox
    assert message.to == ["hanako@example.jp"] and "ご契約内容の変更のお知らせ" in message.subject
    assert "それまで￥6,000、変更後￥6,500" in message.body  # in her language (the order's: ja)
    assert call(MOVE_INFO, code="monthly")["subscribers"] == []  # told once
    assert call(MOVE, code="monthly", effectiveOn=earliest.isoformat())["errors"][0]["code"] == "UNCHANGED"
    assert len(outbox.outbox) == 1

    assert moves.apply_due(installation, today=earliest - datetime.timedelta(days=1)) == 0
    assert subscription.lines.get().plan_version.number == 1
    assert moves.apply_due(installation, today=earliest) == 1
    assert subscription.lines.get().plan_version.number == 2
    assert moves.apply_due(installation, today=earliest) == 0  # applied once


def test_moving_subscribers_needs_manage_products(revised):
    call, installation, _ = revised
    refused = call(MOVE, permissions=("MANAGE_ORDERS",), code="monthly", effectiveOn="2099-01-01")
    assert refused["errors"][0]["code"] == "PERMISSION_DENIED"
    assert call(MOVE_INFO, permissions=("MANAGE_ORDERS",), code="monthly")["errors"][0]["code"] == "PERMISSION_DENIED"
    assert not PlanMove.objects.exists()


def test_a_free_insert_is_picked_among_any_products_variants(editor):
    call, standin, _, _ = editor
    leaflet = standin.add_product("Brewing leaflet", variants=[("A5", {"jp": Decimal("0")})])
    found = call("""query($search: String!) { staffVariants(search: $search) { variants { id name } errors { code } } }""",
                 search="leaflet")
    assert found == {"variants": [{"id": leaflet["variants"][0]["id"], "name": "Brewing leaflet A5"}], "errors": []}
