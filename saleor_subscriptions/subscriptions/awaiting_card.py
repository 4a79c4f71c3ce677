"""A ¥0 order completed before its SetupIntent saved the card waits for the card (`OrderAwaitingCard`).

Saleor completes a checkout of total 0 whenever the storefront asks, so the order can come while Stripe is still
confirming the setup (3-D Secure, a slow network) or after a declined card. Stripe is asked how each setup stands:
succeeded → the card is recorded and the subscriptions start as usual; still open → the order waits, and starts once
the card is saved (Stripe's `setup_intent.succeeded`, `transactionProcess`, the order webhook again, or the hourly
sweep asking Stripe); canceled, or still without a card a day after the order → refused, and the merchant told
(`subscription.card_missing`): the shopper has a ¥0 order and no subscription.
"""

import datetime
import logging

import stripe
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from ..core.models import Event, record_event
from ..payments import ownership, stripe_api
from ..payments.models import PaymentMethod
from ..payments.setup_intents import card_saved_at_checkout, is_setup, remember_card
from ..saleor.payloads import Order
from .models import OrderAwaitingCard, Subscription

logger = logging.getLogger(__name__)
WAIT = datetime.timedelta(hours=24)
RECHECK = datetime.timedelta(minutes=15)  # the hourly sweep leaves the newest orders to Stripe's events
OPEN = {"requires_payment_method", "requires_confirmation", "requires_action", "processing"}
UNKNOWN = "unknown"  # Stripe could not be asked: ask again later
REFUSED = "no card was saved at checkout: the card setup did not succeed"
EXPIRED = "no card was saved at checkout: the card setup was not completed within 24 hours of the order"


def card_for(installation, order: Order, payload: dict, known: PaymentMethod | None) -> PaymentMethod | None:
    """The card that pays the renewals of an order paid by SetupIntents alone; None: the order waits or was refused."""
    rows = OrderAwaitingCard.objects.filter(installation=installation, order_id=order.id)
    if known is not None:  # a card saved after the refusal starts nothing the merchant was told of
        return None if rows.filter(outcome=OrderAwaitingCard.Outcome.REFUSED).exists() else known
    if rows.exists():
        return None  # a redelivered order: waiting already, or refused
    return _decide(installation, order, payload, expired=False)


def started(installation, order: Order, card: PaymentMethod, subscriptions: list[Subscription]) -> None:
    """An order that waited for its card is settled; its subscriptions' timelines say so (once)."""
    waiting = OrderAwaitingCard.objects.filter(installation=installation, order_id=order.id,
                                               outcome=OrderAwaitingCard.Outcome.WAITING)
    since = waiting.aggregate(since=Min("created_at"))["since"]
    if since is None or not waiting.update(outcome=OrderAwaitingCard.Outcome.STARTED, settled_at=timezone.now()):
        return
    for subscription in subscriptions:
        record_event(installation, "subscription.started_when_card_saved", subscription=subscription.pk, order=order.id,
                     setup_intent=card.setup_intent_id, waited_since=since.isoformat())


def card_saved(installation, setup_intent_id: str) -> int:
    """The orders that waited for this SetupIntent's card start their subscriptions. Returns how many orders."""
    with transaction.atomic():
        waiting = list(OrderAwaitingCard.objects.select_for_update().filter(
            installation=installation, setup_intent_id=setup_intent_id, outcome=OrderAwaitingCard.Outcome.WAITING))
        for row in waiting:
            _start(installation, row.order)
    return len(waiting)


def setup_canceled(installation, setup_intent_id: str) -> None:
    """A canceled SetupIntent saves no card: its orders are decided now rather than a day later."""
    with transaction.atomic():
        for row in OrderAwaitingCard.objects.select_for_update().filter(
                installation=installation, setup_intent_id=setup_intent_id, outcome=OrderAwaitingCard.Outcome.WAITING):
            _decide(installation, Order.from_payload(row.order), row.order, expired=False)


def sweep(installation, now: datetime.datetime) -> dict[str, int]:
    """Stripe asked again about each waiting order: started if the card was saved (its event lost, or come before the
    order was recorded), refused if the setup ended or a day went by. Returns the counts."""
    counts = {"started": 0, "refused": 0}
    waiting = (OrderAwaitingCard.objects.filter(installation=installation, outcome=OrderAwaitingCard.Outcome.WAITING,
                                                created_at__lte=now - RECHECK).values_list("order_id", flat=True).distinct())
    for order_id in list(waiting):
        with transaction.atomic():
            row = OrderAwaitingCard.objects.select_for_update(skip_locked=True).filter(
                installation=installation, order_id=order_id, outcome=OrderAwaitingCard.Outcome.WAITING).first()
            if row is None:
                continue  # settled meanwhile, or another sweep holds it
            order = Order.from_payload(row.order)
            if _decide(installation, order, row.order, expired=row.created_at <= now - WAIT):
                _start(installation, row.order)
                counts["started"] += 1
            elif OrderAwaitingCard.objects.filter(pk=row.pk, outcome=OrderAwaitingCard.Outcome.REFUSED).exists():
                counts["refused"] += 1
    return counts


def _start(installation, payload: dict) -> None:
    from ..funnels.actions import exit_converted  # funnels import the subscriptions
    from .creation import subscriptions_from_order  # creation imports this module

    for subscription in subscriptions_from_order(installation, payload):
        exit_converted(installation, subscription)


def _decide(installation, order: Order, payload: dict, *, expired: bool) -> PaymentMethod | None:
    """The card Stripe saved for one of the order's setups, or None after the order was put to wait or refused."""
    setups = [reference for reference in order.psp_references if is_setup(reference)]
    statuses = {reference: _status(installation, reference) for reference in setups}
    if "succeeded" in statuses.values():
        card = card_saved_at_checkout(installation, order.user_id, setups)
        if card is not None:
            return card
    open_ones = [reference for reference, status in statuses.items() if status in OPEN or status == UNKNOWN]
    if open_ones and (not expired or UNKNOWN in statuses.values()):
        _wait(installation, order, payload, open_ones, statuses)
    else:
        _refuse(installation, order, payload, setups, statuses, expired=bool(open_ones))
    return None


def _status(installation, setup_intent_id: str) -> str:
    """How Stripe says the setup stands; a succeeded one's card is recorded (as its webhook would)."""
    try:
        intent = stripe_api.stripe_client(installation).v1.setup_intents.retrieve(
            setup_intent_id, params={"expand": ["payment_method"]})
    except stripe.InvalidRequestError as exc:
        logger.warning("SetupIntent %s of an order is unknown to Stripe: %s", setup_intent_id, exc)
        return "missing"
    except stripe.StripeError as exc:
        logger.warning("SetupIntent %s could not be checked: %s", setup_intent_id, exc)
        return UNKNOWN
    if not ownership.belongs_to(installation, intent):
        return "not_ours"
    if intent.status == "succeeded":
        remember_card(installation, intent.id, intent.customer, intent.payment_method)
    return intent.status


def _rows(installation, order: Order, payload: dict, setups) -> bool:
    """The order's rows, one per SetupIntent; whether any was new."""
    made = [OrderAwaitingCard.objects.get_or_create(installation=installation, order_id=order.id, setup_intent_id=reference,
                                                    defaults={"order": payload})[1] for reference in setups]
    return any(made)


def _wait(installation, order: Order, payload: dict, open_ones: list[str], statuses: dict[str, str]) -> None:
    if _rows(installation, order, payload, open_ones):
        record_event(installation, "subscription.awaiting_card", actor=Event.Actor.SALEOR, order=order.id,
                     order_number=order.number, setup_intent=open_ones[0], status=statuses[open_ones[0]])


def _refuse(installation, order: Order, payload: dict, setups: list[str], statuses: dict[str, str], *, expired: bool) -> None:
    """Refused once per order, and the merchant told: the shopper has a ¥0 order and no subscription."""
    _rows(installation, order, payload, setups)
    if not OrderAwaitingCard.objects.filter(installation=installation, order_id=order.id,
                                            outcome=OrderAwaitingCard.Outcome.WAITING).update(
            outcome=OrderAwaitingCard.Outcome.REFUSED, settled_at=timezone.now()):
        return
    record_event(installation, "subscription.refused", actor=Event.Actor.SYSTEM if expired else Event.Actor.SALEOR,
                 order=order.id, reason=EXPIRED if expired else REFUSED)
    record_event(installation, "subscription.card_missing", order=order.id, order_number=order.number,
                 setup_intent=setups[0], status=statuses[setups[0]], why="expired" if expired else "failed")
