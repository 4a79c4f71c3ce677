"""Outcome hooks: each recorded event that a customer or the merchant should hear about becomes a mail.

One handler per event type. They run after the event's transaction committed (a rolled-back renewal
mails nothing), and each mail's key is the event, so a retried hand-off never mails twice.
"""

import dataclasses
import datetime
import functools
import zoneinfo

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..core import rows
from ..core.dates import format_day
from ..core.models import Event
from ..core.money import format_money
from ..installations import recent
from ..payments.declines import Outcome
from ..plans.models import PlanVersion
from ..renewals.problems import words as problem_words
from ..payment_methods import registry
from ..saleor.dashboard import order_url, subscription_url
from ..subscriptions.models import Renewal, Subscription
from . import sending
from .billing_texts import card_missing_text, decline_text, result_label
from .context import LINES, plan_change_context, renewal_context, subscription_context
from .models import MailLog
from .templates import render

# Every kind of mail an event may send (`merchant`: the merchant's billing result), keyed `event-<id>-<kind>`.
MAIL_KINDS = ("started", "renewal_placed", "payment_succeeded", "payment_instructions", "completed", "cancelled",
              "paused", "auth_required", "payment_failed", "stock_short", "plan_change", "resumed", "skipped", "merchant")
BILLING_EVENTS = ("renewal.done", "renewal.declined", "renewal.problem", "renewal.out_of_stock", "renewal.partial",
                  "renewal.overdue", "subscription.card_missing")


@dataclasses.dataclass
class Notice:
    """One event's mails, queued together; the subscription's part of every mail is built once for all of them."""

    event: Event
    subscription: Subscription | None
    renewal_read: Renewal | None  # the cycle's renewal, if the event names one
    lines: tuple | None = None  # what the context says of the lines (`context.LINES`), if read with the renewal
    mails: list[sending.Mail] = dataclasses.field(default_factory=list)

    @property
    def renewal(self) -> Renewal:
        if self.renewal_read is None:
            raise Renewal.DoesNotExist(f"no renewal for cycle {self.event.data.get('cycle')} of {self.subscription}")
        return self.renewal_read

    @functools.cached_property
    def renewal_part(self) -> dict:
        """The renewal's part of the customer's mails (one invoice link signed for all of them)."""
        return renewal_context(self.renewal)

    @functools.cached_property
    def context(self) -> dict:
        return subscription_context(self.subscription, self.lines)

    def mail_customer(self, kind: str, **extra) -> None:
        subscription = self.subscription
        rendered = render(kind, subscription.language, {**self.context, **extra},
                          installation=subscription.installation)
        self.mails.append(sending.mail_log(subscription.installation, key=f"event-{self.event.pk}-{kind}", kind=kind,
                                           to=subscription.email, rendered=rendered, subscription_id=subscription.pk))


def started(notice):
    notice.mail_customer("started")


def renewal_done(notice):
    subscription, renewal = notice.subscription, notice.renewal
    notice.mail_customer("renewal_placed", **notice.renewal_part)
    if renewal.attempts:  # a retry went through after a failed payment
        notice.mail_customer("payment_succeeded", **notice.renewal_part)
    if renewal.paid_at is None:  # paid as it was ordered (a Stripe cash balance): nothing to tell
        instructions_mail(notice)
    if subscription.status == Subscription.Status.COMPLETED:
        notice.mail_customer("completed")


def instructions_mail(notice):
    """How to pay the renewal, as its method says; again after part of a Stripe bank transfer arrived, with what
    remains (unless it arrived while the renewal was ordered: the renewal's own mail tells it)."""
    subscription, renewal = notice.subscription, notice.renewal
    if notice.event.data.get("mail") is False:
        return
    method = registry.find(renewal.payment_kind or subscription.payment_kind)
    instructions = method.instructions(renewal, subscription.language) if method else None
    if instructions is not None:
        notice.mail_customer("payment_instructions", **notice.renewal_part, instructions=instructions)


def _due_on(installation, due_at: str) -> datetime.date:
    return datetime.datetime.fromisoformat(due_at).astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()


def payment_notice(kind: str):
    """The payment instructions again, as a reminder before the deadline or a notice that it passed (renewals/deadlines.py)."""
    def handler(notice):
        subscription, renewal = notice.subscription, notice.renewal
        method = registry.find(renewal.payment_kind)
        instructions = (method.instructions(renewal, subscription.language) if method else None) or {
            "method": renewal.payment_kind, "text": "", "bank": "", "stores": {}, "voucher_url": "", "expires_at": None}
        due_on = _due_on(subscription.installation, notice.event.data["due_at"])
        notice.mail_customer("payment_instructions", **notice.renewal_part,
                             instructions={**instructions, "notice": kind, "due_on": due_on})
    return handler


def declined(notice):
    subscription, event = notice.subscription, notice.event
    if subscription.status in (Subscription.Status.CANCELLED, Subscription.Status.PAUSED):
        kind = "cancelled" if subscription.status == Subscription.Status.CANCELLED else "paused"
        notice.mail_customer(kind, reason="payment", **notice.renewal_part)
    elif event.data["outcome"] == Outcome.NEEDS_CUSTOMER_ACTION:
        notice.mail_customer("auth_required", retry_date=subscription.next_renewal_on, **notice.renewal_part)
    else:
        notice.mail_customer("payment_failed", retry_date=subscription.next_renewal_on, **notice.renewal_part)


def stock_short(notice):
    data = notice.event.data
    if data.get("outcome") != "skipped" and data.get("waited_days"):
        return  # still waiting for stock: the customer heard on the first day
    notice.mail_customer("stock_short", outcome=data.get("outcome") or data.get("policy", "partial"),
                         **notice.renewal_part)


def plan_change(notice):
    """A move to the plan's new version, announced ahead of the day it takes effect."""
    data = notice.event.data
    version = PlanVersion.objects.get(plan__installation=notice.subscription.installation, plan__code=data["plan"],
                                      number=data["to_version"])
    notice.mail_customer("plan_change", change=plan_change_context(
        notice.subscription, version, datetime.date.fromisoformat(data["effective_on"])))


def status_mail(kind: str):
    def handler(notice):
        event = notice.event
        notice.mail_customer(kind, reason="customer" if event.actor == Event.Actor.CUSTOMER else "shop",
                             at=event.data.get("at", ""), skipped=event.data.get("skipped", ""))
    return handler


CUSTOMER_HANDLERS = {
    "subscription.started": started,
    "renewal.done": renewal_done,
    "renewal.declined": declined,
    "renewal.out_of_stock": stock_short,
    "renewal.partial": stock_short,
    "subscription.paused": status_mail("paused"),
    "subscription.resumed": status_mail("resumed"),
    "subscription.skipped": status_mail("skipped"),
    "subscription.cancelled": status_mail("cancelled"),
    "subscription.cancel_requested": status_mail("cancelled"),
    "subscription.plan_change_announced": plan_change,
    "renewal.payment_reminder": payment_notice("reminder"),
    "renewal.overdue": payment_notice("overdue"),
    "payment.partially_funded": instructions_mail,
}


def merchant_billing(notice: Notice) -> None:
    event = notice.event
    installation = event.installation
    if installation.merchant_notifications != "each" or not installation.merchant_email:
        return
    language = installation.default_language
    context = {"results": [billing_line(event, language, notice.renewal_read)], "sender": sending.sender(installation)}
    rendered = render("merchant_billing", language, context, installation=installation)
    notice.mails.append(sending.mail_log(installation, key=f"event-{event.pk}-merchant", kind="merchant_billing",
                                         to=installation.merchant_email, rendered=rendered))


def billing_lines(events: list[Event], language: str) -> list[dict]:
    """Each renewal result's line (`billing_line`), the renewals of all of them read in one query."""
    installations = {event.installation_id for event in events}
    renewals = {(renewal.subscription_id, renewal.cycle): renewal for renewal in Renewal.objects.filter(
        subscription__installation__in=installations, subscription_id__in={event.data.get("subscription") for event in events},
        cycle__in={event.data.get("cycle") for event in events})} if events else {}
    return [billing_line(event, language, renewals.get((event.data.get("subscription"), event.data.get("cycle"))))
            for event in events]


def billing_line(event: Event, language: str, renewal: Renewal | None) -> dict:
    """One renewal result in the merchant's words, with links to the order and the subscription in the Dashboard."""
    data, installation = event.data, event.installation
    kind = event.type.rpartition(".")[2]
    if kind == "done" and renewal is not None and renewal.payment_status == "pending":
        kind = "awaiting_payment"  # ordered: konbini, cash on delivery or a transfer pays it later
    if kind == "declined":
        detail = decline_text(data.get("decline_code"), language, data.get("outcome"))
    elif kind == "card_missing":  # a ¥0 order that started nothing: no subscription, no renewal
        detail = card_missing_text(data.get("why"), language)
    elif kind == "overdue":
        detail = f"{registry.label(data.get('method', ''), language)}: {format_day(_due_on(installation, data['due_at']), language)}"
    else:
        detail = problem_words(data, data.get("message") or "", language) or data.get("missing") or ""
    if renewal is not None and renewal.amount is not None and renewal.currency:
        amount = format_money(renewal.amount, renewal.currency, language)
    else:
        amount = data.get("amount", "")
    order_id = renewal.saleor_order_id if renewal and renewal.saleor_order_id else data.get("order")
    return {"type": kind, "label": result_label(kind, language), "subscription": data.get("subscription"),
            "cycle": data.get("cycle"), "amount": amount, "detail": detail, "at": event.created_at,
            "order_number": data.get("order_number", ""), "order_url": order_url(installation, order_id) if order_id else "",
            "subscription_url": subscription_url(installation, data["subscription"]) if data.get("subscription") else ""}


def _read(event: Event) -> tuple[Subscription | None, Renewal | None, tuple | None]:
    """The event's subscription, the renewal of the cycle it names and what the mails say of its lines, in one
    query; their installation is the event's, as this process remembers it (`installations.recent`: a few seconds)."""
    subscription_id, cycle = event.data.get("subscription"), event.data.get("cycle")
    installation = recent.by_pk(event.installation_id) if subscription_id else None
    if installation is None:
        return None, None, None
    renewal = lines = None
    if cycle is not None:
        found = rows.select(Renewal, "t0.subscription_id = %s AND t0.cycle = %s AND t1.installation_id = %s",
                            [subscription_id, cycle, installation.pk], joined="subscription", also=LINES)
        if found:
            renewal, quantity, terms = found[0]
            lines = (quantity, terms) if terms is not None else None  # none: read (and found wanting) by the context
    subscription = renewal.subscription if renewal else next(iter(rows.select(
        Subscription, "t0.id = %s AND t0.installation_id = %s", [subscription_id, installation.pk])), None)
    if subscription is not None:
        subscription.installation = event.installation = installation
    return subscription, renewal, lines


_MAILED = (f"EXISTS (SELECT 1 FROM {MailLog._meta.db_table} m WHERE m.installation_id = t0.installation_id "
           f"AND m.{MailLog._meta.get_field('key').column} IN ("
           + ", ".join(f"'event-' || t0.id || '-{kind}'" for kind in MAIL_KINDS) + "))")  # on the unique index


def notify(event_id: int) -> None:
    """The event's mails to the customer and the merchant, queued in one statement (none twice: keys are the event's).

    A hand-off whose mails are logged already (a retried task) stops at reading the event: they were queued all
    at once. A kind missing from MAIL_KINDS would only cost a retry the rendering; the keys still decide."""
    found = rows.select(Event, "t0.id = %s", [event_id], also=(_MAILED,))
    if not found:
        raise Event.DoesNotExist(f"no event {event_id}")
    event, mailed = found[0]
    if mailed:
        return
    handler = CUSTOMER_HANDLERS.get(event.type)
    if not handler and event.type not in BILLING_EVENTS:
        return
    notice = Notice(event, *_read(event))
    if handler and notice.subscription is not None and notice.subscription.email:
        handler(notice)
    if event.type in BILLING_EVENTS:
        merchant_billing(notice)
    sending.queue_all(notice.mails)


@receiver(post_save, sender=Event, dispatch_uid="mail-notifications")
def _on_event(sender, instance: Event, created: bool, **kwargs):
    if created and (instance.type in CUSTOMER_HANDLERS or instance.type in BILLING_EVENTS):
        from .tasks import notify_event

        transaction.on_commit(lambda: notify_event.delay(instance.pk))
