"""The renewal engine: one Saleor order and at most one charge per subscription cycle.

Workers take due subscriptions with `SELECT … FOR UPDATE SKIP LOCKED`, so any number cooperate;
each renewal runs inside that row's transaction. Every external step can be redone: the draft
order is found again by its unique `externalReference`, the charge is replayed by Stripe for the
attempt's idempotency key, completion is skipped for a completed order, and the transaction is
looked up before it is recorded. A crash anywhere therefore rolls back our rows and the next run
finishes the cycle without a second order or charge.
"""

import datetime
import logging
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Mod
from django.utils import timezone

from ..core.models import Event, record_event
from ..core.money import from_saleor, quantize
from ..payments.charges import ChargeResult, charge_off_session
from ..payments.declines import Outcome
from ..payments.offline import request_renewal_payment
from ..payments.saleor_transactions import record_charge
from ..plans.pricing import PricingError, price_line
from ..plans.terms import PaymentMethodKind
from ..saleor.client import SaleorClient, SaleorError, SaleorMutationError
from ..saleor.languages import saleor_language
from ..saleor.payloads import list_price
from ..subscriptions.calendar import slot_date
from ..subscriptions.models import Renewal, Subscription

logger = logging.getLogger(__name__)
RENEWABLE = (Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE)
DEFAULT_RETRY_OFFSETS = (7, 14)
SPREAD = 1000  # places in the renewal window
ADDRESS_FIELDS = ("firstName", "lastName", "companyName", "streetAddress1", "streetAddress2", "city", "cityArea",
                  "postalCode", "countryArea", "phone")


class RenewalProblem(Exception):
    """The cycle cannot be priced or ordered (variant gone, price missing): operator-visible, retried next run."""


def today_in(installation, now: datetime.datetime | None = None) -> datetime.date:
    """The calendar date in the installation's time zone: DST changes hours, never dates."""
    return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()


def window_progress(installation, now: datetime.datetime | None = None) -> tuple[datetime.date, float]:
    """Today, and how much of today's renewal window has passed (0 before it opens, 1 once it closed)."""
    local = (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(installation.time_zone))
    opens = local.replace(hour=installation.renewal_window_start_hour, minute=0, second=0, microsecond=0)
    length = datetime.timedelta(hours=installation.renewal_window_hours)
    if local < opens:
        return local.date(), 0.0
    return local.date(), 1.0 if local >= opens + length else (local - opens) / length


def due(installation, today: datetime.date, progress: float = 1.0):
    """Due once the delivery date minus the order lead time has come (an index range either way).

    A day's renewals are spread over the installation's renewal window rather than started at
    midnight: each subscription has its place in the window (`id mod 1000`), and is due on the day
    once that much of the window has passed. Overdue ones are due at once.
    """
    horizon = today + datetime.timedelta(days=installation.order_lead_days)
    rows = Subscription.objects.filter(installation=installation, status__in=RENEWABLE, next_renewal_on__lte=horizon)
    if progress >= 1:
        return rows
    return rows.alias(place=Mod("id", SPREAD)).filter(
        Q(next_renewal_on__lt=horizon) | Q(place__lt=int(progress * SPREAD)))


def renew_next(installation, today: datetime.date | None = None, skip=(), progress: float = 1.0) -> Renewal | None:
    """Claim one due subscription no other worker holds and renew it; None when nothing is left.

    Without `today`, the date and the window's progress come from the clock.
    """
    if today is None:
        today, progress = window_progress(installation)
    with transaction.atomic():
        subscription = claim(installation, today, progress, skip).first()
        if subscription is None:
            return None
        return renew_or_report(subscription, today)


def renew_or_report(subscription: Subscription, today: datetime.date, order: dict | None = None) -> Renewal:
    """Renew in a savepoint; a problem rolls the attempt back and is recorded, visible to operators."""
    try:
        with transaction.atomic():
            return renew(subscription, today, order)
    except RenewalProblem as problem:
        return problem_found(subscription, str(problem))


def claim(installation, today: datetime.date, progress: float, skip=()):
    """Due subscriptions no other worker holds, locked until the caller's transaction ends."""
    return (due(installation, today, progress).exclude(pk__in=skip)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("installation", "plan__product", "payment_method__customer")
            .order_by("next_renewal_on", "id"))


def address_input(address: dict | None) -> dict | None:
    """A stored (webhook) address as Saleor's AddressInput."""
    if not address:
        return None
    converted = {key: address.get(key) for key in ADDRESS_FIELDS if address.get(key)}
    converted["country"] = (address.get("country") or {}).get("code")
    return converted


@dataclass(frozen=True)
class Variant:
    available: int
    list_price: Decimal | None


def cycle_variant_ids(subscription: Subscription, cycle: int) -> set[str]:
    """Every variant the cycle ships, free inserts included."""
    ids = set()
    for line in subscription.lines.select_related("plan_version"):
        ids.add(line.variant_id)
        ids |= {insert.variant_id for insert in line.plan_version.terms.free_inserts if cycle in insert.deliveries}
    return ids


def check_sold(subscription: Subscription, ids: set[str], sold) -> None:
    """A variant deleted or no longer sold in the channel is a problem for operators, not a stock question."""
    gone = sorted(ids - set(sold))
    if gone:
        raise RenewalProblem(f"variant {', '.join(gone)} is no longer sold in channel {subscription.channel_slug!r}")


def _variants(client: SaleorClient, subscription: Subscription, cycle: int) -> dict[str, Variant]:
    """Stock and channel list price of every variant the cycle ships."""
    ids = cycle_variant_ids(subscription, cycle)
    edges = client.execute("VariantStock", {"ids": sorted(ids), "channel": subscription.channel_slug})["productVariants"]["edges"]
    variants = {edge["node"]["id"]: Variant(edge["node"]["quantityAvailable"] or 0, list_price(edge["node"], subscription.currency))
                for edge in edges}
    check_sold(subscription, ids, variants)
    return variants


def _lines(subscription: Subscription, cycle: int, variants: dict[str, Variant], *, capped: bool = False) -> list[dict]:
    """The cycle's order lines, priced for the quantity ordered (at most what is available when `capped`)."""
    lines = []
    for line in subscription.lines.select_related("plan_version"):
        terms, variant = line.plan_version.terms, variants[line.variant_id]
        quantity = min(line.quantity, variant.available) if capped else line.quantity
        if quantity == 0:
            continue
        if line.unit_price_override is not None:
            unit = quantize(line.unit_price_override, subscription.currency)
        else:
            try:
                unit = price_line(terms, currency=subscription.currency, quantity=quantity, delivery=cycle,
                                  list_price=variant.list_price, percent_off=line.percent_off).unit
            except PricingError as exc:
                raise RenewalProblem(f"cycle {cycle} cannot be priced: {exc}") from None
        lines.append({"variantId": line.variant_id, "quantity": quantity, "price": str(unit), "forceNewLine": True})
        lines += [{"variantId": insert.variant_id, "quantity": 1, "price": "0", "forceNewLine": True}
                  for insert in terms.free_inserts if cycle in insert.deliveries]
    return lines


def _existing_order(client: SaleorClient, renewal: Renewal) -> dict | None:
    return client.execute("OrderByReference", {"externalReference": renewal.external_reference})["order"]


def order_metadata(subscription: Subscription, renewal: Renewal) -> list[dict]:
    """On every renewal order: a later run finds an order a crashed one made by `subscription.renewal`."""
    return [{"key": "subscription.id", "value": str(subscription.pk)}, {"key": "subscription.cycle", "value": str(renewal.cycle)},
            {"key": "subscription.renewal", "value": renewal.external_reference}]


def _draft(client: SaleorClient, subscription: Subscription, renewal: Renewal, lines: list[dict]) -> dict:
    draft = {
        "channelId": subscription.channel_id, "user": subscription.customer_id, "userEmail": subscription.email,
        "lines": lines, "externalReference": renewal.external_reference,
        "shippingAddress": address_input(subscription.shipping_address), "billingAddress": address_input(subscription.billing_address),
        "shippingMethod": subscription.shipping_method_id or None,
        "languageCode": saleor_language(subscription.language),
        "metadata": order_metadata(subscription, renewal),
    }
    try:
        return client.execute("DraftOrderCreate", {"input": draft})["draftOrderCreate"]["order"]
    except SaleorError as exc:
        raise RenewalProblem(f"the renewal order could not be created: {exc}") from None


def stocked_lines(subscription: Subscription, renewal: Renewal, variants: dict[str, Variant], today: datetime.date):
    """Apply the plan's stock policy; returns the lines to order, or None when this cycle must wait or skip."""
    lines = _lines(subscription, renewal.cycle, variants)
    available = {variant_id: variant.available for variant_id, variant in variants.items()}
    short = [line for line in lines if available.get(line["variantId"], 0) < line["quantity"]]
    if not short:
        return lines
    terms = subscription.lines.first().plan_version.terms
    missing = ", ".join(f"{line['variantId']} ({available.get(line['variantId'], 0)}/{line['quantity']})" for line in short)
    paid_short = [line for line in short if line["price"] != "0"]
    if not paid_short:  # only a free insert ran out: the delivery goes without it
        record_event(subscription.installation, "renewal.insert_out_of_stock", subscription=subscription.pk, missing=missing)
        return [line for line in lines if line not in short]
    if terms.stock_policy == "partial":
        # re-priced for what ships: quantity tiers follow the quantity actually ordered
        kept = [line for line in _lines(subscription, renewal.cycle, variants, capped=True)
                if line["price"] != "0" or available.get(line["variantId"], 0) >= line["quantity"]]
        if any(line["price"] != "0" for line in kept):
            record_event(subscription.installation, "renewal.partial", subscription=subscription.pk, cycle=renewal.cycle,
                         missing=missing)
            return kept
    waited = (today - renewal.scheduled_for).days
    if terms.stock_policy == "wait" and waited < terms.stock_wait_days:
        renewal.last_error = f"waiting for stock: {missing}"
        renewal.save()
        subscription.next_renewal_on = today + datetime.timedelta(days=1)  # the delivery is late: try tomorrow
        subscription.save()
        record_event(subscription.installation, "renewal.out_of_stock", subscription=subscription.pk, cycle=renewal.cycle,
                     missing=missing, policy="wait", waited_days=waited)
        return None
    renewal.state, renewal.last_error = Renewal.State.SKIPPED, f"skipped for lack of stock: {missing}"
    renewal.save()
    subscription.skipped += 1
    subscription.next_renewal_on = slot_date(subscription, renewal.cycle + subscription.skipped, terms)
    subscription.save()
    record_event(subscription.installation, "renewal.out_of_stock", subscription=subscription.pk, cycle=renewal.cycle,
                 missing=missing, policy=terms.stock_policy, outcome="skipped")
    return None


def current_renewal(subscription: Subscription) -> Renewal:
    """The row of the cycle due now (the next delivery number), created on first use."""
    renewal, _ = Renewal.objects.get_or_create(
        subscription=subscription, cycle=subscription.deliveries + 1,
        defaults={"scheduled_for": subscription.next_renewal_on, "currency": subscription.currency},
    )
    return renewal


def renew(subscription: Subscription, today: datetime.date, order: dict | None = None) -> Renewal:
    """One cycle: the order (given, found from a crashed attempt, or drafted now), its payment, the schedule."""
    if subscription.cancel_at_period_end:
        return _end_of_period(subscription)
    renewal = current_renewal(subscription)
    client = SaleorClient.for_installation(subscription.installation)
    if order is None:
        order = _existing_order(client, renewal)  # a crashed attempt may have made it already
    if order is None:
        lines = stocked_lines(subscription, renewal, _variants(client, subscription, renewal.cycle), today)
        if lines is None:
            return renewal
        order = _draft(client, subscription, renewal, lines)
    elif order["status"] == "CANCELED":
        raise RenewalProblem(f"order #{order['number']} of this delivery was cancelled in Saleor; nothing is charged")
    total = from_saleor(order["total"]["gross"]["amount"], subscription.currency)
    renewal.saleor_order_id, renewal.saleor_order_number = order["id"], order["number"]
    renewal.amount, renewal.state = total, Renewal.State.DRAFTED

    card = subscription.payment_kind == PaymentMethodKind.CARD
    if card:
        method = saved_card(subscription)
        charge = charge_off_session(
            customer_id=method.customer.stripe_customer_id, payment_method_id=method.stripe_payment_method_id,
            amount=total, currency=subscription.currency, idempotency_key=renewal.idempotency_key(),
            metadata={"subscription": str(subscription.pk), "cycle": str(renewal.cycle), "saleor_order_id": order["id"]},
        )
        if charge.outcome != Outcome.SUCCEEDED:
            return _declined(subscription, renewal, charge, client, order)
        renewal.payment_intent_id, renewal.state = charge.payment_intent_id, Renewal.State.CHARGED

    if order["status"] == "DRAFT":
        try:
            client.execute("DraftOrderComplete", {"id": order["id"]})
        except SaleorMutationError as exc:  # e.g. no warehouse for the address holds the stock: retried next run
            raise RenewalProblem(f"Saleor did not complete the renewal order: {exc}") from None
    renewal.state = Renewal.State.ORDER_CREATED
    metadata = {"subscription": str(subscription.pk), "cycle": str(renewal.cycle)}
    if card:
        record_charge(subscription.installation, order_id=order["id"], payment_method=method,
                      charge=ChargeResult(Outcome.SUCCEEDED, renewal.payment_intent_id, total, subscription.currency),
                      metadata=metadata)
    else:
        _request_payment(subscription, renewal, order["id"], metadata)
    renewal.state, renewal.last_error = Renewal.State.DONE, ""
    renewal.save()
    _advance(subscription, renewal)
    return renewal


def saved_card(subscription: Subscription):
    """The card a card subscription is charged on; without one the cycle is a problem for operators."""
    if subscription.payment_method is None:
        raise RenewalProblem("no saved card for this subscription")
    return subscription.payment_method


def _bulk_unconfirmed(order: dict) -> bool:
    """Bulk renewal orders are created unconfirmed, so that none ships before it is paid.

    Saleor itself confirms an unconfirmed order when a transaction is recorded on it, if its
    channel confirms new orders automatically (as draft orders are confirmed on completion).
    """
    return order["origin"] == "BULK_CREATE" and order["status"] == "UNCONFIRMED"


def _request_payment(subscription: Subscription, renewal: Renewal, order_id: str, metadata: dict) -> None:
    """Cash on delivery, bank transfer, konbini: the order goes out unpaid with the amount pending."""
    try:
        konbini_intent = request_renewal_payment(
            subscription.installation, kind=subscription.payment_kind, order_id=order_id, amount=renewal.amount,
            currency=subscription.currency, reference=renewal.external_reference, email=subscription.email,
            billing_address=subscription.billing_address, metadata=metadata)
    except (stripe.APIConnectionError, stripe.RateLimitError):
        raise  # Stripe unavailable: the run is retried, the same keys find what was made
    except stripe.StripeError as exc:
        raise RenewalProblem(f"the {subscription.payment_kind} payment could not be started: {exc.user_message or exc}") from None
    renewal.payment_intent_id = konbini_intent or ""


def _advance(subscription: Subscription, renewal: Renewal) -> None:
    terms = subscription.lines.first().plan_version.terms
    subscription.deliveries = renewal.cycle
    if terms.billing_limit and subscription.deliveries >= terms.billing_limit:
        subscription.status, subscription.next_renewal_on = Subscription.Status.COMPLETED, None
        subscription.ended_at = timezone.now()
    else:
        in_trial = bool(terms.trial) and subscription.deliveries < terms.trial.deliveries
        subscription.status = Subscription.Status.TRIALING if in_trial else Subscription.Status.ACTIVE
        subscription.next_renewal_on = slot_date(subscription, renewal.cycle + 1 + subscription.skipped, terms)
    subscription.save()
    record_event(subscription.installation, "renewal.done", subscription=subscription.pk, cycle=renewal.cycle,
                 order=renewal.saleor_order_id, amount=str(renewal.amount), status=subscription.status)


def _end_of_period(subscription: Subscription) -> Renewal:
    """Cancelled at period end: the paid period is over, so the cycle is skipped and nothing charged."""
    renewal = current_renewal(subscription)
    renewal.state = Renewal.State.SKIPPED
    renewal.save()
    subscription.status, subscription.next_renewal_on = Subscription.Status.CANCELLED, None
    subscription.ended_at = timezone.now()
    subscription.save()
    record_event(subscription.installation, "subscription.cancelled", subscription=subscription.pk, at="period_end")
    return renewal


def _declined(subscription: Subscription, renewal: Renewal, charge: ChargeResult, client: SaleorClient, order: dict) -> Renewal:
    """Dunning: retry after the installation's offsets (default +7 and +14 days), then cancel or pause.

    The cycle's order waits for the retries (a draft, or an unconfirmed bulk order). After the last
    one, an unconfirmed order of a cancelled subscription is cancelled too, so that nobody ships or
    counts it; a paused one keeps it for the delivery that resuming pays for.
    """
    installation = subscription.installation
    offsets = installation.retry_offsets_days or DEFAULT_RETRY_OFFSETS
    renewal.attempts += 1  # the next attempt is a new charge with a new idempotency key
    renewal.decline_code, renewal.last_error = charge.decline_code or "", charge.message
    if charge.outcome == Outcome.FINAL or renewal.attempts > len(offsets):
        renewal.state = Renewal.State.FAILED
        paused = installation.after_last_retry == "pause"
        subscription.status = Subscription.Status.PAUSED if paused else Subscription.Status.CANCELLED
        subscription.next_renewal_on = None
        subscription.ended_at = None if paused else timezone.now()
        if not paused and _bulk_unconfirmed(order):
            client.execute("OrderCancel", {"id": order["id"]})
    else:
        renewal.state = Renewal.State.RETRY_SCHEDULED
        subscription.status = Subscription.Status.PAST_DUE
        subscription.next_renewal_on = renewal.scheduled_for + datetime.timedelta(days=offsets[renewal.attempts - 1])
    renewal.save()
    subscription.save()
    record_event(installation, "renewal.declined", actor=Event.Actor.SYSTEM, subscription=subscription.pk,
                 cycle=renewal.cycle, outcome=charge.outcome, decline_code=renewal.decline_code,
                 next_attempt=str(subscription.next_renewal_on), status=subscription.status)
    return renewal


def problem_found(subscription: Subscription, message: str) -> Renewal:
    renewal = current_renewal(subscription)
    renewal.state, renewal.last_error = Renewal.State.FAILED, message
    renewal.save()
    record_event(subscription.installation, "renewal.problem", subscription=subscription.pk, cycle=renewal.cycle, message=message)
    logger.warning("renewal of subscription #%s cycle %s: %s", subscription.pk, renewal.cycle, message)
    return renewal
