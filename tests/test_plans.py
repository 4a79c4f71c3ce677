"""Plans are versioned: revising one never changes what an existing version promised."""

import pytest

from saleor_subscriptions.plans.actions import PlanError, archive_plan, create_plan, revise_plan, set_subscribable
from saleor_subscriptions.plans.models import PlanVersion, SubscriptionProduct

pytestmark = pytest.mark.django_db

PRODUCT = "UHJvZHVjdDox"
TERMS = {
    "schedule": {"interval_unit": "month"},
    "trial": {"kind": "price", "price": {"amounts": {"JPY": "980", "USD": "9.00"}}},
    "regular": {"amounts": {"JPY": "6000", "USD": "60.00"}},
    "texts": {"ja": {"name": "毎月お届け"}, "en": {"name": "Monthly delivery"}},
}


@pytest.fixture
def installation(installed):
    return installed[2]


def test_a_new_plan_starts_at_version_one(installation):
    plan = create_plan(installation, product_id=PRODUCT, code="monthly", terms=TERMS, actor_id="VXNlcjox")
    assert plan.current_version.number == 1
    assert plan.current_version.terms.regular.amounts["JPY"] == 6000
    assert plan.product.product_id == PRODUCT and plan.product.is_subscribable
    assert installation.events.last().data == {"plan": "monthly", "version": 1}


def test_revising_prices_adds_a_version_and_keeps_the_old_one(installation):
    plan = create_plan(installation, product_id=PRODUCT, code="monthly", terms=TERMS)
    first = plan.current_version
    cheaper = {**TERMS, "regular": {"amounts": {"JPY": "5500", "USD": "55.00"}}}
    second = revise_plan(plan, cheaper)
    assert second.number == 2
    assert plan.current_version == second
    first.refresh_from_db()
    assert first.terms.regular.amounts["JPY"] == 6000  # what earlier subscribers were promised
    with pytest.raises(ValueError, match="immutable"):
        first.save()


def test_revising_with_identical_terms_adds_nothing(installation):
    plan = create_plan(installation, product_id=PRODUCT, code="monthly", terms=TERMS)
    assert revise_plan(plan, dict(TERMS)).number == 1
    assert PlanVersion.objects.count() == 1


def test_invalid_terms_report_fields_and_store_nothing(installation):
    bad = {**TERMS, "regular": {"amounts": {"JPY": "6000.5"}}, "texts": {}}
    with pytest.raises(PlanError) as error:
        create_plan(installation, product_id=PRODUCT, code="monthly", terms=bad)
    fields = {e["field"] for e in error.value.errors}
    assert fields == {"terms.regular.amounts", "terms.texts"}
    assert all(e["code"] == "invalid" and e["message"] for e in error.value.errors)
    assert not SubscriptionProduct.objects.exists()


def test_plan_codes_are_unique_per_installation(installation):
    create_plan(installation, product_id=PRODUCT, code="monthly", terms=TERMS)
    with pytest.raises(PlanError) as error:
        create_plan(installation, product_id="UHJvZHVjdDoy", code="monthly", terms=TERMS)
    assert error.value.errors == [{"field": "code", "code": "unique", "message": "プラン「monthly」はすでにあります。"}]


def test_archiving_keeps_versions(installation):
    plan = create_plan(installation, product_id=PRODUCT, code="monthly", terms=TERMS)
    archive_plan(plan)
    plan.refresh_from_db()
    assert plan.is_archived and plan.current_version.number == 1


def test_the_subscription_switch_can_cover_some_variants(installation):
    product = set_subscribable(installation, PRODUCT, subscribable=True, variant_ids=["Vjoy", "VjoxMA=="])
    assert product.covers("Vjoy") and not product.covers("Vjoz")
    product = set_subscribable(installation, PRODUCT, subscribable=False)
    assert not product.covers("Vjoy")
    assert SubscriptionProduct.objects.count() == 1
