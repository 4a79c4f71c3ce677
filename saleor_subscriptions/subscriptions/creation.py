"""Subscriptions start from the Saleor order that bought them, exactly once per order and plan."""

import dataclasses
import logging
from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime

from ..checkout.line_plan import names_plan, plan_version
from ..core.models import Event, record_event
from ..payment_methods import registry
from ..payments.models import PaymentInstructions, PaymentMethod
from ..payments.setup_intents import card_saved_at_checkout, is_setup
from ..plans.models import PlanVersion
from ..plans.pricing import PricingError, price_line
from ..plans.terms import PaymentMethodKind
from ..renewals.engine import today_in
from ..saleor.languages import language_for
from ..saleor.payloads import Order, OrderLine
from . import awaiting_card
from .calendar import planned_deliveries
from .models import Subscription, SubscriptionLine
from .search_terms import index_terms

logger = logging.getLogger(__name__)
PAID = {"FULL", "OVERCHARGED"}


def payment_kind(installation, order: Order) -> str:
    for reference in order.psp_references:
        if method := registry.for_reference(reference):  # cash, transfer, a plug-in's: `name:transaction`
            return method.name
        if PaymentInstructions.objects.filter(installation=installation, payment_intent_id=reference).exists():
            return PaymentMethodKind.KONBINI
    return PaymentMethodKind.CARD


def _genuine(version: PlanVersion, line: OrderLine, currency: str) -> bool:
    """Line metadata is public in Saleor: only an app-set price that matches the plan counts."""
    if not line.is_price_overridden:
        return False
    try:
        expected = price_line(version.terms, currency=currency, quantity=line.quantity, delivery=1).unit
    except PricingError:
        return version.terms.regular.percent_off is not None  # priced off the list price: the override stands
    return expected == line.unit_price_gross


def subscriptions_from_order(installation, payload: dict) -> list[Subscription]:
    order = Order.from_payload(payload)
    groups: dict[PlanVersion, list[OrderLine]] = defaultdict(list)
    for line in order.lines:
        if not names_plan(line.metadata):
            continue
        version = plan_version(installation, line.metadata)
        if version is None or not _genuine(version, line, order.currency):
            record_event(installation, "subscription.refused", actor=Event.Actor.SALEOR, order=order.id, line=line.id,
                         reason="the line's plan or price does not match a plan of this shop")
            continue
        groups[version].append(line)
    if not groups:
        return []
    kind = payment_kind(installation, order)
    if kind == PaymentMethodKind.CARD and order.charge_status not in PAID:
        return []  # ORDER_FULLY_PAID comes once the card payment covers the order
    if not order.user_id:
        record_event(installation, "subscription.refused", actor=Event.Actor.SALEOR, order=order.id, reason="guest order")
        return []
    card, setup_only = None, False
    if kind == PaymentMethodKind.CARD and any(is_setup(reference) for reference in order.psp_references):
        # nothing was due: the card saved by the order's SetupIntent pays the renewals; an order with no card
        # payment besides (e.g. after shipping was added) waits for that card if it is not saved yet
        card = card_saved_at_checkout(installation, order.user_id, order.psp_references)
        if setup_only := all(is_setup(reference) for reference in order.psp_references):
            card = awaiting_card.card_for(installation, order, payload, card)
            if card is None:
                return []
    subscriptions = [_start(installation, order, version, lines, kind, card=card) for version, lines in groups.items()]
    if setup_only:
        awaiting_card.started(installation, order, card, subscriptions)
    return subscriptions


def operator_subscriptions(installation, payload: dict, versions: list[PlanVersion], kind: str, *, staff: str,
                           shipping_address: dict | None, shipping_method_id: str | None) -> list[Subscription]:
    """A phone order's subscriptions, from its order's lines in the order they were entered (one version each)."""
    order = Order.from_payload(payload)
    order = dataclasses.replace(order, shipping_address=shipping_address or order.shipping_address,
                                billing_address=order.billing_address or shipping_address,
                                shipping_method_id=order.shipping_method_id or shipping_method_id)
    groups: dict[PlanVersion, list[OrderLine]] = defaultdict(list)
    for version, line in zip(versions, order.lines, strict=True):
        groups[version].append(line)
    return [_start(installation, order, version, lines, kind, origin=Subscription.Origin.OPERATOR, actor_id=staff)
            for version, lines in groups.items()]


def _start(installation, order: Order, version: PlanVersion, lines: list[OrderLine], kind: str,
           origin: str = Subscription.Origin.STOREFRONT, actor_id: str = "", card: PaymentMethod | None = None) -> Subscription:
    terms = version.terms
    started_on = today_in(installation, parse_datetime(order.created) if order.created else None)
    next_on = planned_deliveries(installation, terms, started_on, 2)[1]
    in_trial = bool(terms.trial) and (terms.trial.deliveries > 1 or terms.free_trial_days is not None)
    finished = terms.billing_limit == 1
    if kind == PaymentMethodKind.CARD and card is None:
        card = PaymentMethod.objects.filter(customer__installation=installation, customer__saleor_user_id=order.user_id,
                                            replaced_at=None).order_by("-created_at").first()
    try:
        with transaction.atomic():
            subscription = Subscription.objects.create(
                installation=installation, plan=version.plan, origin_order_id=order.id, origin=origin,
                status=Subscription.Status.COMPLETED if finished else
                Subscription.Status.TRIALING if in_trial else Subscription.Status.ACTIVE,
                customer_id=order.user_id, email=order.user_email or "", channel_id=order.channel_id,
                channel_slug=order.channel_slug,
                currency=order.currency, language=language_for(order.language_code, installation.default_language),
                payment_kind=kind, payment_method=card, shipping_address=order.shipping_address,
                billing_address=order.billing_address, shipping_method_id=order.shipping_method_id or "",
                started_on=started_on, next_renewal_on=None if finished else next_on,
                first_order_amount=sum((line.total_price_gross for line in lines), Decimal(0)),
            )
            SubscriptionLine.objects.bulk_create(
                SubscriptionLine(subscription=subscription, variant_id=line.variant_id, quantity=line.quantity, plan_version=version)
                for line in lines
            )
            index_terms(subscription)
            record_event(installation, "subscription.started", actor=Event.Actor.STAFF if actor_id else Event.Actor.SALEOR,
                         actor_id=actor_id, subscription=subscription.pk,
                         order=order.id, plan=version.plan.code, version=version.number, payment=kind)
    except IntegrityError:  # a redelivered webhook, or ORDER_CREATED after ORDER_FULLY_PAID
        return Subscription.objects.get(installation=installation, origin_order_id=order.id, plan=version.plan)
    logger.info("subscription #%s started from order %s", subscription.pk, order.number)
    return subscription
