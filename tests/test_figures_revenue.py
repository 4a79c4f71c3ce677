"""Revenue figures over a known year in a JPY and a USD channel: counts, MRR, movements per period, churn, forecast.

The history is made by the app's own actions (pause, resume, quantity, cancel with a reason) and by renewals'
effects on the subscription (deliveries, status, next date), each on its day under a fixed clock; the figures
are refreshed as the beat would, at least once a day something happened.
"""

import datetime
from decimal import Decimal

import pytest

from saleor_subscriptions.core.models import Event
from saleor_subscriptions.figures import revenue, snapshots, tasks
from saleor_subscriptions.figures.models import FigureCursor, FigureDay, SubscriptionFigure
from saleor_subscriptions.installations.models import Installation
from saleor_subscriptions.plans.models import Plan, PlanVersion, SubscriptionProduct
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import actions, retention
from saleor_subscriptions.subscriptions.calendar import slot_date
from saleor_subscriptions.subscriptions.models import Renewal, Subscription, SubscriptionLine

from .clock import fixed_clock
from .conftest import renewal_orders
from .test_api_staff import dashboard  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
DAY = datetime.date
STAFF = {"actor": Event.Actor.STAFF, "force": True}
TEXTS = {"texts": {"ja": {"name": "定期便"}}}
MONTHLY = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"JPY": "3000"}}, **TEXTS}
TRIAL = {**MONTHLY, "trial": {"kind": "price", "deliveries": 1, "price": {"amounts": {"JPY": "500"}}}}
COURSE = {**MONTHLY, "billing_limit": 2}  # a fixed course of two deliveries
FORTNIGHTLY = {"schedule": {"interval_unit": "week", "interval_count": 2}, "regular": {"amounts": {"USD": "12.00"}}, **TEXTS}
STEPPED = {"schedule": {"interval_unit": "month"}, "regular": {"amounts": {"USD": "20.00"}},
           "steps": [{"from_delivery": 4, "price": {"amounts": {"USD": "18.00"}}}], **TEXTS}
QUERY = """query F($channel: String!, $from: Date!, $to: Date!, $period: FigurePeriod) {
  subscriptionFigures(channel: $channel, from: $from, to: $to, period: $period) {
    currency active subscribers paused unpriced mrr { amount currency } trialMrr { amount } discountMrr { amount } arr { amount }
    periods { start end activeAtStart new churnedVoluntary churnedInvoluntary completed paused reactivated churnRate
              mrrNew { amount } mrrExpansion { amount } mrrContraction { amount } mrrChurn { amount } mrrNet { amount } }
    churnReasons { reason label count }
    forecast { days renewals amount { amount currency } }
    explanations { figure text }
    errors { field code message } } }"""


def _version(installation, code, terms) -> PlanVersion:
    product, _ = SubscriptionProduct.objects.get_or_create(installation=installation, product_id="UHJvZHVjdDox")
    plan = Plan.objects.create(installation=installation, product=product, code=code)
    return PlanVersion.objects.create(plan=plan, number=1, terms_json=terms)


def _start(installation, version, *, on, channel="tokyo", currency="JPY", customer="VXNlcjox", quantity=1, percent_off=None):
    with fixed_clock(on):
        status = Subscription.Status.TRIALING if version.terms.trial else Subscription.Status.ACTIVE
        subscription = Subscription.objects.create(
            installation=installation, plan=version.plan, status=status, origin_order_id=f"T3JkZXI6{on}{version.plan.code}",
            customer_id=customer, email="hanako@example.com", channel_id=f"Q2hhbm5lbDo{channel}", channel_slug=channel,
            currency=currency, language="ja", payment_kind="card", started_on=on)
        SubscriptionLine.objects.create(subscription=subscription, variant_id="UHJvZHVjdFZhcmlhbnQ6MQ==", quantity=quantity,
                                        plan_version=version, percent_off=percent_off)
        subscription.next_renewal_on = slot_date(subscription, 2)
        subscription.save()
    return subscription


def _renewed(subscription, deliveries: int, on: datetime.date, status=Subscription.Status.ACTIVE):
    """What a done renewal leaves on the subscription: one more delivery, the status, the next date."""
    subscription.refresh_from_db()
    with fixed_clock(on):
        for cycle in range(subscription.deliveries + 1, deliveries + 1):
            Renewal.objects.create(subscription=subscription, cycle=cycle, state=Renewal.State.DONE, scheduled_for=on)
        subscription.deliveries, subscription.status = deliveries, status
        subscription.next_renewal_on = slot_date(subscription, deliveries + 1 + subscription.skipped)
        subscription.save()
    return subscription


def _refresh(installation, on):
    with fixed_clock(on, hour=23):
        snapshots.refresh(installation)


@pytest.fixture
def year(dashboard):  # noqa: F811
    """2026 in two channels of one shop, and another shop's subscription in a channel of the same name."""
    call, standin, _, shop = dashboard
    call.standin = standin
    monthly, trial, course = (_version(shop, "monthly", MONTHLY), _version(shop, "trial", TRIAL), _version(shop, "course", COURSE))
    fortnightly, stepped = _version(shop, "fortnightly", FORTNIGHTLY), _version(shop, "stepped", STEPPED)

    a = _start(shop, monthly, on=DAY(2026, 1, 10))
    b = _start(shop, trial, on=DAY(2026, 1, 20), customer="VXNlcjoy")
    f = _start(shop, fortnightly, on=DAY(2026, 1, 5), channel="us", currency="USD", customer="VXNlcjo1")
    _refresh(shop, DAY(2026, 1, 20))
    c = _start(shop, monthly, on=DAY(2026, 2, 1), customer="VXNlcjoz", quantity=3)
    _renewed(b, 2, DAY(2026, 2, 20))  # the trial's second delivery: the regular price from now on
    _refresh(shop, DAY(2026, 2, 20))
    g = _start(shop, stepped, on=DAY(2026, 3, 1), channel="us", currency="USD", customer="VXNlcjo2")
    with fixed_clock(DAY(2026, 3, 5)):
        actions.change_quantity(a, a.lines.get().pk, 2, today=DAY(2026, 3, 5), **STAFF)  # expansion
    _refresh(shop, DAY(2026, 3, 5))
    with fixed_clock(DAY(2026, 4, 1)):
        actions.pause(b, today=DAY(2026, 4, 1), **STAFF)
    _refresh(shop, DAY(2026, 4, 1))
    _renewed(g, 3, DAY(2026, 5, 1))  # the next delivery is the 4th: the stepped price, $18
    with fixed_clock(DAY(2026, 5, 10)):
        actions.change_quantity(c, c.lines.get().pk, 1, today=DAY(2026, 5, 10), **STAFF)  # contraction
    _refresh(shop, DAY(2026, 5, 10))
    with fixed_clock(DAY(2026, 6, 1)):
        actions.resume(b, actor=Event.Actor.STAFF, today=DAY(2026, 6, 1))
    _refresh(shop, DAY(2026, 6, 1))
    with fixed_clock(DAY(2026, 8, 10)):  # the last retry failed: dunning cancels
        Renewal.objects.create(subscription=c, cycle=2, state=Renewal.State.FAILED, scheduled_for=DAY(2026, 7, 27), attempts=3)
        Subscription.objects.filter(pk=c.pk).update(status=Subscription.Status.CANCELLED, next_renewal_on=None,
                                                    ended_at=datetime.datetime(2026, 8, 10, 3, tzinfo=datetime.UTC),
                                                    updated_at=datetime.datetime(2026, 8, 10, 3, tzinfo=datetime.UTC))
    _refresh(shop, DAY(2026, 8, 10))
    _renewed(b, 5, DAY(2026, 8, 20))
    with fixed_clock(DAY(2026, 9, 5)):
        customer = {"actor": Event.Actor.CUSTOMER, "actor_id": "VXNlcjoy"}
        attempt = retention.start(b, "too_expensive", today=DAY(2026, 9, 5), **customer)
        retention.decline(attempt, at_period_end=False, today=DAY(2026, 9, 5))
    _refresh(shop, DAY(2026, 9, 5))
    d = _start(shop, trial, on=DAY(2026, 11, 25), customer="VXNlcjo0")
    _refresh(shop, DAY(2026, 11, 25))
    e = _start(shop, course, on=DAY(2026, 12, 1), percent_off=Decimal(10))  # Hanako's second subscription, 10 % off
    _renewed(a, 12, DAY(2026, 12, 10))
    _renewed(f, 25, DAY(2026, 12, 7))
    _renewed(g, 10, DAY(2026, 12, 1))
    with fixed_clock(DAY(2026, 12, 10)):
        actions.cancel(g, at_period_end=True, today=DAY(2026, 12, 10), **STAFF)
    _refresh(shop, DAY(2026, 12, 10))

    other = Installation.objects.create(saleor_api_url="https://other.example.com/graphql/", app_id="QXBwOjk=")
    _start(other, _version(other, "monthly", MONTHLY), on=DAY(2026, 6, 1), quantity=5)
    _refresh(other, DAY(2026, 6, 1))
    return call, shop, (a, b, c, d, e, f, g)


def _figures(call, channel, start, end, period="MONTH", today=DAY(2026, 12, 15), permissions=("MANAGE_ORDERS",), **options):
    """The staff query on `today`, with a Dashboard token valid then."""
    standin = call.standin
    with fixed_clock(today) as now:
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=next(iter(standin.apps.values())).id,
                                  user_id="VXNlcjo3", exp=int(now.return_value.timestamp()) + 300, permissions=list(permissions))
        return call(QUERY, token=token, channel=channel, period=period, **{"from": str(start), "to": str(end)}, **options)


def _row(start, active, *, new=0, voluntary=0, involuntary=0, paused=0, reactivated=0, rate=None, mrr_new="0", expansion="0",
         contraction="0", churn="0", net="0", end=None):
    rate = rate if rate is not None or not active else 0.0  # no churn rate without subscriptions to churn
    end = end or (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    return {"start": str(start), "end": str(end), "activeAtStart": active, "new": new, "churnedVoluntary": voluntary,
            "churnedInvoluntary": involuntary, "completed": 0, "paused": paused, "reactivated": reactivated, "churnRate": rate,
            "mrrNew": {"amount": mrr_new}, "mrrExpansion": {"amount": expansion}, "mrrContraction": {"amount": contraction},
            "mrrChurn": {"amount": churn}, "mrrNet": {"amount": net}}


def test_the_yen_channel_over_the_year(year):
    call = year[0]
    figures = _figures(call, "tokyo", DAY(2026, 1, 1), DAY(2026, 12, 31))
    assert figures["errors"] == []
    # A (2 × ¥3,000), D in trial (worth ¥3,000), E (¥3,000 less 10 %); A and E are one customer's
    assert (figures["currency"], figures["active"], figures["subscribers"], figures["paused"], figures["unpriced"]) == (
        "JPY", 3, 2, 0, 0)
    assert (figures["mrr"], figures["trialMrr"], figures["discountMrr"], figures["arr"]) == (
        {"amount": "8700", "currency": "JPY"}, {"amount": "3000"}, {"amount": "300"}, {"amount": "104400"})
    month = lambda m: DAY(2026, m, 1)  # noqa: E731
    assert figures["periods"] == [
        _row(month(1), 0, new=2, mrr_new="3000", net="3000"),  # A, and B in its trial
        _row(month(2), 2, new=1, mrr_new="12000", net="12000"),  # C (3 × ¥3,000); B converted
        _row(month(3), 3, expansion="3000", net="3000"),  # A: quantity 1 → 2
        _row(month(4), 3, paused=1, contraction="3000", net="-3000"),  # B paused
        _row(month(5), 2, contraction="6000", net="-6000"),  # C: quantity 3 → 1
        _row(month(6), 2, reactivated=1, expansion="3000", net="3000"),  # B resumed
        _row(month(7), 3),
        _row(month(8), 3, involuntary=1, rate=0.3333, churn="3000", net="-3000"),  # C: payment failed for good
        _row(month(9), 2, voluntary=1, rate=0.5, churn="3000", net="-3000"),  # B cancelled: too expensive
        _row(month(10), 1),
        _row(month(11), 1, new=1),  # D, in its trial
        _row(month(12), 2, new=1, mrr_new="2700", net="2700"),  # E, 10 % off
    ]
    assert sum(int(row["mrrNet"]["amount"]) for row in figures["periods"]) == 8700  # the movements add up to MRR now
    assert [(row["reason"], row["count"]) for row in figures["churnReasons"]] == [("too_expensive", 1)]
    # from 15 December: A monthly on the 10th (¥6,000), D's first regular delivery on the 25th and on (¥3,000),
    # E's second and last delivery of its course on 1 January (¥2,700)
    assert figures["forecast"] == [
        {"days": 30, "renewals": 3, "amount": {"amount": "11700", "currency": "JPY"}},
        {"days": 60, "renewals": 5, "amount": {"amount": "20700", "currency": "JPY"}},
        {"days": 90, "renewals": 7, "amount": {"amount": "29700", "currency": "JPY"}}]


def test_the_dollar_channel_never_adds_yen(year):
    call = year[0]
    figures = _figures(call, "us", DAY(2026, 1, 1), DAY(2026, 6, 30))
    # F: $12 every two weeks = $26.00 a month; G: its 4th delivery on costs $18 (a price step), cancelled at period end
    assert (figures["currency"], figures["active"], figures["subscribers"], figures["mrr"], figures["arr"]) == (
        "USD", 2, 2, {"amount": "44.00", "currency": "USD"}, {"amount": "528.00"})
    assert [(row["start"], row["new"], row["mrrNew"]["amount"], row["mrrContraction"]["amount"], row["mrrNet"]["amount"])
            for row in figures["periods"]] == [
        ("2026-01-01", 1, "26.00", "0.00", "26.00"), ("2026-02-01", 0, "0.00", "0.00", "0.00"),
        ("2026-03-01", 1, "20.00", "0.00", "20.00"), ("2026-04-01", 0, "0.00", "0.00", "0.00"),
        ("2026-05-01", 0, "0.00", "2.00", "-2.00"), ("2026-06-01", 0, "0.00", "0.00", "0.00")]
    # F on 21 Dec, 4 and 18 Jan, 1 and 15 Feb, 1 Mar; G none: it ends at its period's end
    assert [(row["days"], row["renewals"], row["amount"]["amount"]) for row in figures["forecast"]] == [
        (30, 2, "24.00"), (60, 4, "48.00"), (90, 6, "72.00")]


def test_weeks_and_days_cut_to_the_range(year):
    call = year[0]
    weeks = _figures(call, "tokyo", DAY(2026, 3, 4), DAY(2026, 3, 17), period="WEEK")["periods"]
    assert [(row["start"], row["end"], row["mrrExpansion"]["amount"]) for row in weeks] == [
        ("2026-03-04", "2026-03-08", "3000"), ("2026-03-09", "2026-03-15", "0"), ("2026-03-16", "2026-03-17", "0")]
    days = _figures(call, "tokyo", DAY(2026, 4, 1), DAY(2026, 4, 2), period="DAY")["periods"]
    assert [(row["start"], row["activeAtStart"], row["paused"]) for row in days] == [("2026-04-01", 3, 1), ("2026-04-02", 2, 0)]


def test_another_shop_sees_only_its_own(year):
    call, shop, _ = year
    other = Installation.objects.get(app_id="QXBwOjk=")
    assert revenue.current(other, "tokyo", "JPY").mrr == Decimal(15000)  # its 5 × ¥3,000, in its own figures only
    assert _figures(call, "tokyo", DAY(2026, 6, 1), DAY(2026, 6, 30))["periods"][0]["new"] == 0


def test_refusals_are_coded_and_in_the_staff_language(year):
    call = year[0]
    unknown = _figures(call, "nowhere", DAY(2026, 1, 1), DAY(2026, 1, 31))
    assert [(e["field"], e["code"]) for e in unknown["errors"]] == [("channel", "NOT_FOUND")] and unknown["mrr"] is None
    assert "nowhere" in unknown["errors"][0]["message"] and "チャネル" in unknown["errors"][0]["message"]
    backwards = _figures(call, "tokyo", DAY(2026, 2, 1), DAY(2026, 1, 1))
    assert [(e["field"], e["code"]) for e in backwards["errors"]] == [("to", "INVALID")]
    long = _figures(call, "tokyo", DAY(2025, 1, 1), DAY(2026, 12, 31), period="DAY", accept_language="en")
    assert [(e["field"], e["code"]) for e in long["errors"]] == [("to", "TOO_LONG")] and "366 days" in long["errors"][0]["message"]
    refused = _figures(call, "tokyo", DAY(2026, 1, 1), DAY(2026, 1, 31), permissions=("MANAGE_PRODUCTS",))
    assert [e["code"] for e in refused["errors"]] == ["PERMISSION_DENIED"] and refused["active"] is None
    assert refused["periods"] == [] and refused["forecast"] == []


def test_each_figure_is_explained_in_the_staff_language(year):
    call = year[0]
    for language, word in (("en", "Monthly recurring revenue"), ("ja", "月次経常収益"), ("zh-CN", "月度经常性收入"),
                           ("zh-TW", "月度經常性收入")):
        texts = {e["figure"]: e["text"] for e in _figures(call, "tokyo", DAY(2026, 1, 1), DAY(2026, 1, 31),
                                                          accept_language=language)["explanations"]}
        assert word in texts["mrr"]
        assert {"active", "subscribers", "trialMrr", "discountMrr", "arr", "periods.churnRate", "periods.mrrNet",
                "forecast"} <= set(texts)


def test_a_percent_off_plan_is_valued_at_the_list_price_the_last_renewal_read(subscribed):
    """No Saleor call for figures: until a renewal has read the variant's list price, the subscription is counted unpriced."""

    standin, installation, subscription, _ = subscribed
    line = subscription.lines.get()
    terms = {**line.plan_version.terms_json, "regular": {"percent_off": "25"}, "trial": None}
    line.plan_version = PlanVersion.objects.create(plan=line.plan_version.plan, number=99, terms_json=terms)
    line.save()
    subscription.save()
    _refresh(installation, DAY(2027, 2, 1))
    before = revenue.current(installation, "jp", "JPY")
    assert (before.active, before.unpriced, before.mrr) == (1, 1, Decimal(0))
    with fixed_clock(DAY(2027, 2, 28)):
        assert runs.run_due(installation, DAY(2027, 2, 28)) == 1
    _refresh(installation, DAY(2027, 2, 28))
    after = revenue.current(installation, "jp", "JPY")
    (order,) = renewal_orders(standin)
    assert (after.unpriced, after.mrr) == (0, Decimal(order["input"]["lines"][0]["price"]))  # monthly: MRR = the line's price
    assert after.mrr > 0


def test_a_run_stopped_at_its_limit_goes_on_where_it_stopped(year):
    _, shop, _ = year

    whole = revenue.current(shop, "tokyo", "JPY")
    SubscriptionFigure.objects.filter(installation=shop).delete()
    FigureDay.objects.filter(installation=shop).delete()
    FigureCursor.objects.filter(installation=shop).delete()
    with fixed_clock(DAY(2026, 12, 10), hour=23):
        finished = [snapshots.refresh(shop, limit=2) for _ in range(4)]
    assert finished == [False, False, False, True]  # 7 subscriptions, 2 at a time
    assert revenue.current(shop, "tokyo", "JPY") == whole
    # read anew, the MRR movements still add up to MRR now
    moved = FigureDay.objects.filter(installation=shop, channel_slug="tokyo").values_list("mrr", flat=True)
    assert sum(moved, Decimal(0)) == whole.mrr


def test_the_channels_to_choose_from_are_the_shops_own(year):
    call = year[0]
    standin = call.standin
    with fixed_clock(DAY(2026, 12, 15)) as now:
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=next(iter(standin.apps.values())).id,
                                  user_id="VXNlcjo3", exp=int(now.return_value.timestamp()) + 300, permissions=["MANAGE_ORDERS"])
        channels = call("query { subscriptionFigureChannels { channels { slug currency } errors { code } } }", token=token)
    assert channels == {"channels": [{"slug": "tokyo", "currency": "JPY"}, {"slug": "us", "currency": "USD"}], "errors": []}


def test_a_new_shops_channel_is_offered_before_the_beat_has_counted_it(year):
    """The page lists the channels first: a shop that just got its first subscription must not be told it has none."""
    call, shop, _ = year
    standin = call.standin
    weekly = PlanVersion.objects.get(plan__installation=shop, plan__code="fortnightly")
    _start(shop, weekly, on=DAY(2026, 12, 14), channel="osaka", currency="JPY", customer="VXNlcjo4")  # not refreshed
    with fixed_clock(DAY(2026, 12, 15)) as now:
        token = standin.key.token(standin.api_url, token_type="thirdparty", app=next(iter(standin.apps.values())).id,
                                  user_id="VXNlcjo3", exp=int(now.return_value.timestamp()) + 300, permissions=["MANAGE_ORDERS"])
        answer = call("query { subscriptionFigureChannels { channels { slug currency } today } }", token=token)
    assert {"slug": "osaka", "currency": "JPY"} in answer["channels"]
    assert answer["today"] == "2026-12-15"  # the shop's date: the page's ranges end there


def test_a_pause_with_an_end_date_resumes_in_the_forecast(year):
    call, shop, _ = year
    fortnightly = PlanVersion.objects.get(plan__installation=shop, plan__code="fortnightly")
    h = _start(shop, fortnightly, on=DAY(2026, 12, 11), channel="us-paused", currency="USD", customer="VXNlcjo5")
    with fixed_clock(DAY(2026, 12, 12)):
        actions.pause(h, until=DAY(2027, 1, 5), today=DAY(2026, 12, 12), **STAFF)
    _refresh(shop, DAY(2026, 12, 12))
    figures = _figures(call, "us-paused", DAY(2026, 12, 1), DAY(2026, 12, 31))
    assert (figures["active"], figures["paused"], figures["mrr"]["amount"]) == (0, 1, "0.00")
    # every two weeks from 11 December; the first from 5 January on: 8 and 22 Jan, 5 and 19 Feb, 5 Mar
    assert [(row["days"], row["renewals"], row["amount"]["amount"]) for row in figures["forecast"]] == [
        (30, 1, "12.00"), (60, 3, "36.00"), (90, 5, "60.00")]
    assert [(row["new"], row["paused"], row["mrrNew"]["amount"], row["mrrContraction"]["amount"]) for row in figures["periods"]] == [
        (1, 1, "26.00", "26.00")]


def test_the_beat_reads_a_whole_shop_in_chunks(year, monkeypatch):
    _, shop, _ = year
    whole = revenue.current(shop, "tokyo", "JPY")
    SubscriptionFigure.objects.filter(installation=shop).delete()
    FigureDay.objects.filter(installation=shop).delete()
    FigureCursor.objects.filter(installation=shop).delete()
    monkeypatch.setattr(tasks, "CHUNK", 3)
    with fixed_clock(DAY(2026, 12, 10), hour=23):
        tasks.refresh_figures()
    assert FigureCursor.objects.get(installation=shop).read_id is None  # caught up, not stopped half-way
    assert revenue.current(shop, "tokyo", "JPY") == whole
