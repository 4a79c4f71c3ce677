"""Subscribable products and their plans; a plan's terms live in immutable, numbered versions."""

import json
from functools import cached_property

from django.db import models

from .terms import PlanTerms


class SubscriptionProduct(models.Model):
    """The per-product "subscription" switch (optionally limited to some variants)."""

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="subscription_products"
    )
    product_id = models.CharField(max_length=255, help_text="Saleor Product GID")
    variant_ids = models.JSONField(default=list, blank=True, help_text="empty: every variant")
    is_subscribable = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("installation", "product_id"), name="subscription_product_once")
        ]

    def __str__(self):
        return self.product_id

    def covers(self, variant_id: str) -> bool:
        return self.is_subscribable and (not self.variant_ids or variant_id in self.variant_ids)


class Plan(models.Model):
    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="plans"
    )
    product = models.ForeignKey(SubscriptionProduct, on_delete=models.CASCADE, related_name="plans")
    code = models.SlugField(max_length=64, help_text="stable key, written into checkout line metadata")
    position = models.PositiveIntegerField(default=0)
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("position", "id")
        constraints = [models.UniqueConstraint(fields=("installation", "code"), name="plan_code_once")]

    def __str__(self):
        return self.code

    @property
    def current_version(self) -> "PlanVersion":
        return self.versions.order_by("-number").first()


class PlanVersion(models.Model):
    """A snapshot of what subscribers were promised; never edited, only superseded."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    terms_json = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("plan", "number")
        constraints = [models.UniqueConstraint(fields=("plan", "number"), name="plan_version_once")]

    def __str__(self):
        return f"{self.plan.code} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("plan versions are immutable; revise the plan instead")
        super().save(*args, **kwargs)

    @cached_property
    def terms(self) -> PlanTerms:
        return validated_terms(self.terms_json)


class PlanMove(models.Model):
    """Subscribers of earlier versions moved to `to_version` on `effective_on`, announced to them by mail in advance."""

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="plan_moves")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="moves")
    to_version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    effective_on = models.DateField(help_text="the first day renewals are priced from the new version (shop's time zone)")
    subscription_ids = models.JSONField(default=list, help_text="the subscriptions announced to, and moved on the day")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=255, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=("effective_on",), name="plan_move_due", condition=models.Q(applied_at__isnull=True))]

    def __str__(self):
        return f"{self.plan.code} → v{self.to_version.number} on {self.effective_on}"


_TERMS: dict[str, PlanTerms] = {}  # canonical terms JSON → validated (frozen) terms


def validated_terms(terms_json: dict) -> PlanTerms:
    """A version's terms, validated once per process and distinct terms (renewals read the same few versions over
    and over)."""
    key = json.dumps(terms_json, sort_keys=True, separators=(",", ":"), default=repr)
    terms = _TERMS.get(key)
    if terms is None:
        if len(_TERMS) > 4096:
            _TERMS.clear()
        terms = _TERMS[key] = PlanTerms.model_validate(terms_json)
    return terms
