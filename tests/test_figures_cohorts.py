"""The cohort (継続率) table with LTV, conversion and dunning figures over the staff API, from a known year of history.

The history (2026, JPY channel `jp` and USD channel `us`), made as rows with fixed dates:
- jp, January: A (trial, 12 deliveries, active), B (trial, 3, cancelled), C (trial, stopped in the trial),
  D (coffee, 5 deliveries: its 3rd declined for insufficient funds then paid; its 6th declined for an expired card
  until it failed for good and ended the subscription).
- jp, November: E (trial, 2 deliveries), F (still in its trial), G (coffee, subscribed from a step-mail funnel).
- us, March: H (trial, 4 deliveries, its 3rd declined then paid; cancelled by the customer), I (trial, 2 deliveries,
  its 3rd failed for good), J (trial, 6 deliveries, kept by a retention offer; its 7th is being retried).
"""

import datetime
from decimal import Decimal

import pytest

from saleor_subscriptions.funnels.models import Enrolment, Funnel, FunnelSend, FunnelStep
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.plans.actions import create_plan
from saleor_subscriptions.subscriptions.models import CancellationAttempt, Renewal, Subscription

from .test_api_staff import dashboard  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date
TEXTS = {"texts": {"ja": {"name": "定期便"}}, "schedule": {"interval_unit": "month"}}
TRIAL = {**TEXTS, "trial": {"kind": "price", "price": {"amounts": {"JPY": "980", "USD": "9.00"}}},
         "regular": {"amounts": {"JPY": "6000", "USD": "60.00"}}}
COFFEE = {**TEXTS, "regular": {"amounts": {"JPY": "3000"}}}
TEA, BEANS, SAMPLER = "UHJvZHVjdDox", "UHJvZHVjdDoy", "UHJvZHVjdDoz"
S = Subscription.Status
R = Renewal.State
COHORTS = """query C($channel: String!, $from: Date!, $to: Date!, $deliveries: Int) {
  subscriptionCohorts(channel: $channel, from: $from, to: $to, deliveries: $deliveries) {
    rows { month currency started reached { delivery count share pending notYet } revenueToDate ltv ltvProjected }
    explanations { figure text } errors { field code message } } }"""
CONVERSION = """query V($channel: String!, $from: Date!, $to: Date!) {
  subscriptionConversion(channel: $channel, from: $from, to: $to) {
    byProduct { productId started converted inTrial lost conversionRate }
    byFunnel { name productId enrolled converted unsubscribed conversionRate }
    byFunnelStep { position delayDays sent clicked converted conversionRate }
    retentionSaves { attempts offersShown saved cancelled saveRate reasons { reason attempts saved cancelled } }
    explanations { figure text } errors { field code message } } }"""
RECOVERY = """query R($channel: String!, $from: Date!, $to: Date!) {
  renewalRecovery(channel: $channel, from: $from, to: $to) {
    currencies { currency attempted firstAttemptSucceeded firstAttemptSuccessRate declined recovered recoveryRate
                 recoveredAmount lost retrying
                 byDeclineReason { reason declined recovered recoveryRate recoveredAmount lost retrying } }
    explanations { figure text } errors { field code message } } }"""
YEAR = {"from": "2026-01-01", "to": "2026-12-31"}


def _month(start: datetime.date, months: int) -> datetime.date:
    month = start.month - 1 + months
    return start.replace(year=start.year + month // 12, month=month % 12 + 1)


def subscribe(installation, plan, channel, started_on, *, deliveries, status, paid=(), declined=None, origin="storefront"):
    """A subscription with `deliveries` made; its renewals 2…`deliveries` paid at `paid[cycle]` (default the plan's
    regular price); `declined`: {cycle: (decline code, attempts, state)} for renewals declined along the way."""
    currency = {"jp": "JPY", "us": "USD"}[channel]
    number = Subscription.objects.count() + 1
    subscription = Subscription.objects.create(
        installation=installation, plan=plan, status=status, origin=origin, origin_order_id=f"T3JkZXI6{number}",
        customer_id=f"VXNlcjo{number}", email=f"c{number}@example.jp", channel_id=f"Q2hhbm5lbDo{channel}",
        channel_slug=channel, currency=currency, language="ja", payment_kind="card", started_on=started_on,
        deliveries=deliveries, ended_at=None)
    regular = Decimal(plan.current_version.terms_json["regular"]["amounts"][currency])
    declined = declined or {}
    for cycle in range(2, max([deliveries, *declined]) + 1):
        code, attempts, state = declined.get(cycle, ("", 0, R.DONE))
        Renewal.objects.create(subscription=subscription, cycle=cycle, state=state, scheduled_for=_month(started_on, cycle - 1),
                               attempts=attempts, decline_code=code, currency=currency,
                               amount=dict(paid).get(cycle, regular), payment_intent_id=f"pi_{number}_{cycle}")
    return subscription


@pytest.fixture
def history(dashboard):  # noqa: F811
    call, _, _, installation = dashboard
    trial = create_plan(installation, product_id=TEA, code="tea", terms=TRIAL)
    coffee = create_plan(installation, product_id=BEANS, code="coffee", terms=COFFEE)
    jan, nov, mar = DAY(2026, 1, 10), DAY(2026, 11, 5), DAY(2026, 3, 5)
    subscribe(installation, trial, "jp", jan, deliveries=12, status=S.ACTIVE)
    b = subscribe(installation, trial, "jp", jan, deliveries=3, status=S.CANCELLED)
    subscribe(installation, trial, "jp", jan.replace(day=31), deliveries=1, status=S.CANCELLED)
    subscribe(installation, coffee, "jp", jan.replace(day=1), deliveries=5, status=S.CANCELLED,
              declined={3: ("insufficient_funds", 1, R.DONE), 6: ("expired_card", 2, R.FAILED)})
    subscribe(installation, trial, "jp", nov, deliveries=2, status=S.ACTIVE)
    subscribe(installation, trial, "jp", nov, deliveries=1, status=S.TRIALING)
    g = subscribe(installation, coffee, "jp", nov.replace(day=30), deliveries=1, status=S.ACTIVE, origin="funnel")
    h = subscribe(installation, trial, "us", mar, deliveries=4, status=S.CANCELLED, declined={3: ("card_declined", 1, R.DONE)})
    subscribe(installation, trial, "us", mar, deliveries=2, status=S.CANCELLED, declined={3: ("insufficient_funds", 2, R.FAILED)})
    j = subscribe(installation, trial, "us", mar, deliveries=6, status=S.PAST_DUE,
                  declined={7: ("insufficient_funds", 1, R.RETRY_SCHEDULED)})
    Renewal.objects.filter(state__in=(R.FAILED, R.RETRY_SCHEDULED)).update(payment_intent_id="")  # never paid
    for subscription, reason, offer, outcome, on in (
            (j, "too_much", "skip", "saved", DAY(2026, 6, 15)), (h, "too_expensive", "", "cancelled", DAY(2026, 6, 20)),
            (b, "moving", "delay", "cancelled", DAY(2026, 3, 8))):
        CancellationAttempt.objects.create(installation=installation, subscription=subscription, reason=reason,
                                           offer_kind=offer, outcome=outcome, on=on)
    funnel = Funnel.objects.create(installation=installation, name="お試しセットのフォロー", trigger_product_id=SAMPLER,
                                   target_plan=coffee, target_variant_id="UHJvZHVjdFZhcmlhbnQ6Mg==")
    for position, delay in ((1, 3), (2, 7)):
        FunnelStep.objects.create(funnel=funnel, position=position, delay_days=delay, texts={})
    for number, (channel, purchased, status, sent, converted) in enumerate((
            ("jp", DAY(2026, 10, 20), "converted", (1, 2), 2), ("jp", DAY(2026, 10, 21), "unsubscribed", (1,), None),
            ("jp", DAY(2026, 10, 22), "active", (1,), None), ("us", DAY(2026, 10, 22), "active", (1,), None))):
        enrolment = Enrolment.objects.create(
            funnel=funnel, customer_id=f"VXNlcjoxMD{number}", email=f"e{number}@example.jp", language="ja",
            order_id=f"T3JkZXI6OT{number}", channel_id="Q2hhbm5lbDox", channel_slug=channel, currency="JPY",
            purchased_on=purchased, status=status, steps_sent=len(sent), converted_step=converted,
            subscription=g if converted else None)
        for position in sent:
            send = FunnelSend.objects.create(enrolment=enrolment, position=position)
            if position == converted:
                FunnelSend.objects.filter(pk=send.pk).update(clicked_at=datetime.datetime(2026, 10, 28, tzinfo=datetime.UTC))
    return call, installation


def test_the_retention_table_per_start_month_with_ltv(history):
    call, _ = history
    jp = call(COHORTS, permissions=("MANAGE_ORDERS",), channel="jp", **YEAR)
    assert jp["errors"] == []
    january, november = jp["rows"]
    assert (january["month"], january["currency"], january["started"]) == ("2026-01-01", "JPY", 4)
    # A, B and D had their 2nd and 3rd deliveries; A and D the 4th and 5th; only A went on to the 12th
    assert [(cell["delivery"], cell["count"], cell["share"], cell["pending"], cell["notYet"]) for cell in january["reached"]] == [
        (2, 3, 0.75, 0, False), (3, 3, 0.75, 0, False), (4, 2, 0.5, 0, False), (5, 2, 0.5, 0, False),
        *[(delivery, 1, 0.25, 0, False) for delivery in range(6, 13)]]
    # A: 11 renewals at ¥6,000; B: 2 at ¥6,000; D: 4 at ¥3,000 (the declined 6th never paid)
    assert (january["revenueToDate"], january["ltv"]) == ("90000", "22500")
    assert january["ltvProjected"] == "22500"  # A has had all 12: nothing more expected within 12 deliveries
    assert (november["month"], november["started"]) == ("2026-11-01", 3)
    second, third = november["reached"][:2]
    # E had its 2nd; F (in trial) and G are running and may still get there: the 3rd is not yet, not 0 %
    assert (second["count"], second["share"], second["pending"], second["notYet"]) == (1, 1 / 3, 2, False)
    assert (third["count"], third["pending"], third["notYet"]) == (0, 3, True)
    assert (november["revenueToDate"], november["ltv"]) == ("6000", "2000")
    # of 21 decided next deliveries in jp, 18 were made: E may make 10 more, F and G 11, each 6/7 as likely as the last,
    # at November's average renewal ¥6,000: (6000 + 6000 × (S10 + 2 × S11)) / 3 with Sn = 6 × (1 − (6/7)^n)
    assert november["ltvProjected"] == "31028"

    us = call(COHORTS, permissions=("MANAGE_ORDERS",), channel="us", deliveries=8, **YEAR)["rows"]
    assert [(row["month"], row["currency"], row["started"], row["revenueToDate"], row["ltv"]) for row in us] == [
        ("2026-03-01", "USD", 3, "540.00", "180.00")]
    assert [(cell["count"], cell["pending"], cell["notYet"]) for cell in us[0]["reached"]] == [
        (3, 0, False), (2, 0, False), (2, 0, False), (1, 0, False), (1, 0, False), (0, 1, True), (0, 1, True)]
    # J may still make its 7th and 8th, at 9/11 then (9/11)² as likely, at $60: (540 + 60 × (9/11 + 81/121)) / 3
    assert us[0]["ltvProjected"] == "209.75"
    assert call(COHORTS, permissions=("MANAGE_ORDERS",), channel="jp", **{"from": "2026-02-01", "to": "2026-10-31"})["rows"] == []


def test_trial_funnel_and_retention_offer_conversion(history):
    call, _ = history
    jp = call(CONVERSION, permissions=("MANAGE_ORDERS",), channel="jp", **YEAR)
    assert jp["errors"] == []
    # A, B and E reached their first regular delivery; F is still in its trial; C stopped in it. Coffee has no trial.
    assert jp["byProduct"] == [{"productId": TEA, "started": 5, "converted": 3, "inTrial": 1, "lost": 1, "conversionRate": 0.6}]
    assert jp["byFunnel"] == [{"name": "お試しセットのフォロー", "productId": BEANS, "enrolled": 3, "converted": 1,
                               "unsubscribed": 1, "conversionRate": 1 / 3}]
    assert jp["byFunnelStep"] == [
        {"position": 1, "delayDays": 3, "sent": 3, "clicked": 0, "converted": 0, "conversionRate": 0.0},
        {"position": 2, "delayDays": 7, "sent": 1, "clicked": 1, "converted": 1, "conversionRate": 1.0}]
    assert jp["retentionSaves"] == {"attempts": 1, "offersShown": 1, "saved": 0, "cancelled": 1, "saveRate": 0.0,
                                    "reasons": [{"reason": "moving", "attempts": 1, "saved": 0, "cancelled": 1}]}
    us = call(CONVERSION, permissions=("MANAGE_ORDERS",), channel="us", **YEAR)
    assert us["byProduct"] == [{"productId": TEA, "started": 3, "converted": 3, "inTrial": 0, "lost": 0, "conversionRate": 1.0}]
    assert [(row["enrolled"], row["converted"]) for row in us["byFunnel"]] == [(1, 0)]
    assert us["retentionSaves"] == {"attempts": 2, "offersShown": 1, "saved": 1, "cancelled": 1, "saveRate": 1.0, "reasons": [
        {"reason": "too_much", "attempts": 1, "saved": 1, "cancelled": 0},
        {"reason": "too_expensive", "attempts": 1, "saved": 0, "cancelled": 1}]}
    june = call(CONVERSION, permissions=("MANAGE_ORDERS",), channel="us", **{"from": "2026-06-16", "to": "2026-06-30"})
    assert (june["byProduct"], june["retentionSaves"]["attempts"], june["retentionSaves"]["saved"]) == ([], 1, 0)


def test_first_attempt_success_and_dunning_recovery_per_decline_reason(history):
    call, _ = history
    jp = call(RECOVERY, permissions=("MANAGE_ORDERS",), channel="jp", **YEAR)
    assert jp["errors"] == []
    # 19 renewals charged or declined: 17 paid at once; D's 3rd recovered (¥3,000), its 6th lost
    assert jp["currencies"] == [{
        "currency": "JPY", "attempted": 19, "firstAttemptSucceeded": 17, "firstAttemptSuccessRate": 17 / 19,
        "declined": 2, "recovered": 1, "recoveryRate": 0.5, "recoveredAmount": "3000", "lost": 1, "retrying": 0,
        "byDeclineReason": [
            {"reason": "expired_card", "declined": 1, "recovered": 0, "recoveryRate": 0.0, "recoveredAmount": "0",
             "lost": 1, "retrying": 0},
            {"reason": "insufficient_funds", "declined": 1, "recovered": 1, "recoveryRate": 1.0, "recoveredAmount": "3000",
             "lost": 0, "retrying": 0}]}]
    us = call(RECOVERY, permissions=("MANAGE_ORDERS",), channel="us", **YEAR)["currencies"]
    assert us == [{
        "currency": "USD", "attempted": 11, "firstAttemptSucceeded": 8, "firstAttemptSuccessRate": 8 / 11,
        "declined": 3, "recovered": 1, "recoveryRate": 1 / 3, "recoveredAmount": "60.00", "lost": 1, "retrying": 1,
        "byDeclineReason": [
            {"reason": "insufficient_funds", "declined": 2, "recovered": 0, "recoveryRate": 0.0, "recoveredAmount": "0.00",
             "lost": 1, "retrying": 1},
            {"reason": "card_declined", "declined": 1, "recovered": 1, "recoveryRate": 1.0, "recoveredAmount": "60.00",
             "lost": 0, "retrying": 0}]}]
    # by due date: to May, A's 2nd to 5th, B's 2nd and 3rd, D's 2nd to 5th; D's 6th (1 June) is outside
    spring = call(RECOVERY, permissions=("MANAGE_ORDERS",), channel="jp", **{"from": "2026-01-01", "to": "2026-05-31"})
    assert [(row["attempted"], row["declined"], row["lost"]) for row in spring["currencies"]] == [(10, 1, 0)]


def test_another_shops_history_never_shows(history):
    call, installation = history
    other = Installation.objects.create(saleor_api_url="https://other.example.jp/graphql/", app_id="QXBwOjI=")
    plan = create_plan(other, product_id=TEA, code="tea", terms=TRIAL)
    subscribe(other, plan, "jp", DAY(2026, 1, 10), deliveries=4, status=S.CANCELLED, declined={2: ("lost_card", 1, R.DONE)})
    CancellationAttempt.objects.create(installation=other, subscription=Subscription.objects.get(installation=other),
                                       reason="moving", offer_kind="delay", outcome="saved", on=DAY(2026, 3, 8))
    january = call(COHORTS, permissions=("MANAGE_ORDERS",), channel="jp", **YEAR)["rows"][0]
    assert (january["started"], january["revenueToDate"]) == (4, "90000")
    conversion = call(CONVERSION, permissions=("MANAGE_ORDERS",), channel="jp", **YEAR)
    assert conversion["byProduct"][0]["started"] == 5 and conversion["retentionSaves"]["saved"] == 0
    recovery = call(RECOVERY, permissions=("MANAGE_ORDERS",), channel="jp", **YEAR)["currencies"][0]
    assert (recovery["attempted"], [row["reason"] for row in recovery["byDeclineReason"]]) == (
        19, ["expired_card", "insufficient_funds"])


@pytest.mark.parametrize("query", [COHORTS, CONVERSION, RECOVERY])
def test_figures_are_refused_without_manage_orders(history, query):
    call, _ = history
    refused = call(query, permissions=("MANAGE_PRODUCTS",), accept_language="en", channel="jp", **YEAR)
    assert [error["code"] for error in refused["errors"]] == ["PERMISSION_DENIED"]
    assert all(not value for name, value in refused.items() if name not in ("errors", "explanations"))


@pytest.mark.parametrize(("language", "variables", "error"), [
    ("ja", {"channel": "jp", "from": "2026-12-31", "to": "2026-01-01"},
     {"field": "to", "code": "INVALID", "message": "終了日は開始日以降、1098日以内の日付を選んでください。"}),
    ("en", {"channel": " ", **YEAR}, {"field": "channel", "code": "REQUIRED", "message": "This field is required."}),
    ("zh-Hans", {"channel": "jp", **YEAR, "deliveries": 1}, {"field": "deliveries", "code": "INVALID", "message": "不能小于2。"}),
    ("zh-TW", {"channel": "jp", **YEAR, "deliveries": 25}, {"field": "deliveries", "code": "INVALID", "message": "不能大於24。"}),
])
def test_bad_input_is_refused_in_the_staff_language(history, language, variables, error):
    call, _ = history
    refused = call(COHORTS, permissions=("MANAGE_ORDERS",), accept_language=language, **variables)
    assert (refused["errors"], refused["rows"]) == ([error], [])


def test_each_figure_is_explained_in_the_staff_language(history):
    call, _ = history
    for query in (COHORTS, CONVERSION, RECOVERY):
        english = call(query, permissions=("MANAGE_ORDERS",), accept_language="en", channel="jp", **YEAR)["explanations"]
        japanese = call(query, permissions=("MANAGE_ORDERS",), accept_language="ja", channel="jp", **YEAR)["explanations"]
        assert [row["figure"] for row in english] == [row["figure"] for row in japanese] and len(english) >= 4
        assert all(a["text"] != b["text"] and b["text"] for a, b in zip(english, japanese))
    texts = {row["figure"]: row["text"] for row in call(COHORTS, permissions=("MANAGE_ORDERS",), accept_language="zh-Hant",
                                                        channel="jp", **YEAR)["explanations"]}
    assert "尚未" in texts["reached"] and "首單" in texts["revenue_to_date"]
