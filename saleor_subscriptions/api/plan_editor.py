"""The plan editor on the Dashboard's product page (MANAGE_PRODUCTS): the product's plans, and a draft previewed live."""

import logging

import graphene

from ..core.error_texts import current_language, error_message, error_text
from ..core.errors import InputError
from ..plans import moves
from ..plans.actions import PlanError, validate_terms
from ..plans.models import Plan, SubscriptionProduct
from ..plans.preview import editor_product, find_variants, preview
from ..saleor.client import SaleorError
from .payment_choices import PaymentMethodChoice, payment_method_choices
from .selling_plans import plan_payload
from .staff import PlanNode, Refused, StaffError, _plan, _refuse, staff
from .types import SellingPlan

logger = logging.getLogger(__name__)


class EditorVariant(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)


class EditorChannel(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    currency_code = graphene.String(required=True)


class StaffPlanProduct(graphene.ObjectType):
    product_id = graphene.ID()
    name = graphene.String()
    variants = graphene.List(graphene.NonNull(EditorVariant), required=True)
    channels = graphene.List(graphene.NonNull(EditorChannel), required=True, description="Where the product is listed.")
    subscribable = graphene.Boolean(required=True)
    variant_ids = graphene.List(graphene.NonNull(graphene.ID), required=True, description="Empty: every variant.")
    plans = graphene.List(graphene.NonNull(PlanNode), required=True)
    payment_method_choices = graphene.List(graphene.NonNull(PaymentMethodChoice), required=True,
                                           description="every method installed, plug-ins included",
                                           resolver=lambda root, info: payment_method_choices())
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class StaffVariants(graphene.ObjectType):
    variants = graphene.List(graphene.NonNull(EditorVariant), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_variants(root, info, search):
    def work():
        installation, _ = staff(info.context, "MANAGE_PRODUCTS")
        return {"variants": find_variants(installation, search.strip()) if search.strip() else []}

    return _answer(work, {"variants": []})


class ChannelPreview(graphene.ObjectType):
    channel = graphene.String(required=True)
    channel_name = graphene.String(required=True)
    currency = graphene.String(required=True)
    plan = graphene.Field(SellingPlan, description="As `sellingPlans` will answer; null when the draft has no price here.")
    statements = graphene.List(graphene.NonNull(graphene.String), required=True,
                               description="The checkout's final-screen statements (shipping is added there).")


class StaffPlanPreview(graphene.ObjectType):
    language = graphene.String()
    channels = graphene.List(graphene.NonNull(ChannelPreview), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True,
                           description="The draft's problems, each with the terms path it is about (`terms.trial.price`).")


def _answer(work, empty: dict) -> dict:
    try:
        return {**empty, **work(), "errors": []}
    except Refused as refused:
        return {**empty, "errors": refused.errors}
    except PlanError as exc:
        return {**empty, "errors": exc.errors}
    except InputError as exc:
        return {**empty, "errors": [{"field": exc.field, "code": exc.code, "message": error_message(exc)}]}
    except SaleorError as exc:
        logger.warning("plan editor: %s", exc)
        return {**empty, "errors": [{"field": None, "code": "saleor_unavailable", "message": error_text("saleor_unavailable")}]}


def _product(installation, product_id: str):
    product = editor_product(installation, product_id, current_language())
    if product is None:
        raise _refuse("productId", "not_found", error_text("product_not_found"))
    return product


def resolve_staff_plan_product(root, info, product_id):
    def work():
        installation, _ = staff(info.context, "MANAGE_PRODUCTS")
        product = _product(installation, product_id)
        switch = SubscriptionProduct.objects.filter(installation=installation, product_id=product.id).first()
        plans = Plan.objects.filter(installation=installation, product__product_id=product.id).select_related("product")
        return {"product_id": product.id, "name": product.name, "variants": product.variants, "channels": product.channels,
                "subscribable": bool(switch and switch.is_subscribable), "variant_ids": switch.variant_ids if switch else [],
                "plans": [PlanNode.of(plan) for plan in plans]}

    return _answer(work, {"variants": [], "channels": [], "subscribable": False, "variant_ids": [], "plans": []})


def resolve_staff_plan_preview(root, info, product_id, terms, code=None):
    def work():
        installation, _ = staff(info.context, "MANAGE_PRODUCTS")
        if not isinstance(terms, dict):
            raise _refuse("terms", "invalid", error_text("json_object", name="terms"))
        validated = validate_terms(terms)
        language = current_language()
        channels = preview(installation, _product(installation, product_id), validated, code=code or "", language=language)
        return {"language": language, "channels": [
            {"channel": channel.slug, "channel_name": channel.name, "currency": channel.currency,
             "plan": plan_payload(channel.offer, channel.currency, language) if channel.offer else None,
             "statements": channel.disclosed.statements if channel.disclosed else []}
            for channel in channels]}

    return _answer(work, {"channels": []})


class MovedSubscriber(graphene.ObjectType):
    id = graphene.ID(required=True)
    email = graphene.String(required=True)
    status = graphene.String(required=True)
    version = graphene.Int(required=True, description="The plan version the subscriber is on now.")
    next_delivery = graphene.Date()


class StaffPlanMove(graphene.ObjectType):
    code = graphene.String()
    version = graphene.Int(description="The plan's current version, the one subscribers would move to.")
    notice_days = graphene.Int(required=True)
    earliest_effective_on = graphene.Date(description="The first day a move may take effect (the notice period ahead).")
    subscribers = graphene.List(graphene.NonNull(MovedSubscriber), required=True,
                                description="Running subscriptions on earlier versions, not yet told of a move.")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _subscriber(subscription, plan) -> dict:
    numbers = [line.plan_version.number for line in subscription.lines.select_related("plan_version")
               if line.plan_version.plan_id == plan.pk]
    return {"id": subscription.pk, "email": subscription.email, "status": subscription.status, "version": min(numbers),
            "next_delivery": subscription.next_renewal_on}


def resolve_staff_plan_move(root, info, code):
    def work():
        installation, _ = staff(info.context, "MANAGE_PRODUCTS")
        plan = _plan(installation, code)
        return {"code": plan.code, "version": plan.current_version.number,
                "earliest_effective_on": moves.earliest_effective(installation),
                "subscribers": [_subscriber(subscription, plan) for subscription in moves.affected(plan)]}

    return _answer(work, {"notice_days": moves.NOTICE_DAYS, "subscribers": []})


class PlanMoveSubscribers(graphene.Mutation):
    """Tells every subscriber of an earlier version (by mail, now) that they move to the current one on `effectiveOn`."""

    class Arguments:
        code = graphene.String(required=True)
        effective_on = graphene.Date(required=True, description="At least the notice period ahead.")

    effective_on = graphene.Date()
    notified = graphene.Int(required=True, description="Subscribers told of the move.")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)

    def mutate(root, info, code, effective_on):
        def work():
            installation, user = staff(info.context, "MANAGE_PRODUCTS")
            move = moves.announce(_plan(installation, code), effective_on=effective_on, actor_id=user)
            return {"effective_on": move.effective_on, "notified": len(move.subscription_ids)}

        return _answer(work, {"notified": 0})
