"""Changing plans: the only code that writes `SubscriptionProduct`, `Plan` or `PlanVersion`.

Each change that storefronts must see (the switch, a plan created or archived) is written into
the Saleor product's public metadata once it has committed (`product_metadata`).
"""

import re

from django.db import IntegrityError, transaction
from pydantic import ValidationError

from ..core.error_texts import error_text
from ..core.errors import InputError, check_length, pydantic_errors
from ..core.models import Event, record_event
from .models import Plan, PlanVersion, SubscriptionProduct
from .product_metadata import publish_after_commit
from .terms import PlanTerms


class PlanError(Exception):
    """Refused input; `errors` are {field, code, message} as the GraphQL API returns them."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


def validate_terms(terms: dict) -> PlanTerms:
    try:
        return PlanTerms.model_validate(terms, context={"saving": True})
    except ValidationError as exc:
        raise PlanError(pydantic_errors(exc, ("terms",))) from None


PLAN_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # goes into checkout line metadata and URLs as is
MAX_POSITION = 10_000


def _check_gid(field: str, value: str) -> None:
    """A Saleor id (product or variant) the product_id column can hold."""
    try:
        check_length(field, value, SubscriptionProduct._meta.get_field("product_id"))
    except InputError as exc:
        raise PlanError([{"field": exc.field, "code": exc.code, "message": exc.message}]) from None


def set_subscribable(installation, product_id: str, *, subscribable: bool, variant_ids=(), actor_id="") -> SubscriptionProduct:
    _check_gid("productId", product_id)
    for index, variant_id in enumerate(variant_ids):
        _check_gid(f"variantIds.{index}", variant_id)
    with transaction.atomic():
        product, _ = SubscriptionProduct.objects.select_for_update().get_or_create(
            installation=installation, product_id=product_id
        )
        product.is_subscribable = subscribable
        product.variant_ids = sorted(set(variant_ids))
        product.save()
        record_event(installation, "product.subscribable" if subscribable else "product.not_subscribable",
                     actor=Event.Actor.STAFF, actor_id=actor_id, product_id=product_id, variant_ids=product.variant_ids)
        publish_after_commit(product)
    return product


def create_plan(installation, *, product_id: str, code: str, terms: dict, position: int = 0, actor_id="") -> Plan:
    if not PLAN_CODE.fullmatch(code):
        raise PlanError([{"field": "code", "code": "invalid", "message": error_text("plan_code")}])
    if not 0 <= position <= MAX_POSITION:
        raise PlanError([{"field": "position", "code": "invalid", "message": error_text("at_most", limit=MAX_POSITION)
                          if position > 0 else error_text("at_least", limit=0)}])
    _check_gid("productId", product_id)
    validated = validate_terms(terms)
    with transaction.atomic():
        product, _ = SubscriptionProduct.objects.get_or_create(installation=installation, product_id=product_id)
        try:
            with transaction.atomic():
                plan = Plan.objects.create(installation=installation, product=product, code=code, position=position)
        except IntegrityError:
            raise PlanError([{"field": "code", "code": "unique", "message": error_text("plan_exists", code=code)}]) from None
        PlanVersion.objects.create(plan=plan, number=1, terms_json=validated.model_dump(mode="json"), created_by=actor_id)
        record_event(installation, "plan.created", actor=Event.Actor.STAFF, actor_id=actor_id, plan=code, version=1)
        publish_after_commit(product)
    return plan


def revise_plan(plan: Plan, terms: dict, *, actor_id="") -> PlanVersion:
    """New terms become a new version; existing subscribers keep theirs until moved explicitly."""
    validated = validate_terms(terms)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        current = plan.current_version
        if current.terms == validated:
            return current
        version = PlanVersion.objects.create(
            plan=plan, number=current.number + 1, terms_json=validated.model_dump(mode="json"), created_by=actor_id
        )
        plan.save(update_fields=["updated_at"])
        record_event(plan.installation, "plan.revised", actor=Event.Actor.STAFF, actor_id=actor_id,
                     plan=plan.code, version=version.number)
    return version


def archive_plan(plan: Plan, *, actor_id="") -> Plan:
    """No new subscriptions; existing ones keep renewing on their version."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not plan.is_archived:
            plan.is_archived = True
            plan.save(update_fields=["is_archived", "updated_at"])
            record_event(plan.installation, "plan.archived", actor=Event.Actor.STAFF, actor_id=actor_id, plan=plan.code)
            publish_after_commit(plan.product)
    return plan
