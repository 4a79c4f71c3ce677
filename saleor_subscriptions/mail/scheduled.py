"""Mails sent on a date rather than on an event: renewal reminders, trial endings, the merchant's daily digest."""

import datetime
from collections import Counter

from ..core.models import Event
from ..plans.pricing import PricingError, price_line
from ..renewals.engine import today_in
from ..subscriptions.models import Subscription
from . import sending
from .context import subscription_context
from .notifications import BILLING_EVENTS, billing_line
from .templates import render


def _trial_regular_amount(subscription: Subscription):
    """The price of the first delivery after the trial, when the next delivery is that one."""
    cycle = subscription.deliveries + 1
    total = 0
    for line in subscription.lines.select_related("plan_version"):
        terms = line.plan_version.terms
        if not terms.trial or cycle != terms.trial.deliveries + 1:
            return None
        try:
            total += price_line(terms, currency=subscription.currency, quantity=line.quantity, delivery=cycle).total
        except PricingError:
            return None  # priced off the list price: only Saleor knows it on the day
    return total


def send_reminders(installation, today: datetime.date) -> int:
    """N days before each renewal (installation.reminder_days): an upcoming-delivery or trial-ending mail."""
    if not installation.reminder_days:
        return 0
    day = today + datetime.timedelta(days=installation.reminder_days)
    sent = 0
    for subscription in Subscription.objects.filter(installation=installation, next_renewal_on=day, status__in=(
            Subscription.Status.TRIALING, Subscription.Status.ACTIVE)).select_related("installation"):
        regular = _trial_regular_amount(subscription)
        kind = "upcoming" if regular is None else "trial_ending"
        context = {**subscription_context(subscription), "regular_amount": regular,
                   "change_until": day - datetime.timedelta(days=installation.change_cutoff_days)}
        rendered = render(kind, subscription.language, context, installation=installation)
        if sending.queue(installation, key=f"reminder-{subscription.pk}-{day}", kind=kind, to=subscription.email,
                         rendered=rendered, subscription_id=subscription.pk):
            sent += 1
    return sent


def send_digest(installation, day: datetime.date) -> bool:
    """The day's billing results in one mail to the merchant (merchant_notifications = daily)."""
    if installation.merchant_notifications != "daily" or not installation.merchant_email:
        return False
    events = [event for event in Event.objects.filter(installation=installation, type__in=BILLING_EVENTS,
                                                      created_at__date__gte=day - datetime.timedelta(days=1),
                                                      created_at__date__lte=day + datetime.timedelta(days=1))
              if today_in(installation, event.created_at) == day]
    if not events:
        return False
    results = [billing_line(event) for event in events]
    context = {"day": day, "results": results, "counts": dict(Counter(result["type"] for result in results)),
               "sender": sending.sender(installation)}
    rendered = render("merchant_digest", installation.default_language, context, installation=installation)
    return sending.queue(installation, key=f"digest-{day}", kind="merchant_digest", to=installation.merchant_email,
                         rendered=rendered) is not None
