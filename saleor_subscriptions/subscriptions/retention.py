"""Cancellation with retention offers: the customer's reason, at most one offer, and how it ended.

The flow never makes cancelling harder than subscribing: choose a reason (`start`, which shows the
reason's offer if there is one), then either take the offer (`accept`) or cancel (`decline`) — two
clicks. Each kind of offer is shown to a subscription at most once per the installation's cooldown,
and only when it can be kept (a skip before the cut-off, a longer plan that exists, ...).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ..core.dates import format_day
from ..core.errors import InputError
from ..core.models import record_event
from ..installations.cancellation import OFFER_KINDS, Reason
from ..plans.models import Plan
from ..plans.terms import IntervalUnit
from . import actions
from .calendar import next_open_day, slot_date
from .models import CancellationAttempt, Renewal, Subscription

TEXT_LENGTH = CancellationAttempt._meta.get_field("text").max_length
OFFER_VALID = datetime.timedelta(days=1)  # an offer shown is accepted the same or the next day, else started again
OFFERABLE = (Subscription.Status.TRIALING, Subscription.Status.ACTIVE)
UNIT_DAYS = {IntervalUnit.DAY: 1, IntervalUnit.WEEK: 7, IntervalUnit.MONTH: 30}
Outcome = CancellationAttempt.Outcome


def _reasons(installation) -> list[Reason]:
    return [Reason.model_validate(reason) for reason in installation.cancellation_reasons]


def reasons(installation, language: str) -> list[dict]:
    """What a customer chooses from, in `language`: [{code, label}], in the merchant's order."""
    return [{"code": reason.code, "label": reason.label(language, installation.default_language)}
            for reason in _reasons(installation)]


def label(installation, code: str, language: str) -> str:
    """A reason's words; a reason the merchant has since removed keeps its code."""
    reason = next((reason for reason in _reasons(installation) if reason.code == code), None)
    return reason.label(language, installation.default_language) if reason else code


def start(subscription, reason: str, *, text: str = "", actor, actor_id: str = "", today: datetime.date) -> CancellationAttempt:
    """Record that the customer set out to cancel and why; the attempt carries the offer to show (`offer_kind` empty: none).

    Raises the refusal cancelling would meet now (commitment, cut-off: each naming the day it becomes possible).
    """
    subscription = Subscription.objects.select_related("installation", "plan").get(pk=subscription.pk)
    actions.check_cancel(subscription, actor=actor, today=today)
    chosen = next((choice for choice in _reasons(subscription.installation) if choice.code == reason), None)
    if chosen is None:
        raise InputError("reason", "invalid", f"choose one of the reasons offered, not {reason[:40]!r}", words="reason_unknown")
    text = text.strip()
    if len(text) > TEXT_LENGTH:
        raise InputError("text", "too_long", f"at most {TEXT_LENGTH} characters", limit=TEXT_LENGTH)
    offer = _offer(subscription, chosen, today)
    return CancellationAttempt.objects.create(
        installation=subscription.installation, subscription=subscription, reason=chosen.code, text=text,
        offer_kind=offer["kind"] if offer else "", offer=offer or {}, actor=actor, actor_id=actor_id, on=today)


def _offer(subscription, reason: Reason, today: datetime.date) -> dict | None:
    """The reason's offer as it would change this subscription, if it can be kept and was not shown lately."""
    configured = reason.offer
    if configured is None or subscription.status not in OFFERABLE or subscription.next_renewal_on is None \
            or subscription.cancel_at_period_end:
        return None
    cooldown = datetime.timedelta(days=subscription.installation.offer_cooldown_days)
    if CancellationAttempt.objects.filter(subscription=subscription, offer_kind=configured.kind,
                                          on__gt=today - cooldown).exists():
        return None
    following = slot_date(subscription, subscription.deliveries + 2 + subscription.skipped)
    if configured.kind == "skip":
        return {"kind": "skip", "date": str(subscription.next_renewal_on), "next": str(following)}
    if configured.kind == "delay":
        moved = next_open_day(subscription.installation, subscription.next_renewal_on + datetime.timedelta(days=configured.days))
        if moved >= following:
            return None
        return {"kind": "delay", "days": configured.days, "date": str(subscription.next_renewal_on), "to": str(moved)}
    if configured.kind == "longer_interval":
        plan = _longer_plan(subscription, configured.plan)
        return {"kind": "longer_interval", "plan": plan.code, "plan_id": plan.pk} if plan else None
    return {"kind": "percent_off", "percent": str(configured.percent), "deliveries": configured.deliveries}


def _interval_days(terms) -> int:
    return UNIT_DAYS[terms.schedule.interval_unit] * terms.schedule.interval_count


def _longer_plan(subscription, code: str | None) -> Plan | None:
    """The plan named (else the product's next longer one) if it is offered, longer, and takes the subscription as it is."""
    current = _interval_days(subscription.lines.select_related("plan_version").first().plan_version.terms)
    plans = (Plan.objects.filter(product_id=subscription.plan.product_id, is_archived=False, product__is_subscribable=True)
             .exclude(pk=subscription.plan_id))
    if code is not None:
        plans = plans.filter(code=code)
    quantities = list(subscription.lines.values_list("quantity", flat=True))
    candidates = []
    for plan in plans:
        terms = plan.current_version.terms
        fits = subscription.payment_kind in terms.payment_methods and all(
            quantity >= terms.min_quantity and not (terms.max_quantity and quantity > terms.max_quantity) for quantity in quantities)
        if fits and _interval_days(terms) > current:
            candidates.append((_interval_days(terms), plan.pk, plan))
    return min(candidates)[2] if candidates else None


OFFER_TEXTS = {
    "skip": {"en": "Skip the delivery of {date}: the next one comes on {next}.",
             "ja": "{date}のお届けをお休みできます。次回のお届けは{next}です。",
             "zh-hans": "可跳过{date}的配送，下次配送为{next}。",
             "zh-hant": "可略過{date}的配送，下次配送為{next}。"},
    "delay": {"en": "Move the delivery of {date} to {to}.",
              "ja": "{date}のお届けを{to}に延期できます。",
              "zh-hans": "可将{date}的配送延至{to}。",
              "zh-hant": "可將{date}的配送延至{to}。"},
    "longer_interval": {"en": "Switch to “{plan}”, with more time between deliveries.",
                        "ja": "お届け間隔の長い「{plan}」に変更できます。",
                        "zh-hans": "可改为配送间隔更长的“{plan}”。",
                        "zh-hant": "可改為配送間隔更長的「{plan}」。"},
    "percent_off": {"en": "{percent}% off your next {deliveries} deliveries.",
                    "ja": "次回から{deliveries}回分のお届けが{percent}%オフになります。",
                    "zh-hans": "接下来{deliveries}次配送享{percent}%折扣。",
                    "zh-hant": "接下來{deliveries}次配送享{percent}%折扣。"},
}


def offer_text(attempt, language: str) -> str:
    """The offer shown, in the customer's words of `language`; empty when the attempt shows none."""
    offer = attempt.offer
    if not attempt.offer_kind:
        return ""
    values = {name: format_day(offer[name], language) for name in ("date", "next", "to") if name in offer}
    if attempt.offer_kind == "longer_interval":
        plan = Plan.objects.filter(pk=offer["plan_id"]).first()
        values["plan"] = plan.current_version.terms.text(language, attempt.subscription.installation.default_language).name \
            if plan else offer["plan"]
    if attempt.offer_kind == "percent_off":
        values.update(percent=f"{Decimal(offer['percent']).normalize():f}", deliveries=offer["deliveries"])
    return OFFER_TEXTS[attempt.offer_kind][language].format(**values)


def attempt_of(subscription, attempt_id) -> CancellationAttempt:
    """The attempt `attempt_id` (a form's or the API's) of this subscription; any other id is "not found"."""
    text = str(attempt_id)
    attempt = (CancellationAttempt.objects.filter(subscription_id=subscription.pk, pk=int(text)).select_related("subscription").first()
               if text.isascii() and text.isdigit() and len(text) <= 18 else None)
    if attempt is None:
        raise InputError("attemptId", "not_found", "no such cancellation for this subscription", words="attempt_not_found")
    return attempt


def _locked(attempt) -> CancellationAttempt:
    locked = CancellationAttempt.objects.select_for_update().select_related("subscription__installation").get(pk=attempt.pk)
    if locked.outcome != Outcome.ABANDONED:
        raise InputError("attempt", "decided", f"this cancellation was already {locked.outcome}", words=f"decided.{locked.outcome}")
    return locked


def _gone() -> InputError:
    return InputError("offer", "not_available", "this offer is no longer available")


@transaction.atomic
def accept(attempt, *, today: datetime.date) -> Subscription:
    """Apply the offer shown (through the same actions customers use) and record the subscription saved."""
    attempt = _locked(attempt)
    offer, subscription = attempt.offer, attempt.subscription
    if not attempt.offer_kind or today > attempt.on + OFFER_VALID:
        raise _gone()
    who = {"actor": attempt.actor, "actor_id": attempt.actor_id, "today": today}
    if attempt.offer_kind in ("skip", "delay") and str(subscription.next_renewal_on) != offer["date"]:
        raise _gone()  # the next delivery moved since the offer was shown
    if attempt.offer_kind == "skip":
        subscription = actions.skip_next(subscription, **who)
    elif attempt.offer_kind == "delay":
        subscription = actions.reschedule_next(subscription, datetime.date.fromisoformat(offer["to"]), **who)
    elif attempt.offer_kind == "longer_interval":
        plan = Plan.objects.filter(pk=offer["plan_id"], installation=subscription.installation).first()
        if plan is None:
            raise _gone()
        subscription = actions.change_plan(subscription, plan, **who)
    else:
        subscription = _discount(attempt, subscription)
    attempt.outcome, attempt.decided_at = Outcome.SAVED, timezone.now()
    attempt.save(update_fields=["outcome", "decided_at", "discount_first_cycle"])
    record_event(subscription.installation, "subscription.retained", actor=attempt.actor, actor_id=attempt.actor_id,
                 subscription=subscription.pk, reason=attempt.reason, offer=offer)
    return subscription


def _discount(attempt, subscription) -> Subscription:
    """The discount starts on the next delivery no worker is ordering or has ordered: an order keeps the price it was made with.

    The row lock keeps workers from claiming the subscription until the attempt is committed.
    """
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.status not in OFFERABLE or subscription.cancel_at_period_end:
        raise _gone()
    first = subscription.deliveries + 1
    leased = subscription.lease_until is not None and subscription.lease_until > timezone.now()
    if leased or Renewal.objects.filter(subscription=subscription, cycle=first).exclude(saleor_order_id="").exists():
        first += 1
    attempt.discount_first_cycle = first
    record_event(subscription.installation, "subscription.discounted", actor=attempt.actor, actor_id=attempt.actor_id,
                 subscription=subscription.pk, percent=attempt.offer["percent"], deliveries=attempt.offer["deliveries"],
                 first_delivery=first)
    return subscription


@transaction.atomic
def decline(attempt, *, at_period_end: bool, today: datetime.date) -> Subscription:
    """Cancel (now, or at the end of the paid period) with the reason recorded; the offer, if any, was turned down."""
    attempt = _locked(attempt)
    reason = f"{attempt.reason}: {attempt.text}" if attempt.text else attempt.reason
    subscription = actions.cancel(attempt.subscription, at_period_end=at_period_end, actor=attempt.actor,
                                  actor_id=attempt.actor_id, today=today, reason=reason)
    attempt.outcome, attempt.at_period_end, attempt.decided_at = Outcome.CANCELLED, at_period_end, timezone.now()
    attempt.save(update_fields=["outcome", "at_period_end", "decided_at"])
    return subscription


def figures(installation, *, since: datetime.date, until: datetime.date, language: str, channel: str | None = None) -> list[dict]:
    """Per reason, attempts from `since` to `until` (inclusive), of subscriptions in `channel` if given: offers shown and
    accepted per kind, saved, cancelled, abandoned."""
    attempts = CancellationAttempt.objects.filter(installation=installation, on__gte=since, on__lte=until)
    if channel is not None:
        attempts = attempts.filter(subscription__channel_slug=channel)
    rows = (attempts
            .values("reason", "offer_kind", "outcome").annotate(count=Count("id")))
    order = [reason["code"] for reason in reasons(installation, language)]
    result: dict[str, dict] = {}
    for row in rows:
        figure = result.setdefault(row["reason"], {
            "reason": row["reason"], "label": label(installation, row["reason"], language), "attempts": 0,
            "offers_shown": dict.fromkeys(OFFER_KINDS, 0), "offers_accepted": dict.fromkeys(OFFER_KINDS, 0),
            **dict.fromkeys(Outcome.values, 0)})
        figure["attempts"] += row["count"]
        figure[row["outcome"]] += row["count"]
        if row["offer_kind"]:
            figure["offers_shown"][row["offer_kind"]] += row["count"]
            if row["outcome"] == Outcome.SAVED:
                figure["offers_accepted"][row["offer_kind"]] += row["count"]
    return sorted(result.values(), key=lambda figure: (order.index(figure["reason"]) if figure["reason"] in order
                                                       else len(order), figure["reason"]))
