"""What each CSV export holds: its columns and its rows, read for one installation in constant memory.

Every query starts from the installation (a shop's rows only) and reads plain tuples with `.iterator(chunk_size=…)`:
a server-side cursor on PostgreSQL, so a file of millions of rows never sits in memory, and no model per row. Optional filters: a channel
(slug) and a range of the shop's days (inclusive), applied to each export's own date.
"""

import dataclasses
import datetime
import zoneinfo
from collections.abc import Callable, Iterator
from decimal import Decimal

from ..core.money import quantize
from ..funnels.models import Enrolment
from ..installations.cancellation import Reason
from ..installations.models import Installation
from ..mail.models import MailLog
from ..payments.offline import own_reference
from ..subscriptions.models import CancellationAttempt, Renewal, Subscription, payment_status

CHUNK = 2000  # rows fetched per round trip of the server-side cursor


@dataclasses.dataclass(frozen=True)
class Scope:
    installation: Installation
    language: str
    channel: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.installation.time_zone)

    def days(self, queryset, field: str):
        """Rows whose date `field` falls in the range."""
        if self.since:
            queryset = queryset.filter(**{f"{field}__gte": self.since})
        if self.until:
            queryset = queryset.filter(**{f"{field}__lte": self.until})
        return queryset

    def moments(self, queryset, field: str):
        """Rows whose moment `field` falls on a day of the range in the shop's time zone."""
        if self.since:
            queryset = queryset.filter(**{f"{field}__gte": datetime.datetime.combine(self.since, datetime.time(), self.zone)})
        if self.until:
            end = datetime.datetime.combine(self.until + datetime.timedelta(days=1), datetime.time(), self.zone)
            queryset = queryset.filter(**{f"{field}__lt": end})
        return queryset

    def local(self, moment: datetime.datetime | None) -> str:
        return moment.astimezone(self.zone).isoformat() if moment else ""


def _amount(amount, currency: str) -> Decimal | None:
    """A plain decimal at the currency's precision (6000, 60.00), no symbol, no grouping."""
    return None if amount is None or not currency else quantize(amount, currency)


def _subscriptions(scope: Scope) -> Iterator[tuple]:
    rows = Subscription.objects.filter(installation=scope.installation)
    if scope.channel:
        rows = rows.filter(channel_slug=scope.channel)
    local = scope.local
    for row in scope.days(rows, "started_on").order_by("started_on", "pk").values_list(
            "pk", "status", "origin", "email", "customer_id", "channel_slug", "currency", "plan__code", "payment_kind",
            "origin_order_id", "started_on", "deliveries", "next_renewal_on", "cancel_at_period_end", "paused_until",
            "ended_at", "created_at").iterator(chunk_size=CHUNK):
        yield (*row[:15], local(row[15]), local(row[16]))


def _renewal_rows(scope: Scope, *fields: str):
    rows = Renewal.objects.filter(subscription__installation=scope.installation)
    if scope.channel:
        rows = rows.filter(subscription__channel_slug=scope.channel)
    return scope.days(rows, "scheduled_for").order_by("scheduled_for", "pk").values_list(
        "pk", "subscription_id", "cycle", "scheduled_for", "state", "payment_kind", "paid_at", "payment_intent_id", "amount",
        "currency", "subscription__currency", "subscription__payment_kind", *fields)


def _renewals(scope: Scope) -> Iterator[tuple]:
    for (pk, subscription, cycle, day, state, kind, paid_at, intent, amount, currency, subscription_currency, method,
         attempts, decline, number, order, email, channel, created_at) in _renewal_rows(
            scope, "attempts", "decline_code", "saleor_order_number", "saleor_order_id", "subscription__email",
            "subscription__channel_slug", "created_at").iterator(chunk_size=CHUNK):
        currency = currency or subscription_currency
        # a cycle charged or declined without a pending payment was a card's; one not tried yet uses today's method
        method = kind or ("card" if intent or attempts else method)
        yield (pk, subscription, cycle, day, state, payment_status(state, kind, paid_at, intent), _amount(amount, currency),
               currency, method, attempts, decline, number, order, email, channel, scope.local(created_at))


def _payments(scope: Scope) -> Iterator[tuple]:
    """Renewals a payment was made, requested or tried for (cards charged or declined, cash, transfers, konbini)."""
    installation = scope.installation
    tried = _renewal_rows(scope, "saleor_order_number", "decline_code", "attempts", "subscription__email",
                          "subscription__channel_slug").exclude(attempts=0, payment_kind="", payment_intent_id="")
    for (pk, subscription, cycle, day, state, kind, paid_at, intent, amount, currency, subscription_currency, method,
         number, decline, attempts, email, channel) in tried.iterator(chunk_size=CHUNK):
        currency = currency or subscription_currency
        # cash, transfers and konbini: the reference the order's transaction carries
        reference = own_reference(Renewal(subscription=Subscription(pk=subscription, installation=installation), cycle=cycle,
                                          payment_kind=kind, payment_intent_id=intent)) if kind else intent
        yield (pk, subscription, cycle, number, kind or "card", reference, payment_status(state, kind, paid_at, intent),
               _amount(amount, currency), currency, decline, attempts, day, scope.local(paid_at), email, channel)


def _mails(scope: Scope) -> Iterator[tuple]:
    """The mail log; with a channel, only mails about that channel's subscriptions."""
    rows = MailLog.objects.filter(installation=scope.installation)
    if scope.channel:
        rows = rows.filter(subscription_id__in=Subscription.objects.filter(
            installation=scope.installation, channel_slug=scope.channel).values("pk"))
    local = scope.local
    for pk, created_at, sent_at, *rest in scope.moments(rows, "created_at").order_by("created_at", "pk").values_list(
            "pk", "created_at", "sent_at", "kind", "to", "language", "subject", "status", "attempts",
            "subscription_id").iterator(chunk_size=CHUNK):
        yield (pk, local(created_at), local(sent_at), *rest)


def _enrolments(scope: Scope) -> Iterator[tuple]:
    rows = Enrolment.objects.filter(funnel__installation=scope.installation)
    if scope.channel:
        rows = rows.filter(channel_slug=scope.channel)
    for *row, created_at in scope.days(rows, "purchased_on").order_by("purchased_on", "pk").values_list(
            "pk", "funnel__name", "email", "customer_id", "language", "channel_slug", "currency", "order_id", "purchased_on",
            "status", "steps_sent", "converted_step", "subscription_id", "created_at").iterator(chunk_size=CHUNK):
        yield (*row, scope.local(created_at))


def _cancellations(scope: Scope) -> Iterator[tuple]:
    installation = scope.installation
    labels = {reason.code: reason.label(scope.language, installation.default_language)
              for reason in map(Reason.model_validate, installation.cancellation_reasons)}
    rows = CancellationAttempt.objects.filter(installation=installation)
    if scope.channel:
        rows = rows.filter(subscription__channel_slug=scope.channel)
    for pk, on, subscription, email, channel, reason, *rest, decided_at in scope.days(rows, "on").order_by(
            "on", "pk").values_list("pk", "on", "subscription_id", "subscription__email", "subscription__channel_slug",
                                    "reason", "text", "offer_kind", "outcome", "at_period_end", "actor",
                                    "decided_at").iterator(chunk_size=CHUNK):
        yield (pk, on, subscription, email, channel, reason, labels.get(reason, reason), *rest, scope.local(decided_at))


@dataclasses.dataclass(frozen=True)
class Export:
    columns: tuple[str, ...]
    rows: Callable[[Scope], Iterator[tuple]]


EXPORTS = {
    "subscriptions": Export(("subscription_id", "status", "origin", "email", "customer_id", "channel", "currency", "plan",
                             "payment_method", "first_order_id", "started_on", "deliveries", "next_delivery_on",
                             "cancel_at_period_end", "paused_until", "ended_at", "created_at"), _subscriptions),
    "renewals": Export(("renewal_id", "subscription_id", "delivery", "scheduled_for", "state", "payment_status", "amount",
                        "currency", "payment_method", "attempts", "decline_code", "order_number", "order_id", "email",
                        "channel", "created_at"), _renewals),
    "payments": Export(("renewal_id", "subscription_id", "delivery", "order_number", "payment_method", "psp_reference",
                        "payment_status", "amount", "currency", "decline_code", "attempts", "scheduled_for",
                        "reconciled_at", "email", "channel"), _payments),
    "mails": Export(("mail_id", "created_at", "sent_at", "mail_kind", "to", "language", "subject", "status", "attempts",
                     "subscription_id"), _mails),
    "enrolments": Export(("enrolment_id", "funnel", "email", "customer_id", "language", "channel", "currency", "order_id",
                          "purchased_on", "status", "steps_sent", "converted_step", "subscription_id", "created_at"),
                         _enrolments),
    "cancellations": Export(("attempt_id", "on", "subscription_id", "email", "channel", "reason", "reason_label", "text",
                             "offer_kind", "outcome", "at_period_end", "actor", "decided_at"), _cancellations),
}
