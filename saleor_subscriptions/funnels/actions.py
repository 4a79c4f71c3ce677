"""Funnels: define, enrol buyers from orders, send the steps when due, convert by the offer link, count.

A buyer is enrolled once per funnel when an order has a one-time line of the funnel's product and
the buyer has no live subscription to the offered product. Mails stop at conversion (by the link
or any subscription to that product), at opt-out, or after the last step.
"""

import datetime
from decimal import Decimal
from typing import Annotated

from django.db import IntegrityError, transaction
from django.db.models import Count, DateField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from ..config import LANGUAGE_CODES
from ..core.error_texts import error_text
from ..core.errors import InputError, one_line, pydantic_errors
from ..core.models import Event, record_event
from ..mail import links, optout, sending
from ..mail.templates import render
from ..payment_methods import registry
from ..payments.models import PaymentMethod
from ..plans.models import Plan
from ..plans.terms import PaymentMethodKind
from ..renewals.engine import today_in
from ..saleor.languages import language_for
from ..saleor.payloads import Order, person_name
from ..subscriptions.calendar import next_open_day
from ..subscriptions.models import Subscription, SubscriptionLine
from .models import Enrolment, Funnel, FunnelSend, FunnelStep
from .step_texts import render_texts, text_context
from .vouchers import check_voucher_code

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


def _validated(installation, data: dict) -> tuple[FunnelInput, Plan]:
    """The whole funnel checked (its steps' texts rendered for the sample buyer, its voucher code with Saleor), or the
    first refusal."""
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
            raise InputError(f"steps.{index}.delay_days", "invalid", error_text("steps_in_order"))
        for language, text in step.texts.items():
            context = text_context(SAMPLE_NAMES.get(language, SAMPLE_NAMES["ja"]), funnel.offer_percent_off, funnel.voucher_code)
            render_texts(text.model_dump(), context, f"steps.{index}.texts.{language}.")
    plan = Plan.objects.filter(installation=installation, code=funnel.target_plan, is_archived=False).first()
    if plan is None:
        raise InputError("target_plan", "not_found", error_text("offered_plan_not_found", code=funnel.target_plan))
    if plan.current_version.terms.trial:
        raise InputError("target_plan", "invalid", error_text("offer_without_trial"))
    if not plan.product.covers(funnel.target_variant_id):
        raise InputError("target_variant_id", "invalid", error_text("variant_not_for_plan"))
    if funnel.offer_percent_off is None and not funnel.voucher_code:
        raise InputError("offer_percent_off", "required", error_text("offer_discount_required"))
    if not installation.sender_name or not installation.sender_address:
        raise InputError("senderName", "required", error_text("sender_required"))
    if funnel.voucher_code:
        check_voucher_code(installation, funnel.voucher_code)  # last: it asks Saleor
    return funnel, plan


def _write(funnel: Funnel, checked: FunnelInput, plan: Plan) -> None:
    funnel.name, funnel.trigger_product_id, funnel.target_plan = checked.name, checked.trigger_product_id, plan
    funnel.target_variant_id, funnel.offer_percent_off = checked.target_variant_id, checked.offer_percent_off
    funnel.voucher_code = checked.voucher_code
    funnel.save()
    funnel.steps.all().delete()
    FunnelStep.objects.bulk_create(
        FunnelStep(funnel=funnel, position=index + 1, delay_days=step.delay_days,
                   texts={lang: text.model_dump() for lang, text in step.texts.items()})
        for index, step in enumerate(checked.steps))


def create_funnel(installation, data: dict, *, actor_id: str = "") -> Funnel:
    """Validate the whole funnel; refuse it, saving nothing, if anything is wrong."""
    checked, plan = _validated(installation, data)
    with transaction.atomic():
        created = Funnel(installation=installation)
        _write(created, checked, plan)
        record_event(installation, "funnel.created", actor=Event.Actor.STAFF, actor_id=actor_id, funnel=created.pk)
    return created


def funnel_of(installation, funnel_id: int, *, lock: bool = False) -> Funnel:
    """The installation's funnel `funnel_id` (another shop's is not found)."""
    funnels = Funnel.objects.select_for_update() if lock else Funnel.objects
    funnel = funnels.filter(installation=installation, pk=funnel_id).first()
    if funnel is None:
        raise InputError("id", "not_found", error_text("funnel_not_found", id=funnel_id))
    return funnel


def update_funnel(installation, funnel_id: int, data: dict, *, actor_id: str = "") -> Funnel:
    """Replace the funnel's definition whole; enrolled buyers get the edited steps on the edited days."""
    checked, plan = _validated(installation, data)
    with transaction.atomic():
        funnel = funnel_of(installation, funnel_id, lock=True)
        _write(funnel, checked, plan)
        _reschedule(funnel, [step.delay_days for step in checked.steps])
        record_event(installation, "funnel.updated", actor=Event.Actor.STAFF, actor_id=actor_id, funnel=funnel.pk)
    return funnel


def _reschedule(funnel: Funnel, delays: list[int]) -> None:
    """Each waiting enrolment's next step on its (new) day; those past the last step are finished."""
    waiting = Enrolment.objects.filter(funnel=funnel, status=Enrolment.Status.ACTIVE)
    for sent, delay in enumerate(delays):
        # date + integer is a date in PostgreSQL: one UPDATE per step, however many are enrolled
        waiting.filter(steps_sent=sent).update(
            next_step_on=ExpressionWrapper(F("purchased_on") + delay, output_field=DateField()), updated_at=timezone.now())
    waiting.filter(steps_sent__gte=len(delays)).update(status=Enrolment.Status.FINISHED, next_step_on=None,
                                                       updated_at=timezone.now())


def set_active(installation, funnel_id: int, active: bool, *, actor_id: str = "") -> Funnel:
    """Pause (no one enrolled, no step sent) or resume a funnel; steps that fell due meanwhile go at the next run."""
    with transaction.atomic():
        funnel = funnel_of(installation, funnel_id, lock=True)
        funnel.is_active = active
        funnel.save(update_fields=["is_active"])
        record_event(installation, "funnel.resumed" if active else "funnel.paused", actor=Event.Actor.STAFF,
                     actor_id=actor_id, funnel=funnel.pk)
    return funnel


def delete_funnel(installation, funnel_id: int, *, actor_id: str = "") -> None:
    """The funnel, its steps and enrolments go; subscriptions it brought stay."""
    with transaction.atomic():
        funnel = funnel_of(installation, funnel_id, lock=True)
        record_event(installation, "funnel.deleted", actor=Event.Actor.STAFF, actor_id=actor_id, funnel=funnel.pk,
                     name=funnel.name)
        funnel.delete()


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
    name = person_name(enrolment.billing_address or enrolment.shipping_address, language)
    texts = render_texts(step.texts[language], text_context(name, funnel.offer_percent_off, funnel.voucher_code))
    context = {**texts, "offer": {"url": offer_url, "voucher_code": funnel.voucher_code},
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
    offline = [kind for kind in methods if registry.confirmed_by_staff(kind)]  # asks nothing of the customer now
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
    # the funnel may have been edited since the mail: its link offers nothing once the discount is gone
    if (enrolment.subscription is not None or enrolment.status == Enrolment.Status.UNSUBSCRIBED or used.exists()
            or plan.is_archived or not plan.product.covers(funnel.target_variant_id) or funnel.offer_percent_off is None):
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


def figures_by_funnel(installation, funnel_ids=None, *, enrolled=None) -> dict[int, dict]:
    """Per funnel: enrolled, converted, unsubscribed, conversion rate, and sent/clicked/converted per step.

    `enrolled`: only the enrolments matching these lookups (e.g. a channel and purchase dates).
    Counted by the database in four grouped queries, however many funnels and buyers there are.
    """
    funnels = Funnel.objects.filter(installation=installation)
    if funnel_ids is not None:
        funnels = funnels.filter(pk__in=funnel_ids)
    enrolments = Enrolment.objects.filter(funnel__in=funnels, **(enrolled or {}))
    totals = {row.pop("funnel"): row for row in enrolments.values("funnel").annotate(
        enrolled=Count("id"), converted=Count("id", filter=Q(status=Enrolment.Status.CONVERTED)),
        unsubscribed=Count("id", filter=Q(status=Enrolment.Status.UNSUBSCRIBED))).order_by()}
    sends = {(row["enrolment__funnel"], row["position"]): row for row in FunnelSend.objects.filter(
        enrolment__in=enrolments).values("enrolment__funnel", "position").annotate(
        sent=Count("id"), clicked=Count("id", filter=Q(clicked_at__isnull=False))).order_by()}
    converted = {(row["funnel"], row["converted_step"]): row["count"] for row in enrolments.filter(
        converted_step__isnull=False).values("funnel", "converted_step").annotate(count=Count("id")).order_by()}
    result = {}
    for funnel_id in funnels.values_list("pk", flat=True):
        total = totals.get(funnel_id, {"enrolled": 0, "converted": 0, "unsubscribed": 0})
        result[funnel_id] = {**total, "conversion_rate": total["converted"] / total["enrolled"] if total["enrolled"] else 0.0,
                             "steps": []}
    for funnel_id, position, delay_days in FunnelStep.objects.filter(funnel__in=funnels).values_list(
            "funnel", "position", "delay_days").order_by("funnel", "position"):
        send = sends.get((funnel_id, position), {"sent": 0, "clicked": 0})
        won = converted.get((funnel_id, position), 0)
        result[funnel_id]["steps"].append({"position": position, "delay_days": delay_days, "sent": send["sent"],
                                           "clicked": send["clicked"], "converted": won,
                                           "conversion_rate": won / send["sent"] if send["sent"] else 0.0})
    return result


def figures(funnel: Funnel) -> dict:
    """Enrolled, sent/clicked/converted per step, unsubscribed, and conversion rates."""
    return figures_by_funnel(funnel.installation, [funnel.pk])[funnel.pk]


SAMPLE_NAMES = {"en": "Hanako Yamada", "ja": "山田 花子", "zh-hans": "山田花子", "zh-hant": "山田花子"}


def _sample(funnel: Funnel, language: str) -> Enrolment:
    first, last = SAMPLE_NAMES["en"].split()
    return Enrolment(pk=0, funnel=funnel, customer_id="", email="hanako@example.jp", language=language,
                     billing_address={"firstName": first if language == "en" else "花子",
                                      "lastName": last if language == "en" else "山田"})


def preview_step(step: FunnelStep, language: str):
    """A step's mail for a sample buyer, for the marketer's preview and test sends."""
    return _step_mail(_sample(step.funnel, language), step)[0]


class DraftStep(BaseModel):
    """A step as the marketer is typing it, with the funnel's offer as it stands in the form."""

    model_config = ConfigDict(extra="forbid")
    subject: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(one_line)]
    body: str = Field(min_length=1, max_length=10_000)
    offer_percent_off: Decimal | None = Field(default=None, gt=0, lt=100)
    voucher_code: str = Field(default="", max_length=Funnel._meta.get_field("voucher_code").max_length)


def preview_draft(installation, language: str, draft: dict):
    """An unsaved step's mail in `language` for the sample buyer, as the server would send it (nothing is saved)."""
    if language not in LANGUAGE_CODES:
        raise InputError("language", "invalid", error_text("unknown_languages", languages=language))
    try:
        step = DraftStep.model_validate(draft)
    except ValidationError as exc:
        error = pydantic_errors(exc)[0]
        raise InputError(error["field"], error["code"], error["message"]) from None
    funnel = Funnel(installation=installation, offer_percent_off=step.offer_percent_off, voucher_code=step.voucher_code)
    unsaved = FunnelStep(funnel=funnel, position=1, texts={language: {"subject": step.subject, "body": step.body}})
    return preview_step(unsaved, language)
