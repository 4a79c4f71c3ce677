"""What customers and operators do to a subscription: each change checked, then recorded as an Event.

Customers are held to the installation's change cut-off (no changes within N days of a delivery)
and the plan's minimum commitment. Staff are held to them too unless they override on purpose
(`force=True`, the API's `override`) and the plan's `staff_overrides` allow it; the event then
names the override. The system is not bound by the cut-off. A failed payment's retry is not a
delivery: a past-due subscription has no cut-off.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ..core.errors import InputError
from ..core.money import quantize
from ..core.models import Event, record_event
from ..payment_methods import registry
from ..plans.terms import StaffOverride
from ..saleor.client import SaleorClient
from .calendar import slot_date
from .models import Subscription
from .search_terms import index_terms

CHANGEABLE = (Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE)


MAX_PRICE = Decimal(10) ** 9  # major units, as for plan prices
ONE_DAY = datetime.timedelta(days=1)


class LifecycleError(InputError):
    """A change refused; nothing was saved."""


def change_deadline(subscription) -> datetime.date | None:
    """The last day a customer may change or cancel the next delivery; None when no cut-off applies."""
    if subscription.next_renewal_on is None or subscription.status == Subscription.Status.PAST_DUE:
        return None  # the next date is a retry of a delivery already ordered
    return subscription.next_renewal_on - datetime.timedelta(days=subscription.installation.change_cutoff_days)


def _terms(subscription):
    return subscription.lines.select_related("plan_version").first().plan_version.terms


def _check_status(subscription, statuses) -> None:
    if subscription.status not in statuses:
        raise LifecycleError("status", "invalid_status", f"a {subscription.status} subscription cannot be changed this way",
                             status=subscription.status)


def _open_after(subscription, delivered_on: datetime.date, slot: int) -> datetime.date | None:
    """The first day after the delivery of `delivered_on` on which the one after it (schedule `slot` on) can still change.

    None when the cut-off is as long as the interval: the deliveries are then never open to customers' changes.
    """
    cutoff = datetime.timedelta(days=subscription.installation.change_cutoff_days)
    day = delivered_on
    for following_slot in range(slot, slot + 12):
        following = slot_date(subscription, following_slot)
        if day + ONE_DAY <= following - cutoff:
            return day + ONE_DAY
        day = following
    return None


def _check(subscription, actor, today, *, force, statuses=CHANGEABLE) -> dict:
    """Refuse a change the actor may not make now; what staff overrode, as the event's data."""
    _check_status(subscription, statuses)
    if actor not in (Event.Actor.CUSTOMER, Event.Actor.STAFF):
        return {}
    deadline = change_deadline(subscription)
    if deadline is None or today <= deadline:
        return {}
    if actor == Event.Actor.STAFF and force:
        allowed(subscription, StaffOverride.CUTOFF)
        return {"overrides": [StaffOverride.CUTOFF.value]}
    cutoff = subscription.installation.change_cutoff_days
    reopens = _open_after(subscription, subscription.next_renewal_on, subscription.deliveries + 2 + subscription.skipped)
    raise LifecycleError(
        "nextRenewalOn", "past_cutoff",
        f"the next delivery ({subscription.next_renewal_on}) is in {(subscription.next_renewal_on - today).days} days: "
        f"changes close {cutoff} days before" + (f"; possible again from {reopens}" if reopens else ""),
        words="past_cutoff" if reopens else "past_cutoff.undated",
        next_date=subscription.next_renewal_on, deadline=deadline, days=cutoff, date=reopens,
    )


def allowed(subscription, override: StaffOverride) -> None:
    """Staff override the customers' rule only where the plan's terms allow it."""
    if override not in _terms(subscription).staff_overrides:
        raise LifecycleError("override", "override_not_allowed", f"this plan does not let staff override its {override}",
                             words=f"override_not_allowed.{override}")


def staff_overrides(subscription) -> list[str]:
    """What staff may override on this subscription, by its plan's terms."""
    return [str(override) for override in _terms(subscription).staff_overrides]


def _line(subscription, line_id: int):
    line = subscription.lines.filter(pk=line_id).first()
    if line is None:
        raise LifecycleError("lineId", "not_found", "no such line in this subscription")
    return line


def _check_quantity(terms, quantity: int, field: str) -> None:
    if quantity < terms.min_quantity or (terms.max_quantity and quantity > terms.max_quantity):
        raise LifecycleError(field, "quantity_out_of_range",
                             f"the plan takes {terms.min_quantity}–{terms.max_quantity or '∞'} per delivery",
                             words="quantity_range" if terms.max_quantity else None,
                             minimum=terms.min_quantity, maximum=terms.max_quantity)


def _record(subscription, type, actor, actor_id, **data):
    subscription.save()
    record_event(subscription.installation, type, actor=actor, actor_id=actor_id, subscription=subscription.pk, **data)
    return subscription


def _locked(subscription) -> Subscription:
    return Subscription.objects.select_for_update().select_related("installation").get(pk=subscription.pk)


@transaction.atomic
def skip_next(subscription, *, actor, actor_id="", today, force=False) -> Subscription:
    """The next delivery does not happen; the one after keeps the plan's rhythm."""
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    skipped_on = subscription.next_renewal_on
    subscription.skipped += 1
    subscription.next_renewal_on = slot_date(subscription, subscription.deliveries + 1 + subscription.skipped)
    return _record(subscription, "subscription.skipped", actor, actor_id, skipped=str(skipped_on),
                   next=str(subscription.next_renewal_on), **overridden)


@transaction.atomic
def reschedule_next(subscription, on: datetime.date, *, actor, actor_id="", today, force=False) -> Subscription:
    """Move only the next delivery; later ones stay on the plan's dates."""
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    bound = actor in (Event.Actor.CUSTOMER, Event.Actor.STAFF)
    earliest = today + datetime.timedelta(days=subscription.installation.change_cutoff_days if bound else 0)
    if on < earliest and actor == Event.Actor.STAFF and force:
        allowed(subscription, StaffOverride.CUTOFF)
        overridden, earliest = {"overrides": [StaffOverride.CUTOFF.value]}, today
    if on < earliest:
        raise LifecycleError("on", "too_soon", f"choose a date from {earliest} on", date=earliest)
    following = slot_date(subscription, subscription.deliveries + 2 + subscription.skipped)
    if on >= following:
        raise LifecycleError("on", "too_late", f"choose a date before the following delivery ({following}); skip instead",
                             date=following)
    moved_from, subscription.next_renewal_on = subscription.next_renewal_on, on
    return _record(subscription, "subscription.rescheduled", actor, actor_id, moved_from=str(moved_from), to=str(on),
                   **overridden)


@transaction.atomic
def change_quantity(subscription, line_id: int, quantity: int, *, actor, actor_id="", today, force=False) -> Subscription:
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    line = _line(subscription, line_id)
    _check_quantity(line.plan_version.terms, quantity, "quantity")
    before, line.quantity = line.quantity, quantity
    line.save(update_fields=["quantity"])
    return _record(subscription, "subscription.quantity_changed", actor, actor_id, line=line.pk, before=before, after=quantity,
                   **overridden)


def change_variant(subscription, line_id: int, variant_id: str, *, actor, actor_id="", today, force=False) -> Subscription:
    """Another variant of the same product (a flavour, a size), if it is sold in the channel and subscribable.

    Saleor is asked first, with no transaction open; the change itself is one short transaction.
    """
    return swap_variant(subscription, line_id, variant_id, sold_variant(subscription, variant_id), actor=actor,
                        actor_id=actor_id, today=today, force=force)


@transaction.atomic
def swap_variant(subscription, line_id: int, variant_id: str, sold, *, actor, actor_id="", today,
                 force=False) -> Subscription:
    """change_variant once Saleor said how the channel sells the variant (`sold`: sold_variant's answer)."""
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    line = _line(subscription, line_id)
    _check_variant(subscription, sold, variant_id)
    if subscription.lines.filter(variant_id=variant_id).exclude(pk=line.pk).exists():
        raise LifecycleError("variantId", "duplicate", "this variant is already a line: change its quantity instead",
                             words="line_exists_staff")
    before, line.variant_id = line.variant_id, variant_id
    line.save(update_fields=["variant_id"])
    return _record(subscription, "subscription.variant_changed", actor, actor_id, line=line.pk, before=before, after=variant_id,
                   **overridden)


def sold_variant(subscription, variant_id: str):
    """Saleor's answer (no transaction open): the variant as this channel sells it, or None."""
    return SaleorClient.for_installation(subscription.installation).execute(
        "VariantProduct", {"variantId": variant_id, "channel": subscription.channel_slug})["productVariant"]


def _check_variant(subscription, found, variant_id: str) -> None:
    product = subscription.plan.product
    if found is None or found["product"]["id"] != product.product_id or not product.covers(variant_id):
        raise LifecycleError("variantId", "not_available",
                             "choose a subscribable variant of the same product that this channel sells")


def add_line(subscription, variant_id: str, quantity: int, *, actor, actor_id="", today, force=False) -> Subscription:
    """Another variant of the subscription's product from the next delivery on, on the plan version of the others."""
    found = sold_variant(subscription, variant_id)
    with transaction.atomic():
        subscription = _locked(subscription)
        overridden = _check(subscription, actor, today, force=force)
        _check_variant(subscription, found, variant_id)
        if subscription.lines.filter(variant_id=variant_id).exists():
            raise LifecycleError("variantId", "duplicate", "this variant is already a line: change its quantity instead",
                                 words="line_exists_staff")
        version = subscription.lines.select_related("plan_version").first().plan_version
        _check_quantity(version.terms, quantity, "quantity")
        line = subscription.lines.create(variant_id=variant_id, quantity=quantity, plan_version=version)
        return _record(subscription, "subscription.line_added", actor, actor_id, line=line.pk, variant=variant_id,
                       quantity=quantity, **overridden)


@transaction.atomic
def remove_line(subscription, line_id: int, *, actor, actor_id="", today, force=False) -> Subscription:
    """A line stops from the next delivery on; the last one cannot go (cancel the subscription instead)."""
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    line = _line(subscription, line_id)
    if subscription.lines.count() == 1:
        raise LifecycleError("lineId", "last_line", "a subscription keeps at least one line: cancel it instead")
    line.delete()
    return _record(subscription, "subscription.line_removed", actor, actor_id, line=line_id, variant=line.variant_id,
                   quantity=line.quantity, **overridden)


@transaction.atomic
def change_shipping_method(subscription, shipping_method_id: str, *, actor, actor_id="", today,
                           force=False) -> Subscription:
    """Another shipping method (one Saleor offers for the channel and address) from the next delivery on."""
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    before, subscription.shipping_method_id = subscription.shipping_method_id, shipping_method_id
    return _record(subscription, "subscription.shipping_method_changed", actor, actor_id, before=before,
                   after=shipping_method_id, **overridden)


@transaction.atomic
def change_plan(subscription, plan, *, actor, actor_id="", today, force=False) -> Subscription:
    """Another plan of the same product, usually another interval ("every 2 months instead of every month").

    The next delivery keeps its date; the ones after it follow the new plan's rhythm and anchor. Lines
    move to the plan's current version; the delivery count (and so trial and price steps) carries on.
    """
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    if plan.pk == subscription.plan_id:
        raise LifecycleError("planId", "unchanged", "the subscription is already on this plan")
    if plan.product_id != subscription.plan.product_id or plan.is_archived or not plan.product.is_subscribable:
        raise LifecycleError("planId", "not_available", "choose an offered plan of the same product")
    version = plan.current_version
    terms = version.terms
    if subscription.payment_kind not in terms.payment_methods:
        raise LifecycleError("planId", "payment_method", f"this plan cannot be paid by {subscription.payment_kind}")
    for line in subscription.lines.all():
        _check_quantity(terms, line.quantity, "planId")
    if Subscription.objects.filter(installation=subscription.installation, plan=plan,
                                   origin_order_id=subscription.origin_order_id).exists():
        raise LifecycleError("planId", "duplicate", "a subscription from the same order is already on this plan")
    before = subscription.plan.code
    subscription.lines.update(plan_version=version)
    subscription.plan = plan
    if subscription.next_renewal_on is not None:
        subscription.schedule_anchor_on = subscription.next_renewal_on
        subscription.schedule_anchor_slot = subscription.deliveries + 1 + subscription.skipped
    return _record(subscription, "subscription.plan_changed", actor, actor_id, before=before, after=plan.code,
                   version=version.number, next=str(subscription.next_renewal_on), **overridden)


@transaction.atomic
def change_address(subscription, shipping_address: dict, *, shipping_method_id=None, actor, actor_id="", today,
                   force=False) -> Subscription:
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    if not shipping_address.get("country", {}).get("code") or not shipping_address.get("postalCode"):
        raise LifecycleError("shippingAddress", "invalid", "an address needs at least a country and a postal code")
    subscription.shipping_address = shipping_address
    if shipping_method_id is not None:
        subscription.shipping_method_id = shipping_method_id
    index_terms(subscription)
    return _record(subscription, "subscription.address_changed", actor, actor_id, **overridden)


@transaction.atomic
def set_price(subscription, line_id: int, price, *, reason: str, actor, actor_id="", today) -> Subscription:
    """A per-subscriber unit price for a line from the next delivery on, with why; `price=None` returns to the plan's."""
    subscription = _locked(subscription)
    line = _line(subscription, line_id)
    if price is not None:
        if not price.is_finite() or price < 0 or price > MAX_PRICE or quantize(price, subscription.currency) != price:
            raise LifecycleError("price", "invalid", f"a price from 0 to {MAX_PRICE} in {subscription.currency}'s precision")
        if not reason.strip():
            raise LifecycleError("reason", "invalid", "say why this subscriber pays another price")
    before, line.unit_price_override = line.unit_price_override, price
    line.save(update_fields=["unit_price_override"])
    return _record(subscription, "subscription.price_set", actor, actor_id, line=line.pk, reason=reason.strip()[:500],
                   before=None if before is None else str(before), after=None if price is None else str(price))


def switchable_methods(subscription) -> list[str]:
    """The methods the renewals may move to by name: those the channel offers and the plan takes, in the channel's
    currency (as at checkout), but the card (a card is saved, not chosen: `use_card`)."""
    return [name for name in registry.offered_in(subscription.installation, channel=subscription.channel_slug,
                                                 currency=subscription.currency, plans=[_terms(subscription).payment_methods])
            if not registry.get(name).charged_off_session]


@transaction.atomic
def use_payment_method(subscription, kind: str, *, actor, actor_id="", today) -> Subscription:
    """Renewals are paid by `kind` from now on (cash on delivery, bank transfer, konbini, a plug-in's method): each
    renewal order asks for its payment through the method (`request_renewal`), if the plan takes it.

    The saved card stays on file; a payment that failed is requested again today the new way.
    """
    subscription = _locked(subscription)
    if kind not in switchable_methods(subscription):
        raise LifecycleError("paymentMethod", "payment_method", f"this plan is not paid by {kind} here")
    subscription.payment_kind = kind
    if subscription.status == Subscription.Status.PAST_DUE:
        subscription.next_renewal_on = today
    return _record(subscription, "subscription.payment_method_changed", actor, actor_id, payment=kind)


@transaction.atomic
def use_card(subscription, payment_method, *, actor, actor_id="", today) -> Subscription:
    """Renewals charge this card from now on; a payment that failed is tried again today with it.

    A new card replaces the customer's old ones (payments.methods), so the customer's other subscriptions
    that pay by card move to it too rather than keep charging a card the customer replaced.
    """
    siblings = (Subscription.objects.filter(installation_id=subscription.installation_id, customer_id=subscription.customer_id,
                                            payment_kind="card",
                                            payment_method__customer_id=payment_method.customer_id,
                                            status__in=(*CHANGEABLE, Subscription.Status.PAUSED))
                .exclude(pk=subscription.pk).exclude(payment_method=payment_method))
    for other in siblings:
        _switch_card(other, payment_method, actor, actor_id, today)
    return _switch_card(subscription, payment_method, actor, actor_id, today)


def _switch_card(subscription, payment_method, actor, actor_id, today) -> Subscription:
    subscription = _locked(subscription)
    subscription.payment_kind, subscription.payment_method = "card", payment_method
    if subscription.status == Subscription.Status.PAST_DUE:
        subscription.next_renewal_on = today
    return _record(subscription, "subscription.card_changed", actor, actor_id, card=payment_method.last4)


@transaction.atomic
def pause(subscription, *, until: datetime.date | None = None, actor, actor_id="", today, force=False) -> Subscription:
    """No deliveries until `until` (or until resumed)."""
    subscription = _locked(subscription)
    overridden = _check(subscription, actor, today, force=force)
    subscription.status, subscription.paused_until = Subscription.Status.PAUSED, until
    return _record(subscription, "subscription.paused", actor, actor_id, until=str(until) if until else None, **overridden)


@transaction.atomic
def resume(subscription, *, actor, actor_id="", today) -> Subscription:
    """Deliveries restart on the first of the plan's dates from today on; the ones missed are skipped."""
    subscription = _locked(subscription)
    if subscription.status != Subscription.Status.PAUSED:
        raise LifecycleError("status", "invalid_status", "only a paused subscription can be resumed")
    while subscription.next_renewal_on is None or subscription.next_renewal_on < today:
        subscription.skipped += 1
        subscription.next_renewal_on = slot_date(subscription, subscription.deliveries + 1 + subscription.skipped)
    subscription.status, subscription.paused_until = Subscription.Status.ACTIVE, None
    return _record(subscription, "subscription.resumed", actor, actor_id, next=str(subscription.next_renewal_on))


def resume_due(installation, today: datetime.date) -> int:
    """Beat: subscriptions paused until a date that has come are resumed."""
    resumed = 0
    for subscription in Subscription.objects.filter(installation=installation, status=Subscription.Status.PAUSED,
                                                    paused_until__lte=today):
        resume(subscription, actor=Event.Actor.SYSTEM, today=today)
        resumed += 1
    return resumed


def _commitment_met_from(subscription, commitment: int) -> datetime.date | None:
    """The first day a customer may cancel once the `commitment`-th delivery is made; None when no day can be named."""
    if subscription.next_renewal_on is None:
        return None
    slot = commitment + subscription.skipped  # the slots skipped so far stay skipped
    delivered_on = (subscription.next_renewal_on if commitment == subscription.deliveries + 1
                    else slot_date(subscription, slot))
    return _open_after(subscription, delivered_on, slot + 1)


def _check_cancel(subscription, actor, today, *, force) -> dict:
    """Refuse a cancellation the actor may not make now, naming the day it becomes possible; what staff overrode."""
    _check_status(subscription, (*CHANGEABLE, Subscription.Status.PAUSED))
    commitment = _terms(subscription).min_commitment
    short = bool(commitment and subscription.deliveries < commitment)
    if short and not force:
        possible = _commitment_met_from(subscription, commitment)
        raise LifecycleError("subscription", "commitment",
                             f"this plan is for at least {commitment} deliveries; {subscription.deliveries} so far"
                             + (f": cancelling is possible from {possible}" if possible else ""),
                             words="commitment" if possible else "commitment.undated",
                             commitment=commitment, deliveries=subscription.deliveries, date=possible)
    overridden = _check(subscription, actor, today, force=force, statuses=(*CHANGEABLE, Subscription.Status.PAUSED))
    if short:
        if actor == Event.Actor.STAFF:
            allowed(subscription, StaffOverride.COMMITMENT)
        overridden = {"overrides": [*overridden.get("overrides", ()), StaffOverride.COMMITMENT.value],
                      "commitment_overridden": f"{subscription.deliveries} of {commitment} deliveries"}
    return overridden


def check_cancel(subscription, *, actor, today) -> None:
    """Raise the refusal `cancel` would raise now (nothing is locked or saved): asked before offers are shown."""
    _check_cancel(subscription, actor, today, force=False)


@transaction.atomic
def cancel(subscription, *, at_period_end: bool, actor, actor_id="", today, force=False, reason="") -> Subscription:
    """Now (no further delivery) or at the end of the paid period; never before the minimum commitment.

    `reason` (why the customer leaves, as they said it) is kept in the event, for the churn figures.
    """
    subscription = _locked(subscription)
    overridden = _check_cancel(subscription, actor, today, force=force)
    if at_period_end:
        subscription.cancel_at_period_end = True
    else:
        subscription.status, subscription.next_renewal_on = Subscription.Status.CANCELLED, None
        subscription.ended_at = timezone.now()
        from ..renewals.tasks import discard_unpaid_orders  # renewals import this module

        transaction.on_commit(lambda: discard_unpaid_orders.delay(subscription.pk))
    if reason.strip():
        overridden["reason"] = reason.strip()[:500]
    return _record(subscription, "subscription.cancel_requested" if at_period_end else "subscription.cancelled",
                   actor, actor_id, at="period_end" if at_period_end else "now", **overridden)
