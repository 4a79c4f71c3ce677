"""Stripe webhook events reflected on Saleor transactions, each event acted on once.

PaymentIntents created for a Saleor transaction carry `saleor_api_url` and
`saleor_transaction_id` in their metadata (as Saleor's own Stripe app does); that is how an event
finds its installation and transaction. An intent whose owner is in doubt (our rows and its
metadata disagree) touches no installation.

Each event may touch only the installations of the Stripe account that sent it: a shop's own endpoint
(`/api/webhooks/stripe/<portal key>`, its own signing secret) reaches that shop alone, a Connect event
(`account`) the shop of that account, and the deployment's endpoint the shops paid with the environment's keys.
A shop holds its own signing secret, so its endpoint's events are trusted with nothing but its own data.
"""

import logging

from django.db import transaction
from django.utils import timezone

from ..renewals.unpaid import voucher_expired
from ..installations.models import Installation
from ..saleor.client import SaleorClient
from ..subscriptions.models import Renewal
from . import ownership, setup_intents
from . import stripe_api, stripe_bank_transfer
from .models import PaymentInstructions, StripeAccount, StripeEvent
from .saleor_transactions import stripe_dashboard_url
from .stripe_api import from_minor_units

logger = logging.getLogger(__name__)

# Stripe event → Saleor transaction event type
REPORTS = {
    "payment_intent.succeeded": "CHARGE_SUCCESS",
    "payment_intent.payment_failed": "CHARGE_FAILURE",
    "payment_intent.requires_action": "CHARGE_ACTION_REQUIRED",
    "payment_intent.processing": "CHARGE_REQUEST",
}


def _transaction_id(installation, intent: dict) -> str | None:
    """From the metadata, or from the stored konbini numbers (a renewal's metadata is set just after)."""
    metadata = intent.get("metadata") or {}
    if metadata.get("saleor_transaction_id"):
        return metadata["saleor_transaction_id"]
    instructions = PaymentInstructions.objects.filter(installation=installation, payment_intent_id=intent["id"]).first()
    return instructions.saleor_transaction_id if instructions else None


def _entitled(event: dict, endpoint: Installation | None):
    """Whether an installation may be touched by this event: it is the endpoint's, or of the account that sent it."""
    if endpoint is not None:
        return lambda installation: installation.pk == endpoint.pk
    if event.get("account"):  # a Connect account's event, signed with the platform's (environment's) secret
        connected = set(StripeAccount.objects.filter(connected_account=event["account"]).values_list("installation", flat=True))
        return lambda installation: installation.pk in connected
    return lambda installation: not stripe_api.access(installation).account_id  # paid with the environment's keys


def _owner(obj: dict, entitled) -> Installation | None:
    """The one installation the object belongs to, if the event may touch it."""
    installation = ownership.owner(obj)
    if installation is None or not entitled(installation):
        if installation is not None or ownership.owners(obj):
            logger.warning("Stripe event for %s %s ignored: its owner is in doubt or another account's",
                           obj.get("object"), obj.get("id") or obj.get("customer"))
        return None
    return installation


def _report(intent: dict, event_type: str, entitled) -> bool:
    installation = _owner(intent, entitled)
    if installation is None:
        return False
    transaction_id = _transaction_id(installation, intent)
    if not transaction_id:
        return False  # not tied to a Saleor transaction (e.g. a card renewal, recorded when charged)
    error = intent.get("last_payment_error") or {}
    SaleorClient.for_installation(installation).execute(
        "TransactionEventReport",
        {
            "id": transaction_id,
            "type": REPORTS[event_type],
            "pspReference": intent["id"],
            "amount": str(from_minor_units(intent["amount"], intent["currency"])),
            "message": error.get("message") or f"Stripe: {event_type}",
            "externalUrl": stripe_dashboard_url(installation, intent["id"]),
        },
        idempotent=True,  # Saleor answers alreadyProcessed for an identical event
    )
    if event_type == "payment_intent.succeeded":
        from .offline import mark_paid  # offline imports what imports this module

        for renewal in Renewal.objects.filter(subscription__installation=installation, payment_intent_id=intent["id"]):
            mark_paid(renewal)
    if event_type == "payment_intent.payment_failed" and "konbini" in (intent.get("payment_method_types") or ()):
        voucher_expired(installation, intent["id"], error.get("message") or "the konbini voucher expired unpaid")
    return True


def handle(event: dict, endpoint: Installation | None = None) -> StripeEvent:
    """Act on a verified event unless it was already processed; failures are left for Stripe's retry.

    `endpoint`: the installation whose own endpoint received it (None: the deployment's endpoint).

    The record is written before and after acting, never held open while Saleor is called: Saleor
    may call the app's own webhooks inside `transactionEventReport`. A redelivery racing this one
    acts again harmlessly (Saleor answers alreadyProcessed, an expired voucher is acted on once).
    """
    with transaction.atomic():
        record, _ = StripeEvent.objects.select_for_update().get_or_create(
            installation=endpoint, stripe_event_id=event["id"],
            defaults={"type": event["type"], "payload": event, "status": StripeEvent.Status.FAILED},
        )
        if record.status in (StripeEvent.Status.PROCESSED, StripeEvent.Status.IGNORED) and record.attempts:
            return record
        record.attempts += 1
        record.save(update_fields=["attempts"])
    try:
        if event["type"] in setup_intents.EVENTS:  # a checkout with nothing due: its card saved
            acted = setup_intents.report_event(event["data"]["object"], event["type"], _entitled(event, endpoint))
        elif stripe_bank_transfer.concerns(event):
            installation = _owner(event["data"]["object"], _entitled(event, endpoint))
            acted = installation is not None and stripe_bank_transfer.on_event(installation, event)
        else:
            acted = event["type"] in REPORTS and _report(event["data"]["object"], event["type"], _entitled(event, endpoint))
    except Exception as exc:
        logger.exception("Stripe event %s (%s) failed", event["id"], event["type"])
        record.status, record.last_error = StripeEvent.Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
    else:
        record.status = StripeEvent.Status.PROCESSED if acted else StripeEvent.Status.IGNORED
        record.last_error, record.processed_at = "", timezone.now()
    record.save()
    return record
