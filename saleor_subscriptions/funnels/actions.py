"""Funnels: define, enrol buyers from orders, send the steps when due, convert by the offer link, count.

A buyer is enrolled once per funnel when an order has a one-time line of the funnel's product and
the buyer has no live subscription to the offered product. Mails stop at conversion (by the link
or any subscription to that product), at opt-out, or after the last step.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ..config import LANGUAGE_CODES
from ..core.error_texts import error_text
from ..core.errors import InputError, one_line, pydantic_errors
from ..core.models import Event, record_event
from ..mail import links, optout, sending
from ..mail.templates import render
from ..payments.models import PaymentMethod
from ..plans.models import Plan
from ..plans.terms import PaymentMethodKind
from ..renewals.engine import today_in
from ..saleor.languages import language_for
from ..saleor.payloads import Order
from ..subscriptions.calendar import next_open_day
from ..subscriptions.models import Subscription, SubscriptionLine
from .models import Enrolment, Funnel, FunnelSend, FunnelStep

LIVE = (Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE, Subscription.Status.PAUSED)
MAX_STEPS = 10


GID = Funnel._meta.get_field("trigger_product_id").max_length


class StepText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(one_line)]  # a mail header
    body: str = Field(min_length=1, max_length=10_000)


class StepInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    delay_days: int = Field(ge=0, le=365)
    texts: dict[str, StepText] = Field(min_length=1)


class FunnelInput(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    trigger_product_id: str = Field(min_length=1, max_length=GID)
    target_plan: str = Field(min_length=1, max_length=64, description="plan code")
    target_variant_id: str = Field(min_length=1, max_length=GID)
    offer_percent_off: Decimal | None = Field(default=None, gt=0, lt=100)
    voucher_code: str = Field(default="", max_length=Funnel._meta.get_field("voucher_code").max_length)
    steps: list[StepInput] = Field(min_length=1, max_length=MAX_STEPS)


def create_funnel(installation, data: dict, *, actor_id: str = "") -> Funnel:
    """Validate the whole funnel; refuse it, saving nothing, if anything is wrong."""
    try:
        funnel = FunnelInput.model_validate(data)
    except ValidationError as exc:
        error = pydantic_errors(exc)[0]
        raise InputError(error["field"], error["code"], error["message"]) from None
    for index, step in enumerate(funnel.steps):
        unknown = set(step.texts) - set(LANGUAGE_CODES)
        if unknown:
            raise InputError(f"steps.{index}.texts", "invalid", error_text("unknown_languages", languages=", ".join(sorted(unknown))))
        if index and step.delay_days <= funnel.steps[index - 1].delay_days:
            raise InputError(f"steps.{index}.delayDays", "invalid", error_text("steps_in_order"))
    plan = Plan.objects.filter(installation=installation, code=funnel.target_plan, is_archived=False).first()
    if plan is None:
        raise InputError("targetPlan", "not_found", error_text("offered_plan_not_found", code=funnel.target_plan))
    if plan.current_version.terms.trial:
        raise InputError("targetPlan", "invalid", error_text("offer_without_trial"))
    if not plan.product.covers(funnel.target_variant_id):
        raise InputError("targetVariantId", "invalid", error_text("variant_not_for_plan"))
    if funnel.offer_percent_off is None and not funnel.voucher_code:
        raise InputError("offerPercentOff", "required", error_text("offer_discount_required"))
    if not installation.sender_name or not installation.sender_address:
        raise InputError("senderName", "required", error_text("sender_required"))
    with transaction.atomic():
        created = Funnel.objects.create(
            installation=installation, name=funnel.name, trigger_product_id=funnel.trigger_product_id, target_plan=plan,
            target_variant_id=funnel.target_variant_id, offer_percent_off=funnel.offer_percent_off,
            voucher_code=funnel.voucher_code)
        FunnelStep.objects.bulk_create(
            FunnelStep(funnel=created, position=index + 1, delay_days=step.delay_days,
                       texts={lang: text.model_dump() for lang, text in step.texts.items()})
            for index, step in enumerate(funnel.steps))
        record_event(installation, "funnel.created", actor=Event.Actor.STAFF, actor_id=actor_id, funnel=created.pk)
    return created


def _live_subscription(funnel: Funnel, customer_id: str) -> Subscription | None:
    return Subscription.objects.filter(installation=funnel.installation, customer_id=customer_id, status__in=LIVE,
                                       plan__product=funnel.target_plan.product_id).select_related("plan").first()


def enrol_from_order(installation, payload: dict) -> list[Enrolment]:
    """Enrol the buyer in each active funnel whose product the order bought one-time."""
    order = Order.from_payload(payload)
    if not order.user_id or not order.user_email:
        return []
    bought = {line.product_id for line in order.lines if "subscription.plan" not in line.metadata}
    purchased_on = today_in(installation, parse_datetime(order.created) if order.created else None)
    enrolled = []
    for funnel in Funnel.objects.filter(installation=installation, is_active=True, trigger_product_id__in=bought):
        if _live_subscription(funnel, order.user_id):
            continue
        try:
            with transaction.atomic():
                first = funnel.steps.get(position=1)
                enrolled.append(Enrolment.objects.create(
                    funnel=funnel, customer_id=order.user_id, email=order.user_email,
                    language=language_for(order.language_code, installation.default_language), order_id=order.id,
                    channel_id=order.channel_id, channel_slug=order.channel_slug, currency=order.currency,
                    shipping_address=order.shipping_address, billing_address=order.billing_address,
                    shipping_method_id=order.shipping_method_id or "", purchased_on=purchased_on,
                    next_step_on=purchased_on + datetime.timedelta(days=first.delay_days)))
        except IntegrityError:  # enrolled already (a redelivered webhook, or an earlier purchase)
            continue
    return enrolled


def exit_converted(installation, subscription: Subscription) -> int:
    """A subscription to a funnel's product, however it came, ends the customer's step mails."""
    return Enrolment.objects.filter(funnel__installation=installation, customer_id=subscription.customer_id,
                                    funnel__target_plan__product=subscription.plan.product_id,
                                    status__in=(Enrolment.Status.ACTIVE, Enrolment.Status.FINISHED)).update(
        status=Enrolment.Status.CONVERTED, subscription=subscription, updated_at=timezone.now())


def _step_mail(enrolment: Enrolment, step: FunnelStep):
    funnel, installation = enrolment.funnel, enrolment.funnel.installation
    language = next(lang for lang in (enrolment.language, installation.default_language, *step.texts) if lang in step.texts)
    unsubscribe = links.make("unsubscribe", i=installation.pk, e=enrolment.email, l=language)
    offer_url = links.make("offer", n=enrolment.pk, p=step.position) if funnel.offer_percent_off else ""
    context = {**step.texts[language], "offer": {"url": offer_url, "voucher_code": funnel.voucher_code},
               "links": {"unsubscribe": unsubscribe}, "sender": sending.sender(installation)}
    return render("funnel_step", language, context, installation=installation), optout.unsubscribe_headers(unsubscribe)


def _step_on(enrolment: Enrolment, position: int) -> datetime.date | None:
    step = enrolment.funnel.steps.filter(position=position).first()
    return enrolment.purchased_on + datetime.timedelta(days=step.delay_days) if step else None


def send_due_steps(installation, today: datetime.date) -> int:
    """Beat: every enrolment whose next step's day has come gets it, unless it has left the funnel."""
    sent = 0
    due = Enrolment.objects.filter(funnel__installation=installation, funnel__is_active=True,
                                   status=Enrolment.Status.ACTIVE, next_step_on__lte=today)
    for enrolment_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related(
                "funnel__installation", "funnel__target_plan").get(pk=enrolment_id)
            step = enrolment.funnel.steps.filter(position=enrolment.steps_sent + 1).first()
            if enrolment.status != Enrolment.Status.ACTIVE or step is None or enrolment.next_step_on > today:
                continue  # another beat run was first
            if optout.is_opted_out(installation, enrolment.email):
                enrolment.status = Enrolment.Status.UNSUBSCRIBED
            elif _live_subscription(enrolment.funnel, enrolment.customer_id):
                enrolment.status = Enrolment.Status.CONVERTED
            else:
                rendered, headers = _step_mail(enrolment, step)
                sending.queue(installation, key=f"funnel-{enrolment.pk}-{step.position}", kind="funnel_step",
                              to=enrolment.email, rendered=rendered, headers=headers)
                FunnelSend.objects.get_or_create(enrolment=enrolment, position=step.position)
                enrolment.steps_sent = step.position
                enrolment.next_step_on = _step_on(enrolment, step.position + 1)
                if enrolment.next_step_on is None:
                    enrolment.status = Enrolment.Status.FINISHED
                sent += 1
            enrolment.save()
    return sent


class OfferError(InputError):
    pass


class AlreadySubscribed(OfferError):
    """The customer has a live subscription to the offered product already (from another offer or the shop)."""

    def __init__(self, subscription: Subscription):
        super().__init__("offer", "already_subscribed", "you already subscribe to this product")
        self.subscription = subscription


def first_delivery_on(installation, today: datetime.date) -> datetime.date:
    """A converted subscription's first delivery: after the order lead time, on an open day."""
    return next_open_day(installation, today + datetime.timedelta(days=max(installation.order_lead_days, 1)))


def offer_payment(enrolment: Enrolment) -> tuple[str, PaymentMethod | None]:
    """How the converted subscription is paid: the customer's saved card, a new card, else an offline method.

    `(card, None)` means the plan takes cards but none is saved: the offer page asks for one.
    """
    methods = enrolment.funnel.target_plan.current_version.terms.payment_methods
    card = PaymentMethod.objects.filter(customer__installation=enrolment.funnel.installation,
                                        customer__saleor_user_id=enrolment.customer_id,
                                        replaced_at=None).order_by("-created_at").first()
    if PaymentMethodKind.CARD in methods:
        return PaymentMethodKind.CARD, card
    offline = [kind for kind in (PaymentMethodKind.COD, PaymentMethodKind.BANK_TRANSFER) if kind in methods]
    if offline:
        return offline[0], None
    raise OfferError("payment", "no_payment_method", "this plan takes no payment method an offer can use")


def check_offer(enrolment: Enrolment) -> tuple[str, PaymentMethod | None]:
    """Why the offer cannot convert now (raises), else how it would be paid."""
    funnel = enrolment.funnel
    live = _live_subscription(funnel, enrolment.customer_id)
    if live is not None:
        raise AlreadySubscribed(live)
    plan = funnel.target_plan
    # one subscription per order and plan: a funnel subscription counts from the purchase that enrolled the buyer
    used = Subscription.objects.filter(installation=funnel.installation, origin_order_id=enrolment.order_id, plan=plan)
    if (enrolment.subscription is not None or enrolment.status == Enrolment.Status.UNSUBSCRIBED or used.exists()
            or plan.is_archived or not plan.product.covers(funnel.target_variant_id)):
        raise OfferError("offer", "not_available", "this offer is no longer available")
    return offer_payment(enrolment)


def _lock_customer_offers(enrolment: Enrolment) -> None:
    """Every enrolment of the customer in a funnel for this product, locked in one order: one conversion at a time."""
    list(Enrolment.objects.select_for_update(of=("self",)).filter(
        funnel__installation=enrolment.funnel.installation, customer_id=enrolment.customer_id,
        funnel__target_plan__product=enrolment.funnel.target_plan.product_id).order_by("pk").values_list("pk", flat=True))


def convert(enrolment_id: int, position: int, today: datetime.date, card: PaymentMethod | None = None) -> Subscription:
    """The one-click offer: a subscription at the offered discount, exactly once however often it is clicked.

    `card`: the one the customer just saved on the offer page (else their saved card). Raises
    `AlreadySubscribed` when another offer or the shop subscribed the customer to the product first.
    """
    related = ("funnel__installation", "funnel__target_plan__product", "subscription")
    with transaction.atomic():
        _lock_customer_offers(Enrolment.objects.select_related(*related).get(pk=enrolment_id))
        enrolment = Enrolment.objects.select_related(*related).get(pk=enrolment_id)
        if enrolment.subscription is not None and enrolment.converted_step is not None:
            return enrolment.subscription  # this link converted it: a second click
        kind, saved = check_offer(enrolment)
        card = card or saved if kind == PaymentMethodKind.CARD else None
        if kind == PaymentMethodKind.CARD and card is None:
            raise OfferError("payment", "card_required", "this offer needs a card")
        funnel, installation = enrolment.funnel, enrolment.funnel.installation
        version = funnel.target_plan.current_version
        first = first_delivery_on(installation, today)
        subscription = Subscription.objects.create(
            installation=installation, plan=funnel.target_plan, origin=Subscription.Origin.FUNNEL,
            origin_order_id=enrolment.order_id, status=Subscription.Status.ACTIVE, customer_id=enrolment.customer_id,
            email=enrolment.email, channel_id=enrolment.channel_id, channel_slug=enrolment.channel_slug,
            currency=enrolment.currency, language=enrolment.language, payment_kind=kind, payment_method=card,
            shipping_address=enrolment.shipping_address, billing_address=enrolment.billing_address,
            shipping_method_id=enrolment.shipping_method_id, started_on=first, deliveries=0, next_renewal_on=first)
        SubscriptionLine.objects.create(subscription=subscription, variant_id=funnel.target_variant_id,
                                        quantity=version.terms.min_quantity, plan_version=version,
                                        percent_off=funnel.offer_percent_off)
        exit_converted(installation, subscription)  # the customer's other offers for the product end too
        Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.CONVERTED, subscription=subscription,
                                                         converted_step=position, updated_at=timezone.now())
        record_event(installation, "subscription.started", actor=Event.Actor.CUSTOMER, actor_id=enrolment.customer_id,
                     subscription=subscription.pk, funnel=funnel.pk, step=position, plan=funnel.target_plan.code,
                     version=version.number, payment=kind)
    return subscription


def record_click(enrolment_id: int, position: int) -> None:
    FunnelSend.objects.filter(enrolment_id=enrolment_id, position=position, clicked_at=None).update(clicked_at=timezone.now())


def figures(funnel: Funnel) -> dict:
    """Enrolled, sent/clicked/converted per step, unsubscribed, and conversion rates."""
    enrolments = funnel.enrolments.aggregate(
        enrolled=Count("id"), converted=Count("id", filter=Q(status=Enrolment.Status.CONVERTED)),
        unsubscribed=Count("id", filter=Q(status=Enrolment.Status.UNSUBSCRIBED)))
    steps = []
    for step in funnel.steps.all():
        sends = FunnelSend.objects.filter(enrolment__funnel=funnel, position=step.position)
        sent, clicked = sends.count(), sends.exclude(clicked_at=None).count()
        converted = funnel.enrolments.filter(converted_step=step.position).count()
        steps.append({"position": step.position, "delay_days": step.delay_days, "sent": sent, "clicked": clicked,
                      "converted": converted, "conversion_rate": converted / sent if sent else 0.0})
    enrolled = enrolments["enrolled"]
    return {**enrolments, "conversion_rate": enrolments["converted"] / enrolled if enrolled else 0.0, "steps": steps}


def preview_step(step: FunnelStep, language: str):
    """A step's mail for a sample buyer, for the marketer's preview and test sends."""
    sample = Enrolment(pk=0, funnel=step.funnel, customer_id="", email="hanako@example.jp", language=language)
    return _step_mail(sample, step)[0]
