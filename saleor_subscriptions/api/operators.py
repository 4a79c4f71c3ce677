"""The operators' desk in the Dashboard: find subscriptions and see one whole (staff with MANAGE_ORDERS)."""

import datetime

import graphene

from ..core.models import Event
from ..core.money import format_money, quantize
from ..mail.models import MailLog
from ..plans.pricing import PricingError, price_line
from ..subscriptions.calendar import slot_date
from ..subscriptions.models import Subscription
from ..subscriptions.search import SearchError, cursor, find, needs_attention
from .staff import StaffError, _guarded, _refuse, staff
from .types import Money

UPCOMING = 6
ROW_ID_MAX = 2**63 - 1


def row_id(value) -> int:
    """An id argument as a row number; 0 (no row) when it is not one, however long."""
    text = str(value)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 19 and int(text) <= ROW_ID_MAX else 0


class SubscriptionStatus(graphene.Enum):
    TRIALING = "trialing"
    ACTIVE = "active"
    PAUSED = "paused"
    PAST_DUE = "past_due"
    CANCELLED = "cancelled"
    COMPLETED = "completed"


class SubscriptionRow(graphene.ObjectType):
    id = graphene.ID(required=True)
    status = graphene.Field(SubscriptionStatus, required=True)
    email = graphene.String(required=True)
    customer_id = graphene.ID(required=True, description="The Saleor User")
    channel = graphene.String(required=True, description="Channel slug")
    currency = graphene.String(required=True)
    plan = graphene.String(required=True, description="Plan code")
    next_delivery = graphene.Date()
    deliveries = graphene.Int(required=True)
    payment = graphene.String(required=True, description="card, konbini, cod or bank_transfer")
    needs_attention = graphene.Boolean(required=True, description="past due, or its current cycle failed or waits for stock")

    @staticmethod
    def of(subscription: Subscription) -> dict:
        return {"id": subscription.pk, "status": subscription.status, "email": subscription.email,
                "customer_id": subscription.customer_id, "channel": subscription.channel_slug,
                "currency": subscription.currency, "plan": subscription.plan.code, "next_delivery": subscription.next_renewal_on,
                "deliveries": subscription.deliveries, "payment": subscription.payment_kind,
                "needs_attention": subscription.needs_attention}


class PageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean(required=True)
    end_cursor = graphene.String()


class StaffSubscriptions(graphene.ObjectType):
    subscriptions = graphene.List(graphene.NonNull(SubscriptionRow), required=True)
    page_info = graphene.Field(PageInfo)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_subscriptions(root, info, search=None, status=None, channel=None, next_from=None, next_to=None,
                                needs_attention=None, first=50, after=None):
    def work():
        installation, _ = staff(info.context, "MANAGE_ORDERS")
        try:
            page, more = find(installation, search=search, status=[str(getattr(item, "value", item)) for item in status or ()],
                              channel=channel, next_from=next_from, next_to=next_to, attention=needs_attention,
                              first=50 if first is None else first, after=after)
        except SearchError as exc:
            raise _refuse(exc.field, "invalid", exc.message) from None
        return {"subscriptions": [SubscriptionRow.of(row) for row in page],
                "page_info": {"has_next_page": more, "end_cursor": cursor(page[-1]) if page else None}}

    return {"subscriptions": [], "page_info": None, **_guarded(work)}


class SubscriptionLineNode(graphene.ObjectType):
    id = graphene.ID(required=True)
    variant_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)
    plan_version = graphene.Int(required=True)
    next_unit_price = graphene.Field(Money, description="What the next delivery charges per unit (trial, steps, tiers, "
                                                        "override); null when priced off the list price of the day")
    price_override = graphene.Decimal()


class RenewalNode(graphene.ObjectType):
    cycle = graphene.Int(required=True)
    state = graphene.String(required=True)
    scheduled_for = graphene.Date(required=True)
    order_id = graphene.ID(description="The Saleor order (open it with App Bridge's redirect)")
    order_number = graphene.String()
    amount = graphene.Field(Money)
    attempts = graphene.Int(required=True)
    problem = graphene.String(description="Why the cycle stopped, for an operator")


class EventNode(graphene.ObjectType):
    type = graphene.String(required=True)
    actor = graphene.String(required=True)
    actor_id = graphene.String(required=True, description="Who: a staff user, the customer, Saleor or the system")
    at = graphene.DateTime(required=True)
    data = graphene.JSONString(required=True)


class MailNode(graphene.ObjectType):
    kind = graphene.String(required=True)
    status = graphene.String(required=True)
    subject = graphene.String(required=True)
    at = graphene.DateTime(required=True)


class SubscriptionDetail(graphene.ObjectType):
    subscription = graphene.Field(SubscriptionRow)
    lines = graphene.List(graphene.NonNull(SubscriptionLineNode), required=True)
    upcoming_deliveries = graphene.List(graphene.NonNull(graphene.Date), required=True,
                                        description="The next six delivery dates, the delivery calendar applied")
    card = graphene.String(description="Brand, last 4 and expiry of the saved card")
    shipping_address = graphene.JSONString()
    renewals = graphene.List(graphene.NonNull(RenewalNode), required=True)
    events = graphene.List(graphene.NonNull(EventNode), required=True)
    mails = graphene.List(graphene.NonNull(MailNode), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _money(amount, currency: str, language: str) -> dict:
    return {"amount": quantize(amount, currency), "currency": currency, "formatted": format_money(amount, currency, language)}


def _upcoming(subscription: Subscription, terms) -> list[datetime.date]:
    if subscription.next_renewal_on is None:
        return []
    first = subscription.deliveries + 1 + subscription.skipped
    return [subscription.next_renewal_on] + [slot_date(subscription, slot, terms) for slot in range(first + 1, first + UPCOMING)]


def resolve_staff_subscription(root, info, id):
    def work():
        installation, _ = staff(info.context, "MANAGE_ORDERS")
        subscription = (Subscription.objects.filter(installation=installation, pk=row_id(id))
                        .annotate(needs_attention=needs_attention()).select_related("plan", "payment_method").first())
        if subscription is None:
            raise _refuse("id", "not_found", f"no subscription {id} in this shop")
        language = installation.default_language
        lines, terms = [], None
        for line in subscription.lines.select_related("plan_version").order_by("pk"):
            terms = line.plan_version.terms
            try:
                unit = line.unit_price_override if line.unit_price_override is not None else price_line(
                    terms, currency=subscription.currency, quantity=line.quantity, delivery=subscription.deliveries + 1,
                    percent_off=line.percent_off).unit
                price = _money(unit, subscription.currency, language)
            except PricingError:
                price = None
            lines.append({"id": line.pk, "variant_id": line.variant_id, "quantity": line.quantity,
                          "plan_version": line.plan_version.number, "next_unit_price": price,
                          "price_override": line.unit_price_override})
        card = subscription.payment_method
        return {
            "subscription": SubscriptionRow.of(subscription), "lines": lines,
            "upcoming_deliveries": _upcoming(subscription, terms) if terms else [],
            "card": f"{card.brand} •••• {card.last4} {card.exp_month:02d}/{card.exp_year}" if card and card.exp_month else
                    (f"{card.brand} •••• {card.last4}" if card else None),
            "shipping_address": subscription.shipping_address,
            "renewals": [{"cycle": r.cycle, "state": r.state, "scheduled_for": r.scheduled_for, "order_id": r.saleor_order_id or None,
                          "order_number": r.saleor_order_number or None, "attempts": r.attempts,
                          "amount": _money(r.amount, r.currency or subscription.currency, language) if r.amount is not None else None,
                          "problem": r.last_error or None}
                         for r in subscription.renewals.order_by("-cycle")],
            "events": [{"type": e.type, "actor": e.actor, "actor_id": e.actor_id, "at": e.created_at, "data": e.data}
                       for e in Event.objects.filter(installation=installation, data__subscription=subscription.pk)
                       .order_by("-created_at")[:100]],
            "mails": [{"kind": m.kind, "status": m.status, "subject": m.subject, "at": m.created_at}
                      for m in MailLog.objects.filter(installation=installation, subscription_id=subscription.pk)
                      .order_by("-created_at")[:100]],
        }

    return {"subscription": None, "lines": [], "upcoming_deliveries": [], "renewals": [], "events": [], "mails": [],
            **_guarded(work)}

