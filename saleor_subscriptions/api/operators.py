"""The operators' desk in the Dashboard: find subscriptions and see one whole (staff with MANAGE_ORDERS)."""

import graphene

from ..core.error_texts import current_language, error_text
from ..core.models import Event
from ..core.money import format_money, quantize
from ..invoices import links as invoice_links
from ..invoices.gathering import invoiceable
from ..mail.models import MailLog
from ..payment_methods import registry
from ..payments import stripe_bank_transfer
from ..plans.pricing import PricingError, price_line
from ..renewals.problems import words as problem_words
from ..saleor.payloads import person_name
from ..saleor.variant_names import variant_names
from ..subscriptions import deletion
from ..subscriptions.addons import waiting_items
from ..subscriptions.actions import change_deadline, staff_overrides, switchable_methods
from ..subscriptions.calendar import upcoming_deliveries
from ..subscriptions.discounts import combined, discounted, retention_percent_off
from ..subscriptions.models import OrderAwaitingCard, Renewal, Subscription
from ..subscriptions.search import SearchError, cursor, find, needs_attention
from .operator_problems import problems
from .payment_choices import PaymentMethodChoice, payment_method_choices
from .retention import CancellationAttemptNode
from .staff import StaffError, _guarded, _refuse, staff
from .types import Money

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


def _plan_name(subscription: Subscription) -> str:
    """The name of the plan version its first line was bought on, in the staff's language; else the plan's code."""
    line = next(iter(subscription.lines.all()), None)
    if line is None:
        return subscription.plan.code
    return line.plan_version.terms.text(current_language(), subscription.installation.default_language).name


class SubscriptionRow(graphene.ObjectType):
    id = graphene.ID(required=True)
    status = graphene.Field(SubscriptionStatus, required=True)
    email = graphene.String(required=True)
    customer_name = graphene.String(required=True, description="From the billing (else shipping) address, written as "
                                                               "the staff's language writes names; may be empty")
    customer_id = graphene.ID(required=True, description="The Saleor User")
    channel = graphene.String(required=True, description="Channel slug")
    currency = graphene.String(required=True)
    plan = graphene.String(required=True, description="Plan code")
    plan_name = graphene.String(required=True, description="The plan's name in the staff's language (as bought)")
    next_delivery = graphene.Date()
    deliveries = graphene.Int(required=True)
    payment = graphene.String(required=True, description="The method's name: card, konbini, cod, bank_transfer or a plug-in's")
    payment_label = graphene.String(required=True, description="The method as the staff's language names it (a plug-in's too)")
    needs_attention = graphene.Boolean(required=True, description="past due, or its current cycle failed or waits for stock")

    @staticmethod
    def of(subscription: Subscription) -> dict:
        return {"id": subscription.pk, "status": subscription.status, "email": subscription.email,
                "customer_name": person_name(subscription.billing_address or subscription.shipping_address,
                                             current_language()),
                "customer_id": subscription.customer_id, "channel": subscription.channel_slug,
                "currency": subscription.currency, "plan": subscription.plan.code,
                "plan_name": _plan_name(subscription), "next_delivery": subscription.next_renewal_on,
                "deliveries": subscription.deliveries, "payment": subscription.payment_kind,
                "payment_label": registry.label(subscription.payment_kind, current_language()),
                "needs_attention": subscription.needs_attention}


class PageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean(required=True)
    end_cursor = graphene.String()


class StaffSubscriptions(graphene.ObjectType):
    subscriptions = graphene.List(graphene.NonNull(SubscriptionRow), required=True)
    page_info = graphene.Field(PageInfo)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_subscriptions(root, info, search=None, status=None, channel=None, customer=None, next_from=None,
                                next_to=None, needs_attention=None, first=50, after=None):
    def work():
        installation, _ = staff(info.context, "MANAGE_ORDERS")
        try:
            page, more = find(installation, search=search, status=[str(getattr(item, "value", item)) for item in status or ()],
                              channel=channel, customer=customer, next_from=next_from, next_to=next_to, attention=needs_attention,
                              first=50 if first is None else first, after=after)
        except SearchError as exc:
            raise _refuse(exc.field, "invalid", exc.message) from None
        return {"subscriptions": [SubscriptionRow.of(row) for row in page],
                "page_info": {"has_next_page": more, "end_cursor": cursor(page[-1]) if page else None}}

    return {"subscriptions": [], "page_info": None, **_guarded(work)}


class SubscriptionLineNode(graphene.ObjectType):
    id = graphene.ID(required=True)
    variant_id = graphene.ID(required=True)
    product_name = graphene.String(description="As Saleor names it, in the staff's language where translated; "
                                               "null when Saleor could not say")
    variant_name = graphene.String()
    plan_name = graphene.String(required=True, description="The name of the plan version the line is on")
    quantity = graphene.Int(required=True)
    plan_version = graphene.Int(required=True)
    next_unit_price = graphene.Field(Money, description="What the next delivery charges per unit (trial, steps, tiers, offers, "
                                                        "override); null when priced off the list price of the day")
    price_override = graphene.Decimal()


class OneTimeItemNode(graphene.ObjectType):
    id = graphene.ID(required=True, description="For staffSubscriptionOneTimeItemRemove")
    variant_id = graphene.ID(required=True)
    product_name = graphene.String(required=True, description="In the staff's language where Saleor translates it, "
                                                              "else as the customer saw it when added")
    variant_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    unit_price = graphene.Field(Money, required=True, description="The channel's price on the day it was added: "
                                                                  "what the order charges")
    total = graphene.Field(Money, required=True)
    in_order = graphene.Boolean(required=True, description="The next delivery's order is being made with it: "
                                                           "it can no longer be removed")


class PaymentStatus(graphene.Enum):
    NONE = "none"
    PENDING = "pending"
    PAID = "paid"
    FAILED = "failed"


class RenewalNode(graphene.ObjectType):
    cycle = graphene.Int(required=True)
    state = graphene.String(required=True)
    payment_status = graphene.Field(PaymentStatus, required=True, description="PENDING: the order awaits cash on "
                                    "delivery, a transfer or a konbini payment")
    can_confirm_payment = graphene.Boolean(required=True, description="Cash or a transfer is awaited: "
                                           "staffSubscriptionPaymentReceived confirms it")
    scheduled_for = graphene.Date(required=True)
    order_id = graphene.ID(description="The Saleor order (open it with App Bridge's redirect)")
    order_number = graphene.String()
    amount = graphene.Field(Money)
    amount_remaining = graphene.Field(Money, description="A bank transfer Stripe reconciles, partly paid: what is still "
                                                         "awaited (the rest arrived)")
    attempts = graphene.Int(required=True)
    problem = graphene.String(description="Why the cycle stopped, for an operator")
    invoice_url = graphene.String(description="The order's printable invoice (PDF) when it is paid after delivery "
                                              "(cash on delivery, konbini, bank transfer): a signed link valid for a day")


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


class PaymentMethodNode(graphene.ObjectType):
    kind = graphene.String(required=True, description="card, konbini, cod, bank_transfer or a plug-in method's name")
    label = graphene.String(required=True, description="The method's name in the reader's language")
    brand = graphene.String()
    last4 = graphene.String()
    exp_month = graphene.Int()
    exp_year = graphene.Int()

    @staticmethod
    def resolve_label(root, info) -> str:
        return registry.label(root["kind"], current_language())


class StaffOverride(graphene.Enum):
    CUTOFF = "cutoff"
    COMMITMENT = "commitment"


class DeletionEffects(graphene.ObjectType):
    orders_kept = graphene.Int(required=True, description="Orders already placed: they stay in Saleor")
    drafts_deleted = graphene.Int(required=True, description="Unpaid renewal orders of the app that leave Saleor (at most)")
    summary = graphene.String(required=True, description="What deleting does, in the staff's language")


class SubscriptionDetail(graphene.ObjectType):
    subscription = graphene.Field(SubscriptionRow)
    customer_name = graphene.String(required=True, description="From the billing (else shipping) address; may be empty")
    plan_name = graphene.String(required=True)
    first_order_id = graphene.ID(description="The Saleor order that started it (null once deleted)")
    started_on = graphene.Date()
    lines = graphene.List(graphene.NonNull(SubscriptionLineNode), required=True)
    one_time_items = graphene.List(graphene.NonNull(OneTimeItemNode), required=True,
                                   description="Added to the next delivery only (staffSubscriptionOneTimeItemAdd)")
    payment_method = graphene.Field(PaymentMethodNode)
    payment_method_choices = graphene.List(
        graphene.NonNull(PaymentMethodChoice), required=True,
        description="What staff may switch the renewals to (staffSubscriptionPaymentMethod): the methods the channel "
                    "offers and the plan takes that ask for each payment and need no act of the customer's at that "
                    "moment; a card is taken apart")
    problems = graphene.List(graphene.NonNull(graphene.String), required=True,
                             description="Open problems in plain words, in the staff's language, most urgent first")
    change_deadline = graphene.Date(description="The customers' last day to change the next delivery; after it staff "
                                                "need `override`")
    allowed_overrides = graphene.List(graphene.NonNull(StaffOverride), required=True,
                                      description="What staff may override on purpose, by the plan's terms")
    deletion_effects = graphene.Field(DeletionEffects)
    upcoming_deliveries = graphene.List(graphene.NonNull(graphene.Date), required=True,
                                        description="The next six delivery dates, the delivery calendar applied")
    card = graphene.String(description="Brand, last 4 and expiry of the saved card")
    shipping_address = graphene.JSONString()
    renewals = graphene.List(graphene.NonNull(RenewalNode), required=True)
    events = graphene.List(graphene.NonNull(EventNode), required=True)
    mails = graphene.List(graphene.NonNull(MailNode), required=True)
    cancellation_attempts = graphene.List(graphene.NonNull(CancellationAttemptNode), required=True,
                                          description="Cancellations set out on, newest first: reason, offer, outcome")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _money(amount, currency: str, language: str) -> dict:
    return {"amount": quantize(amount, currency), "currency": currency, "formatted": format_money(amount, currency, language)}


DELETION_SUMMARY = {
    "en": "Deleting removes this subscription, its schedule and its history here (an audit event remains). "
          "{kept} order(s) already placed stay in Saleor; {drafts} unpaid renewal order(s) will be removed from Saleor.",
    "ja": "削除すると、この定期便と予定・履歴がアプリから消えます（監査記録は残ります）。"
          "作成済みの注文{kept}件はSaleorに残り、未払いの継続注文{drafts}件はSaleorから削除されます。",
    "zh-hans": "删除后，此定期订购及其计划和记录将从应用中移除（保留审计记录）。"
               "已下的{kept}个订单保留在 Saleor 中；{drafts}个未付款的续订订单将从 Saleor 中移除。",
    "zh-hant": "刪除後，此定期訂購及其排程與紀錄將從應用程式中移除（保留稽核紀錄）。"
               "已成立的{kept}筆訂單保留在 Saleor；{drafts}筆未付款的續訂訂單將從 Saleor 移除。",
}
def _payment_method(subscription: Subscription) -> dict:
    card = subscription.payment_method if subscription.payment_kind == "card" else None
    return {"kind": subscription.payment_kind, "brand": card.brand if card else None, "last4": card.last4 if card else None,
            "exp_month": card.exp_month if card else None, "exp_year": card.exp_year if card else None}


def _renewal(renewal: Renewal, subscription: Subscription, language: str, received: dict) -> dict:
    status = renewal.payment_status
    arrived = received.get(renewal.payment_intent_id) if status == "pending" and renewal.amount is not None else None
    return {"cycle": renewal.cycle, "state": renewal.state, "scheduled_for": renewal.scheduled_for,
            "order_id": renewal.saleor_order_id or None, "order_number": renewal.saleor_order_number or None,
            "attempts": renewal.attempts, "payment_status": status,
            "can_confirm_payment": status == "pending" and registry.confirmed_by_staff(renewal.payment_kind)
            and not stripe_bank_transfer.reconciled(renewal),  # Stripe reports it
            "amount": _money(renewal.amount, renewal.currency or subscription.currency, language)
            if renewal.amount is not None else None,
            "amount_remaining": _money(renewal.amount - arrived, renewal.currency or subscription.currency, language)
            if arrived else None,
            "problem": problem_words(renewal.problem, renewal.last_error, language) or None,
            "invoice_url": invoice_links.make(renewal, reader="staff") if invoiceable(renewal) else None}


def _one_time_item(item, named: dict, language: str) -> dict:
    return {"id": item.pk, "variant_id": item.variant_id, "quantity": item.quantity, "in_order": item.renewal_id is not None,
            "product_name": named.get("product") or item.product_name, "variant_name": named.get("variant") or item.variant_name,
            "unit_price": _money(item.unit_price, item.currency, language), "total": _money(item.total, item.currency, language)}


def resolve_staff_subscription(root, info, id):
    def work():
        installation, _ = staff(info.context, "MANAGE_ORDERS")
        subscription = (Subscription.objects.filter(installation=installation, pk=row_id(id))
                        .annotate(needs_attention=needs_attention()).select_related("plan", "payment_method").first())
        if subscription is None:
            raise _refuse("id", "not_found", error_text("subscription_not_found", id=id))
        language = current_language()
        rows = list(subscription.lines.select_related("plan_version").order_by("pk"))
        once = list(waiting_items(subscription))
        names = variant_names(installation, subscription.channel_slug,
                              [line.variant_id for line in rows] + [item.variant_id for item in once], language)
        lines, terms = [], None
        offered = retention_percent_off(subscription, subscription.deliveries + 1)
        for line in rows:
            terms = line.plan_version.terms
            try:
                unit = discounted(line.unit_price_override, offered, subscription.currency) \
                    if line.unit_price_override is not None else price_line(
                    terms, currency=subscription.currency, quantity=line.quantity, delivery=subscription.deliveries + 1,
                    percent_off=combined(line.percent_off, offered)).unit
                price = _money(unit, subscription.currency, language)
            except PricingError:
                price = None
            named = names.get(line.variant_id, {})
            lines.append({"id": line.pk, "variant_id": line.variant_id, "quantity": line.quantity,
                          "plan_version": line.plan_version.number, "next_unit_price": price,
                          "price_override": line.unit_price_override, "product_name": named.get("product"),
                          "variant_name": named.get("variant"),
                          "plan_name": terms.text(language, installation.default_language).name})
        card = subscription.payment_method
        renewals = list(subscription.renewals.order_by("-cycle"))
        received = stripe_bank_transfer.received_so_far(installation, [r.payment_intent_id for r in renewals if r.paid_at is None])
        effects = deletion.effects(subscription)
        return {
            "subscription": SubscriptionRow.of(subscription), "lines": lines,
            "one_time_items": [_one_time_item(item, names.get(item.variant_id, {}), language) for item in once],
            "customer_name": person_name(subscription.billing_address or subscription.shipping_address, language),
            "plan_name": lines[0]["plan_name"] if lines else subscription.plan.code,
            "first_order_id": subscription.origin_order_id or None, "started_on": subscription.started_on,
            "payment_method": _payment_method(subscription),
            "payment_method_choices": payment_method_choices(
                [kind for kind in switchable_methods(subscription) if kind in registry.staff_names()]) if rows else [],
            "problems": problems(subscription, renewals, language),
            "change_deadline": change_deadline(subscription),
            "allowed_overrides": staff_overrides(subscription) if rows else [],
            "deletion_effects": {"orders_kept": effects.orders_kept, "drafts_deleted": effects.drafts_deleted,
                                 "summary": DELETION_SUMMARY[language].format(kept=effects.orders_kept,
                                                                              drafts=effects.drafts_deleted)},
            "upcoming_deliveries": upcoming_deliveries(subscription, terms) if terms else [],
            "card": f"{card.brand} •••• {card.last4} {card.exp_month:02d}/{card.exp_year}" if card and card.exp_month else
                    (f"{card.brand} •••• {card.last4}" if card else None),
            "shipping_address": subscription.shipping_address,
            "renewals": [_renewal(renewal, subscription, language, received) for renewal in renewals],
            "events": [{"type": e.type, "actor": e.actor, "actor_id": e.actor_id, "at": e.created_at, "data": e.data}
                       for e in Event.objects.filter(installation=installation, data__subscription=subscription.pk)
                       .order_by("-created_at")[:100]],
            "mails": [{"kind": m.kind, "status": m.status, "subject": m.subject, "at": m.created_at}
                      for m in MailLog.objects.filter(installation=installation, subscription_id=subscription.pk)
                      .order_by("-created_at")[:100]],
            "cancellation_attempts": [CancellationAttemptNode.of(attempt, language) for attempt in
                                      subscription.cancellation_attempts.select_related("installation").order_by("-pk")[:50]],
        }

    return {"subscription": None, "customer_name": "", "plan_name": "", "lines": [], "one_time_items": [],
            "payment_method_choices": [], "problems": [], "allowed_overrides": [], "upcoming_deliveries": [], "renewals": [],
            "events": [], "mails": [], "cancellation_attempts": [], **_guarded(work)}


class OrderRole(graphene.Enum):
    START = "start"
    RENEWAL = "renewal"


class OrderCardWait(graphene.Enum):
    """A ¥0 order (a free first delivery) completed before the customer's card was saved."""

    WAITING = "waiting"
    REFUSED = "refused"


class StaffOrderSubscription(graphene.ObjectType):
    subscription = graphene.Field(SubscriptionRow, description="Null when the order is not one of the app's")
    card_wait = graphene.Field(OrderCardWait, description="A ¥0 order completed before the card was saved: WAITING (its "
                               "subscription starts once the card is saved), REFUSED (none was saved within a day, or "
                               "the setup was canceled: no subscription); null otherwise")
    cycle = graphene.Int(description="The delivery the order is (1: the order that started the subscription)")
    role = graphene.Field(OrderRole)
    invoice_url = graphene.String(description="A renewal order paid after delivery: its printable invoice (PDF), "
                                              "a signed link valid for a day")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_order_subscription(root, info, order_id):
    """The Dashboard's order page widget: which subscription an order started or renewed."""
    def work():
        installation, _ = staff(info.context, "MANAGE_ORDERS")
        if not order_id:  # a renewal not yet ordered has no order id
            return {"subscription": None, "cycle": None, "role": None}
        rows = Subscription.objects.filter(installation=installation).annotate(needs_attention=needs_attention())
        started = rows.select_related("plan").filter(origin_order_id=order_id).order_by("pk").first()
        if started is not None:
            return {"subscription": SubscriptionRow.of(started), "cycle": 1, "role": "start"}
        renewal = Renewal.objects.filter(subscription__installation=installation, saleor_order_id=order_id).first()
        if renewal is None:
            wait = (OrderAwaitingCard.objects.filter(installation=installation, order_id=order_id)
                    .exclude(outcome=OrderAwaitingCard.Outcome.STARTED).values_list("outcome", flat=True).first())
            return {"subscription": None, "cycle": None, "role": None, "card_wait": wait}
        return {"subscription": SubscriptionRow.of(rows.select_related("plan").get(pk=renewal.subscription_id)),
                "cycle": renewal.cycle, "role": "renewal",
                "invoice_url": invoice_links.make(renewal, reader="staff") if invoiceable(renewal) else None}

    return {"subscription": None, "cycle": None, "role": None, **_guarded(work)}

