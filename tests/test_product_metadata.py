"""Storefronts read a product's subscription switch and plans from its public Saleor metadata."""

import datetime

import pytest
from django.utils import timezone

from saleor_subscriptions.plans import product_metadata
from saleor_subscriptions.plans.actions import archive_plan, create_plan, set_subscribable
from saleor_subscriptions.plans.models import Plan

from .conftest import TRIAL_TERMS

pytestmark = pytest.mark.django_db


def test_plan_changes_and_the_switch_are_written_into_the_products_public_metadata(shop, django_capture_on_commit_callbacks):
    standin, installation, product = shop  # "monthly" exists already
    with django_capture_on_commit_callbacks(execute=True):
        create_plan(installation, product_id=product["id"], code="bimonthly", terms=TRIAL_TERMS)
    assert standin.metadata[product["id"]] == {"subscription.enabled": "true", "subscription.plans": "monthly,bimonthly",
                                               "subscription.variants": ""}
    with django_capture_on_commit_callbacks(execute=True):
        archive_plan(Plan.objects.get(code="monthly"))
    assert standin.metadata[product["id"]]["subscription.plans"] == "bimonthly"
    with django_capture_on_commit_callbacks(execute=True):
        set_subscribable(installation, product["id"], subscribable=True, variant_ids=[product["variants"][0]["id"]])
    assert standin.metadata[product["id"]]["subscription.variants"] == product["variants"][0]["id"]
    with django_capture_on_commit_callbacks(execute=True):
        set_subscribable(installation, product["id"], subscribable=False)
    assert standin.metadata[product["id"]] == {"subscription.enabled": "false", "subscription.plans": "bimonthly",
                                               "subscription.variants": ""}
    update = standin.received[-1]
    assert update.operation_name == "UpdateMetadata" and "updateMetadata" in update.query  # public, not private metadata


def test_a_saleor_failure_keeps_the_plan_and_beat_writes_the_metadata_later(shop, django_capture_on_commit_callbacks):
    standin, installation, product = shop
    standin.http_failures = [502] * 4  # every attempt of the call
    with django_capture_on_commit_callbacks(execute=True):
        plan = create_plan(installation, product_id=product["id"], code="bimonthly", terms=TRIAL_TERMS)
    assert Plan.objects.filter(pk=plan.pk).exists() and product["id"] not in standin.metadata
    failed = installation.events.get(type="product.metadata_failed")
    assert failed.data["product_id"] == product["id"] and "502" in failed.data["error"]
    assert product_metadata.publish_pending(installation) == 0  # not again at once
    later = timezone.now() + datetime.timedelta(minutes=16)
    assert product_metadata.publish_pending(installation, now=later) == 1
    assert standin.metadata[product["id"]]["subscription.plans"] == "monthly,bimonthly"
    assert product_metadata.publish_pending(installation, now=later) == 0  # Saleor has it now


def test_beat_writes_what_no_hand_off_ever_wrote(shop):
    standin, installation, product = shop  # "monthly" was created without running its after-commit hand-off
    assert product["id"] not in standin.metadata
    assert product_metadata.publish_pending(installation) == 1
    assert standin.metadata[product["id"]]["subscription.plans"] == "monthly"


def test_a_product_saleor_no_longer_has_is_not_retried_forever(installed, django_capture_on_commit_callbacks):
    standin, _, installation = installed
    with django_capture_on_commit_callbacks(execute=True):
        create_plan(installation, product_id="UHJvZHVjdDo5OTk5", code="gone", terms=TRIAL_TERMS)
    assert installation.events.get(type="product.metadata_failed").data["final"] is True
    assert product_metadata.publish_pending(installation, now=timezone.now() + datetime.timedelta(days=1)) == 0
