"""Cancellation offers over the staff API: reasons and offers in the settings, figures per reason, attempts per subscription."""

import datetime
import json

import pytest

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.subscriptions import retention

from .test_api_staff import dashboard  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date
SETTINGS = """mutation U($s: JSONString!) { installationSettingsUpdate(settings: $s) { settings errors { field code message } } }"""
FIGURES = """query F($since: Date!, $until: Date!) { cancellationFigures(since: $since, until: $until) {
  reasons { reason label attempts saved cancelled abandoned offersShown { skip delay longerInterval percentOff }
            offersAccepted { skip percentOff } }
  errors { field code message } } }"""
DETAIL = """query D($id: ID!) { staffSubscription(id: $id) {
  lines { nextUnitPrice { amount } }
  cancellationAttempts { reason label text offerKind offer outcome atPeriodEnd actor on decidedAt } errors { code } } }"""
PERCENT = {"code": "price", "labels": {"en": "Too expensive", "ja": "高すぎる"},
           "offer": {"kind": "percent_off", "percent": "15", "deliveries": 3}}


@pytest.fixture
def retained(subscribed, dashboard):  # noqa: F811
    """The merchant's own reasons; Hanako set out to cancel twice: kept by a discount once, cancelled the second time."""
    standin, installation, hanako, fake = subscribed
    call = dashboard[0]
    reasons = [PERCENT, {"code": "other", "labels": {"en": "Other", "ja": "その他"}}]
    result = call(SETTINGS, permissions=("MANAGE_CHANNELS",), s=json.dumps({"cancellation_reasons": reasons}))
    assert result["errors"] == []
    customer = {"actor": Event.Actor.CUSTOMER, "actor_id": "VXNlcjo0Ng=="}
    retention.accept(retention.start(hanako, "price", today=DAY(2027, 2, 1), **customer), today=DAY(2027, 2, 1))
    attempt = retention.start(hanako, "other", text="引っ越します", today=DAY(2027, 2, 3), **customer)
    retention.decline(attempt, at_period_end=True, today=DAY(2027, 2, 3))
    return call, installation, hanako


def test_the_merchant_edits_reasons_and_offers_and_a_bad_offer_is_refused(retained):
    call, installation, _ = retained
    settings = json.loads(call("query { installationSettings { settings } }", permissions=("MANAGE_CHANNELS",))["settings"])
    assert settings["cancellation_reasons"][0] == {**PERCENT, "offer": {**PERCENT["offer"], "percent": "15"}}
    assert settings["offer_cooldown_days"] == 180
    for bad, field in (({"kind": "percent_off", "percent": "100", "deliveries": 3}, "settings.cancellation_reasons.0.offer.percent_off.percent"),
                       ({"kind": "bribe"}, "settings.cancellation_reasons.0.offer"),
                       ({"kind": "delay"}, "settings.cancellation_reasons.0.offer.delay.days")):
        result = call(SETTINGS, permissions=("MANAGE_CHANNELS",), s=json.dumps({"cancellation_reasons": [{**PERCENT, "offer": bad}]}))
        assert result["settings"] is None and result["errors"][0]["field"] == field, result
    twice = call(SETTINGS, permissions=("MANAGE_CHANNELS",), s=json.dumps({"cancellation_reasons": [PERCENT, PERCENT]}))
    assert twice["errors"][0]["field"] == "settings.cancellation_reasons"
    installation.refresh_from_db()
    assert installation.cancellation_reasons[0]["offer"]["percent"] == "15"  # nothing half-saved


def test_the_figures_per_reason_over_a_date_range(retained):
    call = retained[0]
    figures = call(FIGURES, permissions=("MANAGE_ORDERS",), since="2027-02-01", until="2027-02-28")
    assert figures["errors"] == []
    assert figures["reasons"] == [
        {"reason": "price", "label": "高すぎる", "attempts": 1, "saved": 1, "cancelled": 0, "abandoned": 0,
         "offersShown": {"skip": 0, "delay": 0, "longerInterval": 0, "percentOff": 1}, "offersAccepted": {"skip": 0, "percentOff": 1}},
        {"reason": "other", "label": "その他", "attempts": 1, "saved": 0, "cancelled": 1, "abandoned": 0,
         "offersShown": {"skip": 0, "delay": 0, "longerInterval": 0, "percentOff": 0}, "offersAccepted": {"skip": 0, "percentOff": 0}}]
    assert call(FIGURES, permissions=("MANAGE_ORDERS",), since="2027-02-02", until="2027-02-02")["reasons"] == []
    backwards = call(FIGURES, permissions=("MANAGE_ORDERS",), since="2027-03-01", until="2027-02-01")
    assert backwards["errors"][0]["code"] == "INVALID" and "終了日" in backwards["errors"][0]["message"]
    refused = call(FIGURES, permissions=("MANAGE_PRODUCTS",), since="2027-02-01", until="2027-02-28")
    assert [error["code"] for error in refused["errors"]] == ["PERMISSION_DENIED"] and refused["reasons"] == []


def test_the_subscription_page_lists_its_attempts_and_the_discounted_price(retained):
    call, installation, hanako = retained
    detail = call(DETAIL, permissions=("MANAGE_ORDERS",), accept_language="en", id=str(hanako.pk))
    assert detail["errors"] == [] and detail["lines"] == [{"nextUnitPrice": {"amount": "5100"}}]  # ¥6,000 less 15 %
    latest, first = detail["cancellationAttempts"]
    assert (latest["reason"], latest["label"], latest["text"], latest["offerKind"], latest["outcome"], latest["atPeriodEnd"]) == (
        "other", "Other", "引っ越します", None, "CANCELLED", True)
    assert (first["offerKind"], json.loads(first["offer"]), first["outcome"], first["actor"], first["on"]) == (
        "percent_off", {"kind": "percent_off", "percent": "15", "deliveries": 3}, "SAVED", "customer", "2027-02-01")
