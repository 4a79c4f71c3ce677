"""The step-mail funnel editor's staff operations (MANAGE_DISCOUNTS): funnels with their figures, create, edit,
pause, resume, delete, the products to pick, and a live preview of the step being typed."""

import logging
import re

import graphene

from ..core.error_texts import error_message, error_text
from ..core.errors import InputError
from ..funnels import actions
from ..funnels.models import Funnel
from ..plans.models import SubscriptionProduct
from ..saleor.client import SaleorClient, SaleorError
from .marketing import FUNNEL_PERMISSION, step_draft
from .staff import Refused, StaffError, staff

logger = logging.getLogger(__name__)


def _answer(work, empty: dict) -> dict:
    """Run `work()` for a staff user; a refusal becomes one coded error in the reader's language."""
    try:
        return {**empty, **work(), "errors": []}
    except Refused as refused:
        return {**empty, "errors": refused.errors}
    except InputError as exc:
        return {**empty, "errors": [{"field": exc.field, "code": exc.code, "message": error_message(exc)}]}
    except SaleorError as exc:
        logger.warning("funnel products: %s", exc)
        return {**empty, "errors": [{"field": None, "code": "saleor_unavailable", "message": error_text("saleor_unavailable")}]}


def _funnel_id(value: str) -> int:
    # our funnel ids are row numbers; anything else names no funnel
    if not re.fullmatch(r"[0-9]{1,18}", value or ""):
        raise InputError("id", "not_found", error_text("funnel_not_found", id=value))
    return int(value)


class StepText(graphene.ObjectType):
    language = graphene.String(required=True, description="en, ja, zh-hans or zh-hant")
    subject = graphene.String(required=True)
    body = graphene.String(required=True)


class FunnelStepNode(graphene.ObjectType):
    position = graphene.Int(required=True)
    delay_days = graphene.Int(required=True, description="days after the purchase")
    texts = graphene.List(graphene.NonNull(StepText), required=True)


class StepFigures(graphene.ObjectType):
    position = graphene.Int(required=True)
    delay_days = graphene.Int(required=True)
    sent = graphene.Int(required=True)
    clicked = graphene.Int(required=True)
    converted = graphene.Int(required=True)
    conversion_rate = graphene.Float(required=True, description="converted / sent")


class FunnelFigures(graphene.ObjectType):
    enrolled = graphene.Int(required=True)
    converted = graphene.Int(required=True)
    unsubscribed = graphene.Int(required=True)
    conversion_rate = graphene.Float(required=True, description="converted / enrolled")
    steps = graphene.List(graphene.NonNull(StepFigures), required=True)


class FunnelNode(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    trigger_product_id = graphene.ID(required=True)
    target_product_id = graphene.ID(required=True, description="the offered plan's product")
    target_plan = graphene.String(required=True, description="plan code")
    target_variant_id = graphene.ID(required=True)
    offer_percent_off = graphene.String(description="a decimal, e.g. 10")
    voucher_code = graphene.String(required=True)
    steps = graphene.List(graphene.NonNull(FunnelStepNode), required=True)
    figures = graphene.Field(FunnelFigures, required=True)

    @staticmethod
    def of(funnel: Funnel, figures: dict) -> dict:
        percent = funnel.offer_percent_off
        return {"id": funnel.pk, "name": funnel.name, "is_active": funnel.is_active,
                "trigger_product_id": funnel.trigger_product_id, "target_plan": funnel.target_plan.code,
                "target_product_id": funnel.target_plan.product.product_id,
                "target_variant_id": funnel.target_variant_id, "voucher_code": funnel.voucher_code,
                "offer_percent_off": None if percent is None else f"{percent.normalize():f}",
                "steps": [{"position": step.position, "delay_days": step.delay_days,
                           "texts": [{"language": language, **text} for language, text in step.texts.items()]}
                          for step in funnel.steps.all()],
                "figures": figures}


def _node(funnel: Funnel) -> dict:
    return FunnelNode.of(funnel, actions.figures(funnel))


class Funnels(graphene.ObjectType):
    funnels = graphene.List(graphene.NonNull(FunnelNode), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_funnels(root, info):
    def work():
        installation, _ = staff(info.context, FUNNEL_PERMISSION)
        figures = actions.figures_by_funnel(installation)
        listed = installation.funnels.select_related("target_plan__product").prefetch_related("steps").order_by("id")
        return {"funnels": [FunnelNode.of(funnel, figures[funnel.pk]) for funnel in listed]}

    return _answer(work, {"funnels": []})


class FunnelPayload(graphene.ObjectType):
    funnel = graphene.Field(FunnelNode)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _definition(funnel) -> dict:
    if not isinstance(funnel, dict):
        raise InputError("funnel", "invalid", error_text("json_object", name="funnel"))
    return funnel


def _in_funnel(work):
    """Errors about the definition are named as its fields (`funnel.steps.1.texts.ja.body`)."""
    try:
        return work()
    except InputError as exc:
        if exc.field == "id":
            raise
        raise InputError(f"funnel.{exc.field}", exc.code, exc.message) from None


class FunnelCreate(graphene.Mutation):
    """A funnel: trigger product, offered plan and variant, discount or voucher code, and its steps."""

    class Arguments:
        funnel = graphene.JSONString(required=True)

    Output = FunnelPayload

    def mutate(root, info, funnel):
        def work():
            installation, user = staff(info.context, FUNNEL_PERMISSION)
            created = _in_funnel(lambda: actions.create_funnel(installation, _definition(funnel), actor_id=user))
            return {"funnel": _node(created)}

        return _answer(work, {"funnel": None})


class FunnelUpdate(graphene.Mutation):
    """The funnel's whole definition replaced (as `funnelCreate` takes it); enrolled buyers get the edited steps."""

    class Arguments:
        id = graphene.ID(required=True)
        funnel = graphene.JSONString(required=True)

    Output = FunnelPayload

    def mutate(root, info, id, funnel):
        def work():
            installation, user = staff(info.context, FUNNEL_PERMISSION)
            updated = _in_funnel(lambda: actions.update_funnel(installation, _funnel_id(id), _definition(funnel), actor_id=user))
            return {"funnel": _node(updated)}

        return _answer(work, {"funnel": None})


class FunnelPause(graphene.Mutation):
    """No one is enrolled and no step is sent until the funnel is resumed."""

    class Arguments:
        id = graphene.ID(required=True)

    Output = FunnelPayload

    def mutate(root, info, id):
        def work():
            installation, user = staff(info.context, FUNNEL_PERMISSION)
            return {"funnel": _node(actions.set_active(installation, _funnel_id(id), False, actor_id=user))}

        return _answer(work, {"funnel": None})


class FunnelResume(graphene.Mutation):
    """Enrol and send again; steps that fell due while paused go at the next run."""

    class Arguments:
        id = graphene.ID(required=True)

    Output = FunnelPayload

    def mutate(root, info, id):
        def work():
            installation, user = staff(info.context, FUNNEL_PERMISSION)
            return {"funnel": _node(actions.set_active(installation, _funnel_id(id), True, actor_id=user))}

        return _answer(work, {"funnel": None})


class FunnelDelete(graphene.Mutation):
    """The funnel, its steps and enrolments; subscriptions it brought stay."""

    class Arguments:
        id = graphene.ID(required=True)

    deleted = graphene.Boolean(required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)

    def mutate(root, info, id):
        def work():
            installation, user = staff(info.context, FUNNEL_PERMISSION)
            actions.delete_funnel(installation, _funnel_id(id), actor_id=user)
            return {"deleted": True}

        return _answer(work, {"deleted": False})


def resolve_funnel_step_preview(root, info, language, subject, body, offer_percent_off=None, voucher_code=""):
    def work():
        installation, _ = staff(info.context, FUNNEL_PERMISSION)
        mail = actions.preview_draft(installation, language, step_draft(subject, body, offer_percent_off, voucher_code))
        return {"subject": mail.subject, "text": mail.text, "html": mail.html, "language": mail.language}

    return _answer(work, {})


class FunnelVariant(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    subscribable = graphene.Boolean(required=True, description="a funnel may offer it (with one of the product's plans)")


class FunnelPlan(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)


class FunnelProduct(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    variants = graphene.List(graphene.NonNull(FunnelVariant), required=True)
    plans = graphene.List(graphene.NonNull(FunnelPlan), required=True,
                          description="plans a funnel can offer (subscribable variants, no trial); empty if none")


class FunnelProducts(graphene.ObjectType):
    products = graphene.List(graphene.NonNull(FunnelProduct), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_funnel_products(root, info, search="", ids=None):
    def work():
        installation, _ = staff(info.context, FUNNEL_PERMISSION)
        data = SaleorClient.for_installation(installation).execute(
            "FunnelProducts", {"search": search.strip() or None, "ids": list(ids) if ids else None})
        nodes = [edge["node"] for edge in data["products"]["edges"]]
        switches = {switch.product_id: switch for switch in SubscriptionProduct.objects.filter(
            installation=installation, product_id__in=[node["id"] for node in nodes]).prefetch_related("plans")}
        language = installation.default_language
        products = []
        for node in nodes:
            switch = switches.get(node["id"])
            offerable = [plan for plan in switch.plans.all() if not plan.is_archived and not plan.current_version.terms.trial] \
                if switch and switch.is_subscribable else []
            products.append({"id": node["id"], "name": node["name"], "variants": [
                {"id": variant["id"], "name": variant["name"] or variant["id"], "subscribable": switch is not None
                 and switch.covers(variant["id"])} for variant in node["variants"] or ()],
                "plans": [{"code": plan.code, "name": plan.current_version.terms.text(language, language).name}
                          for plan in sorted(offerable, key=lambda plan: (plan.position, plan.code))]})
        return {"products": products}

    return _answer(work, {"products": []})
