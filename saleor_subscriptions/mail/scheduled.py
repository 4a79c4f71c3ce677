"""Mails sent on a date rather than on an event: renewal reminders, trial endings, the merchant's daily digest."""

import datetime
from collections import Counter

from ..core.models import Event
from ..plans.pricing import PricingError, price_line
from ..renewals.engine import today_in
from ..subscriptions.actions import change_deadline
from ..subscriptions.models import Subscription
from . import sending
from .context import one_time_items_context, subscription_context
from .models import MailLog
from .notifications import BILLING_EVENTS, billing_lines
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


def reminder_window(installation, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The next-delivery dates to remind of today: `reminder_days` ahead, but always while changes are still open.

    A reminder goes out at the latest the day before the change deadline (cut-off minus one day), so
    the deadline it states is never past and its cancel link still works; a missed day is caught up
    until then.
    """
    cutoff = installation.change_cutoff_days
    return today + datetime.timedelta(days=cutoff + 1), today + datetime.timedelta(days=max(installation.reminder_days, cutoff + 1))


def send_reminders(installation, today: datetime.date) -> int:
    """Before each renewal (see `reminder_window`): an upcoming-delivery or trial-ending mail, once per delivery."""
    if not installation.reminder_days:
        return 0
    first, last = reminder_window(installation, today)
    sent = 0
    for subscription in Subscription.objects.filter(installation=installation, next_renewal_on__range=(first, last), status__in=(
            Subscription.Status.TRIALING, Subscription.Status.ACTIVE)):
        subscription.installation = installation  # the deadline stated is the window's
        key = f"reminder-{subscription.pk}-{subscription.next_renewal_on}"
        if MailLog.objects.filter(installation=installation, key=key).exists():
            continue  # reminded already (the window spans several days)
        regular = _trial_regular_amount(subscription)
        kind = "upcoming" if regular is None else "trial_ending"
        context = {**subscription_context(subscription), **one_time_items_context(subscription), "regular_amount": regular,
                   "change_until": change_deadline(subscription)}
        rendered = render(kind, subscription.language, context, installation=installation)
        if sending.queue(installation, key=key, kind=kind, to=subscription.email, rendered=rendered, subscription_id=subscription.pk):
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
    language = installation.default_language
    results = billing_lines(events, language)
    context = {"day": day, "results": results, "counts": dict(Counter(result["label"] for result in results)),
               "sender": sending.sender(installation)}
    rendered = render("merchant_digest", language, context, installation=installation)
    return sending.queue(installation, key=f"digest-{day}", kind="merchant_digest", to=installation.merchant_email,
                         rendered=rendered) is not None
