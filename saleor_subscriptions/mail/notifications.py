"""Outcome hooks: each recorded event that a customer or the merchant should hear about becomes a mail.

One handler per event type. They run after the event's transaction committed (a rolled-back renewal
mails nothing), and each mail's key is the event, so a retried hand-off never mails twice.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..core.models import Event
from ..core.money import format_money
from ..payments.declines import Outcome
from ..payments.models import PaymentInstructions
from ..plans.terms import PaymentMethodKind
from ..saleor.dashboard import order_url, subscription_url
from ..subscriptions.models import Renewal, Subscription
from . import sending
from .billing_texts import decline_text, result_label
from .context import renewal_context, subscription_context
from .templates import render

BILLING_EVENTS = ("renewal.done", "renewal.declined", "renewal.problem", "renewal.out_of_stock", "renewal.partial")


def mail_customer(event: Event, kind: str, subscription: Subscription, **extra) -> None:
    context = {**subscription_context(subscription), **extra}
    rendered = render(kind, subscription.language, context, installation=subscription.installation)
    sending.queue(subscription.installation, key=f"event-{event.pk}-{kind}", kind=kind, to=subscription.email,
                  rendered=rendered, subscription_id=subscription.pk)


def _renewal(event: Event, subscription: Subscription) -> Renewal:
    return subscription.renewals.get(cycle=event.data["cycle"])


def started(event, subscription):
    mail_customer(event, "started", subscription)


def renewal_done(event, subscription):
    renewal = _renewal(event, subscription)
    mail_customer(event, "renewal_placed", subscription, **renewal_context(renewal))
    if renewal.attempts:  # a retry went through after a failed payment
        mail_customer(event, "payment_succeeded", subscription, **renewal_context(renewal))
    if subscription.payment_kind in (PaymentMethodKind.KONBINI, PaymentMethodKind.BANK_TRANSFER):
        konbini = (PaymentInstructions.objects.filter(payment_intent_id=renewal.payment_intent_id).first()
                   if renewal.payment_intent_id else None)
        mail_customer(event, "payment_instructions", subscription, **renewal_context(renewal),
                      instructions=_instructions(subscription, konbini))
    if subscription.status == Subscription.Status.COMPLETED:
        mail_customer(event, "completed", subscription)


def _instructions(subscription: Subscription, konbini: PaymentInstructions | None) -> dict:
    installation = subscription.installation
    bank = installation.bank_transfer_details
    return {
        "method": subscription.payment_kind,
        "bank": bank.get(subscription.language) or bank.get(installation.default_language) or "",
        "stores": konbini.stores if konbini else {}, "voucher_url": konbini.voucher_url if konbini else "",
        "expires_at": konbini.expires_at.date() if konbini else None,
    }


def declined(event, subscription):
    renewal = _renewal(event, subscription)
    if subscription.status in (Subscription.Status.CANCELLED, Subscription.Status.PAUSED):
        kind = "cancelled" if subscription.status == Subscription.Status.CANCELLED else "paused"
        mail_customer(event, kind, subscription, reason="payment", **renewal_context(renewal))
    elif event.data["outcome"] == Outcome.NEEDS_CUSTOMER_ACTION:
        mail_customer(event, "auth_required", subscription, retry_date=subscription.next_renewal_on, **renewal_context(renewal))
    else:
        mail_customer(event, "payment_failed", subscription, retry_date=subscription.next_renewal_on, **renewal_context(renewal))


def stock_short(event, subscription):
    if event.data.get("outcome") != "skipped" and event.data.get("waited_days"):
        return  # still waiting for stock: the customer heard on the first day
    mail_customer(event, "stock_short", subscription, outcome=event.data.get("outcome") or event.data.get("policy", "partial"),
                  **renewal_context(_renewal(event, subscription)))


def status_mail(kind: str):
    def handler(event, subscription):
        mail_customer(event, kind, subscription, reason="customer" if event.actor == Event.Actor.CUSTOMER else "shop",
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
}


def merchant_billing(event: Event) -> None:
    installation = event.installation
    if installation.merchant_notifications != "each" or not installation.merchant_email:
        return
    language = installation.default_language
    context = {"results": [billing_line(event, language)], "sender": sending.sender(installation)}
    rendered = render("merchant_billing", language, context, installation=installation)
    sending.queue(installation, key=f"event-{event.pk}-merchant", kind="merchant_billing", to=installation.merchant_email,
                  rendered=rendered)


def billing_line(event: Event, language: str) -> dict:
    """One renewal result in the merchant's words, with links to the order and the subscription in the Dashboard."""
    data, installation = event.data, event.installation
    kind = event.type.removeprefix("renewal.")
    renewal = Renewal.objects.filter(subscription__installation=installation, subscription_id=data.get("subscription"),
                                     cycle=data.get("cycle")).first()
    if kind == "declined":
        detail = decline_text(data.get("decline_code"), language, data.get("outcome"))
    else:
        detail = data.get("message") or data.get("missing") or ""
    if renewal is not None and renewal.amount is not None and renewal.currency:
        amount = format_money(renewal.amount, renewal.currency, language)
    else:
        amount = data.get("amount", "")
    return {"type": kind, "label": result_label(kind, language), "subscription": data.get("subscription"),
            "cycle": data.get("cycle"), "amount": amount, "detail": detail, "at": event.created_at,
            "order_url": order_url(installation, renewal.saleor_order_id) if renewal and renewal.saleor_order_id else "",
            "subscription_url": subscription_url(installation, data.get("subscription"))}


def notify(event_id: int) -> None:
    event = Event.objects.select_related("installation").get(pk=event_id)
    handler = CUSTOMER_HANDLERS.get(event.type)
    if handler and event.data.get("subscription"):
        subscription = Subscription.objects.select_related("installation").filter(pk=event.data["subscription"]).first()
        if subscription is not None and subscription.email:
            handler(event, subscription)
    if event.type in BILLING_EVENTS:
        merchant_billing(event)


@receiver(post_save, sender=Event, dispatch_uid="mail-notifications")
def _on_event(sender, instance: Event, created: bool, **kwargs):
    if created and (instance.type in CUSTOMER_HANDLERS or instance.type in BILLING_EVENTS):
        from .tasks import notify_event

        transaction.on_commit(lambda: notify_event.delay(instance.pk))
