"""Cancelling with offers: a reason, at most one offer per kind per cooldown, accepted or declined in two clicks."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from saleor_subscriptions.core.error_texts import error_message
from saleor_subscriptions.core.errors import InputError
from saleor_subscriptions.core.models import Event
from saleor_subscriptions.installations import settings as installation_settings
from saleor_subscriptions.plans.actions import create_plan, revise_plan
from saleor_subscriptions.renewals import runs
from saleor_subscriptions.subscriptions import actions, retention
from saleor_subscriptions.subscriptions.actions import LifecycleError
from saleor_subscriptions.subscriptions.models import CancellationAttempt, Subscription

from .conftest import TRIAL_TERMS, renewal_orders
from .test_bulk_renewals import bulk  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
D, DAY = Decimal, datetime.date
CUSTOMER = Event.Actor.CUSTOMER
HANAKO = "VXNlcjo0Ng=="
REASONS = [
    {"code": "too_much", "labels": {"en": "Too much", "ja": "余っている"}, "offer": {"kind": "skip"}},
    {"code": "busy", "labels": {"en": "Away for a while"}, "offer": {"kind": "delay", "days": 14}},
    {"code": "often", "labels": {"en": "Too often"}, "offer": {"kind": "longer_interval"}},
    {"code": "price", "labels": {"en": "Too expensive", "ja": "高い"}, "offer": {"kind": "percent_off", "percent": "10", "deliveries": 2}},
    {"code": "other", "labels": {"en": "Other", "ja": "その他"}},
]


@pytest.fixture
def offers(subscribed):
    """Hanako's monthly tea (next delivery 28 Feb, then 31 Mar); one offer kind per reason; changes close 7 days before."""
    standin, installation, subscription, fake = subscribed
    installation_settings.update(installation, {"cancellation_reasons": REASONS, "offer_cooldown_days": 10})
    return subscribed


def _start(subscription, reason, today=DAY(2027, 2, 1), **kwargs):
    return retention.start(subscription, reason, actor=CUSTOMER, actor_id=HANAKO, today=today, **kwargs)


def test_new_installations_have_reasons_in_every_language(subscribed):
    _, installation, _, _ = subscribed
    japanese = retention.reasons(installation, "ja")
    assert [reason["code"] for reason in japanese] == ["too_much", "too_expensive", "moving", "quality", "other"]
    assert japanese[0]["label"] == "商品が余っている"
    assert retention.reasons(installation, "zh-hant")[3]["label"] == "對品質不滿意"
    assert retention.reasons(installation, "en")[1]["label"] == "It is too expensive"


def test_each_reasons_offer_is_shown_at_most_once_per_cooldown(offers):
    _, installation, subscription, _ = offers
    first = _start(subscription, "too_much")
    assert (first.offer_kind, first.offer) == ("skip", {"kind": "skip", "date": "2027-02-28", "next": "2027-03-31"})
    assert retention.offer_text(first, "ja") == "2027年2月28日のお届けをお休みできます。次回のお届けは2027年3月31日です。"
    assert _start(subscription, "too_much", DAY(2027, 2, 5)).offer_kind == ""  # shown 4 days ago, cooldown 10
    assert _start(subscription, "price", DAY(2027, 2, 5)).offer_kind == "percent_off"  # another kind
    assert _start(subscription, "too_much", DAY(2027, 2, 11)).offer_kind == "skip"
    assert _start(subscription, "other").offer_kind == ""  # no offer configured


def test_an_offer_that_cannot_be_kept_is_not_shown(offers):
    _, installation, subscription, _ = offers
    assert _start(subscription, "often").offer_kind == ""  # the product has no longer plan
    reasons = [{**REASONS[1], "offer": {"kind": "delay", "days": 40}}]  # past the following delivery
    installation_settings.update(installation, {"cancellation_reasons": reasons})
    assert _start(subscription, "busy").offer_kind == ""


def test_accepting_a_skip_skips_the_next_delivery(offers):
    standin, installation, subscription, fake = offers
    attempt = _start(subscription, "too_much")
    subscription = retention.accept(attempt, today=DAY(2027, 2, 1))
    assert subscription.next_renewal_on == DAY(2027, 3, 31) and subscription.status == "active"
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0
    attempt.refresh_from_db()
    assert attempt.outcome == "saved" and attempt.decided_at is not None
    assert installation.events.get(type="subscription.retained").data["reason"] == "too_much"


def test_accepting_a_delay_moves_only_the_next_delivery(offers):
    _, installation, subscription, _ = offers
    subscription = retention.accept(_start(subscription, "busy"), today=DAY(2027, 2, 2))
    assert subscription.next_renewal_on == DAY(2027, 3, 14)
    assert runs.run_due(installation, DAY(2027, 3, 14)) == 1
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 3, 31)


def test_accepting_a_longer_interval_moves_to_the_longer_plan(offers):
    standin, installation, subscription, _ = offers
    bimonthly = {**TRIAL_TERMS, "schedule": {"interval_unit": "month", "interval_count": 2},
                 "texts": {"en": {"name": "Every two months"}, "zh-hant": {"name": "隔月定期配送"}}}
    create_plan(installation, product_id=standin.products[0]["id"], code="bimonthly", terms=bimonthly)
    create_plan(installation, product_id=standin.products[0]["id"], code="quarterly",
                terms={**TRIAL_TERMS, "schedule": {"interval_unit": "month", "interval_count": 3}})
    attempt = _start(subscription, "often")
    assert attempt.offer["plan"] == "bimonthly"  # the next longer one
    assert retention.offer_text(attempt, "zh-hant") == "可改為配送間隔更長的「隔月定期配送」。"
    subscription = retention.accept(attempt, today=DAY(2027, 2, 1))
    assert subscription.plan.code == "bimonthly" and subscription.next_renewal_on == DAY(2027, 2, 28)
    runs.run_due(installation, DAY(2027, 2, 28))
    subscription.refresh_from_db()
    assert subscription.next_renewal_on == DAY(2027, 4, 28)


def test_percent_off_takes_the_discount_off_exactly_the_next_m_deliveries(offers):
    standin, installation, subscription, fake = offers
    retention.accept(_start(subscription, "price"), today=DAY(2027, 2, 1))
    runs.run_due(installation, DAY(2027, 2, 28))  # delivery 2: 10 % off
    actions.skip_next(subscription, actor=CUSTOMER, today=DAY(2027, 3, 1))  # a skipped delivery uses none of it
    assert runs.run_due(installation, DAY(2027, 3, 31)) == 0
    runs.run_due(installation, DAY(2027, 4, 30))  # delivery 3: 10 % off
    runs.run_due(installation, DAY(2027, 5, 31))  # delivery 4: the regular price again
    orders = renewal_orders(standin)
    assert [o["input"]["lines"][0]["price"] for o in orders] == ["5400", "5400", "6000"]
    assert [charge["amount"] for charge in fake.charges] == [5900, 5900, 6500]  # shipping ¥500 never discounted
    assert orders[0]["metadata"]["subscription.discount"] == "10% off, delivery 1 of 2 (cancellation offer, reason price)"
    assert "subscription.discount" not in orders[2]["metadata"]


def test_percent_off_on_bulk_orders_shows_the_undiscounted_price(bulk, offers):  # noqa: F811
    standin, installation, subscription, fake = bulk
    retention.accept(_start(subscription, "price"), today=DAY(2027, 2, 1))
    for day in (DAY(2027, 2, 28), DAY(2027, 3, 31), DAY(2027, 4, 30)):
        runs.run_due(installation, day)
    orders = renewal_orders(standin)
    assert {o["origin"] for o in orders} == {"BULK_CREATE"}
    lines = [o["input"]["lines"][0] for o in orders]
    assert [line["totalPrice"]["gross"] for line in lines] == ["5400", "5400", "6000"]
    assert [line["undiscountedTotalPrice"]["gross"] for line in lines] == ["6000", "6000", "6000"]
    assert [charge["amount"] for charge in fake.charges] == [5900, 5900, 6500]


def test_a_discount_accepted_while_a_worker_orders_the_next_delivery_starts_with_the_one_after(offers):
    standin, installation, subscription, fake = offers
    attempt = _start(subscription, "price", DAY(2027, 2, 20))
    Subscription.objects.filter(pk=subscription.pk).update(lease_owner="worker-1",
                                                          lease_until=timezone.now() + datetime.timedelta(minutes=5))
    retention.accept(attempt, today=DAY(2027, 2, 20))
    attempt.refresh_from_db()
    assert attempt.discount_first_cycle == 3  # the order being made keeps its price
    Subscription.objects.filter(pk=subscription.pk).update(lease_owner="", lease_until=None)
    for day in (DAY(2027, 2, 28), DAY(2027, 3, 31), DAY(2027, 4, 30), DAY(2027, 5, 31)):
        runs.run_due(installation, day)
    assert [charge["amount"] for charge in fake.charges] == [6500, 5900, 5900, 6500]


def test_declining_cancels_with_the_reason_recorded(offers):
    standin, installation, subscription, fake = offers
    attempt = _start(subscription, "too_much", text="  We are away all spring  ")
    subscription = retention.decline(attempt, at_period_end=False, today=DAY(2027, 2, 1))
    assert subscription.status == "cancelled"
    attempt.refresh_from_db()
    assert (attempt.outcome, attempt.offer_kind, attempt.text) == ("cancelled", "skip", "We are away all spring")
    event = installation.events.get(type="subscription.cancelled")
    assert (event.actor, event.actor_id, event.data["reason"]) == ("customer", HANAKO, "too_much: We are away all spring")
    assert runs.run_due(installation, DAY(2027, 2, 28)) == 0 and renewal_orders(standin) == []


def test_without_an_offer_the_reason_leads_straight_to_cancelling(offers):
    _, installation, subscription, _ = offers
    attempt = _start(subscription, "other")
    assert attempt.offer_kind == "" and attempt.offer == {}
    with pytest.raises(InputError) as error:
        retention.accept(attempt, today=DAY(2027, 2, 1))
    assert error.value.code == "not_available"
    subscription = retention.decline(attempt, at_period_end=True, today=DAY(2027, 2, 1))
    assert subscription.cancel_at_period_end
    with pytest.raises(InputError) as error:
        retention.decline(attempt, at_period_end=False, today=DAY(2027, 2, 1))
    assert error.value.code == "decided" and error_message(error.value, "ja") == "この解約のお手続きは完了しています。"


def test_an_offer_is_accepted_once_and_only_while_fresh(offers):
    _, installation, subscription, _ = offers
    stale = _start(subscription, "too_much")
    assert retention.attempt_of(subscription, str(stale.pk)) == stale
    other = Subscription.objects.create(**{f.attname: getattr(subscription, f.attname) for f in Subscription._meta.concrete_fields
                                           if f.attname not in ("id", "created_at", "updated_at")} | {"origin_order_id": "other"})
    for foreign in ((other, stale.pk), (subscription, "1" * 40), (subscription, "x")):
        with pytest.raises(InputError) as error:
            retention.attempt_of(*foreign)
        assert error.value.code == "not_found"
    with pytest.raises(InputError) as error:
        retention.accept(stale, today=DAY(2027, 2, 3))
    assert error.value.code == "not_available"
    fresh = _start(subscription, "price")
    assert retention.offer_text(fresh, "en") == "10% off your next 2 deliveries."
    retention.accept(fresh, today=DAY(2027, 2, 1))
    with pytest.raises(InputError) as error:
        retention.accept(fresh, today=DAY(2027, 2, 1))
    assert error.value.code == "decided"


def test_an_unknown_reason_or_too_long_a_text_is_refused_in_the_customers_language(offers):
    _, installation, subscription, _ = offers
    with pytest.raises(InputError) as error:
        _start(subscription, "bored")
    assert error_message(error.value, "ja") == "表示されている理由から1つお選びください。"
    with pytest.raises(InputError) as error:
        _start(subscription, "other", text="x" * 1001)
    assert error.value.code == "too_long"
    assert not CancellationAttempt.objects.exists()


@pytest.mark.parametrize("language, expected", [
    ("ja", "この定期便は3回以上のお受け取りが条件です（これまで1回）。2027年4月1日以降に解約できます。"),
    ("en", "This plan is for at least 3 deliveries (1 so far): you can cancel from April 1, 2027 on."),
])
def test_a_commitment_refusal_names_the_day_cancelling_becomes_possible(offers, language, expected):
    _, installation, subscription, _ = offers
    version = revise_plan(subscription.plan, {**TRIAL_TERMS, "min_commitment": 3})
    subscription.lines.update(plan_version=version)
    with pytest.raises(LifecycleError) as error:
        _start(subscription, "price")
    assert error.value.code == "commitment" and error_message(error.value, language) == expected
    assert not CancellationAttempt.objects.exists()  # no offer before cancelling is possible


@pytest.mark.parametrize("language, expected", [
    ("ja", "2027年2月28日のお届け分の変更・解約の受付は、お届けの7日前（2027年2月21日）で締め切りました。"
           "2027年3月1日以降は、その次のお届けから変更・解約できます。"),
    ("en", "Changes to the delivery of February 28, 2027 closed on February 21, 2027, 7 days before it. "
           "From March 1, 2027 on, you can change or cancel the deliveries after it."),
])
def test_a_cut_off_refusal_names_the_day_changes_reopen(offers, language, expected):
    _, installation, subscription, _ = offers
    with pytest.raises(LifecycleError) as error:
        _start(subscription, "too_much", DAY(2027, 2, 25))
    assert error.value.code == "past_cutoff" and error_message(error.value, language) == expected


def test_the_figures_count_attempts_offers_and_outcomes_per_reason(offers):
    _, installation, subscription, _ = offers
    retention.accept(_start(subscription, "too_much"), today=DAY(2027, 2, 1))  # shown skip, saved
    _start(subscription, "too_much", DAY(2027, 2, 5))  # skip in cooldown: no offer, abandoned
    retention.decline(_start(subscription, "price", DAY(2027, 3, 2)), at_period_end=True, today=DAY(2027, 3, 2))
    _start(subscription, "other", DAY(2027, 1, 31))  # outside the range
    figures = retention.figures(installation, since=DAY(2027, 2, 1), until=DAY(2027, 4, 30), language="ja")
    assert [(f["reason"], f["label"], f["attempts"], f["saved"], f["cancelled"], f["abandoned"]) for f in figures] == [
        ("too_much", "余っている", 2, 1, 0, 1), ("price", "高い", 1, 0, 1, 0)]
    assert figures[0]["offers_shown"] == {"skip": 1, "delay": 0, "longer_interval": 0, "percent_off": 0}
    assert figures[0]["offers_accepted"]["skip"] == 1 and figures[1]["offers_shown"]["percent_off"] == 1


def test_the_customers_overview_shows_the_next_delivery_as_discounted(offers):
    from saleor_subscriptions.customers.overview import overview

    standin, installation, subscription, fake = offers
    retention.accept(_start(subscription, "price"), today=DAY(2027, 2, 1))
    subscription.refresh_from_db()
    upcoming = overview(subscription, "ja")["next_delivery"]
    assert (upcoming["lines"][0]["unit_price"]["formatted"], upcoming["total"]["amount"]) == ("￥5,400", D("5900"))
    runs.run_due(installation, DAY(2027, 2, 28))
    assert fake.charges[0]["amount"] == 5900  # as shown


def test_a_cut_off_as_long_as_the_interval_names_no_day_it_cannot_keep(offers):
    _, installation, subscription, _ = offers
    installation_settings.update(installation, {"change_cutoff_days": 31})  # every monthly delivery is always closed
    with pytest.raises(LifecycleError) as error:
        _start(subscription, "too_much")
    assert error_message(error.value, "en") == "Changes to the delivery of February 28, 2027 closed on January 28, 2027, 31 days before it."
