"""Subscription lines in a Saleor checkout (stand-in): custom price, plan metadata, coded refusals."""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from saleor_subscriptions.checkout.actions import (
    CheckoutError,
    add_subscription_line,
    remove_plan,
    update_subscription_line,
)
from saleor_subscriptions.checkout import locks
from saleor_subscriptions.checkout.models import CheckoutLock
from saleor_subscriptions.core.errors import InputError
from saleor_subscriptions.plans.actions import archive_plan, create_plan, revise_plan

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def checkout(shop):
    standin, installation, product = shop
    return standin, installation, product, standin.add_checkout("jp")


def saleor_line(standin, checkout_id):
    (line,) = standin.checkout_view(standin.checkouts[checkout_id])["lines"]
    return line


def test_adding_a_subscription_line_sets_price_and_plan_in_saleor(checkout):
    standin, installation, product, cart = checkout
    variant = product["variants"][0]["id"]
    line = add_subscription_line(installation, checkout_id=cart["id"], variant_id=variant, quantity=1, plan_code="monthly")
    assert (line.unit_price, line.currency, line.plan_code, line.plan_version) == (D("980"), "JPY", "monthly", 1)
    stored = saleor_line(standin, cart["id"])
    assert stored["unitPrice"]["gross"] == {"amount": 980.0, "currency": "JPY"}
    assert stored["priceOverrideReason"] == "subscription monthly v1"
    metadata = {m["key"]: m["value"] for m in stored["metadata"]}
    assert (metadata["subscription.plan"], metadata["subscription.plan_version"]) == ("monthly", "1")


def test_the_first_delivery_price_follows_the_currency(checkout):
    standin, installation, product, _ = checkout
    us = standin.add_checkout("us", "EN_US")
    line = add_subscription_line(installation, checkout_id=us["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    assert (line.unit_price, line.currency) == (D("9.00"), "USD")


def test_changing_quantity_reprices_tiers_and_removing_the_plan_reverts(checkout):
    standin, installation, product, cart = checkout
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "tiers_apply_to_trial": True})
    variant = product["variants"][0]["id"]
    line = add_subscription_line(installation, checkout_id=cart["id"], variant_id=variant, quantity=1, plan_code="monthly")
    line = update_subscription_line(installation, checkout_id=cart["id"], line_id=line.line_id, quantity=3)
    assert (line.quantity, line.unit_price, line.plan_version) == (3, D("882"), 2)  # 980 − 10 %
    line = remove_plan(installation, checkout_id=cart["id"], line_id=line.line_id)
    assert (line.unit_price, line.plan_code) == (D("6800"), None)
    stored = saleor_line(standin, cart["id"])
    assert stored["metadata"] == [] and stored["priceOverrideReason"] is None


@pytest.fixture
def cases(checkout):
    """Everything the refusal cases refer to, by name."""
    standin, installation, product, cart = checkout
    plan = installation.plans.get()
    limited = {**plan.current_version.terms_json, "max_quantity": 12}
    revise_plan(plan, limited)
    archive_plan(create_plan(installation, product_id=product["id"], code="archived", terms=limited))
    other = standin.add_product("Coffee", variants=[("beans", {"jp": D("3000")})])
    return {
        "jp_checkout": cart["id"],
        "us_checkout": standin.add_checkout("us")["id"],
        "eur_checkout": standin.add_checkout("eu")["id"],
        "tea_100g": product["variants"][0]["id"],
        "tea_200g_jp_only": product["variants"][1]["id"],
        "coffee": other["variants"][0]["id"],
    }


VALID = {"checkout_id": "jp_checkout", "variant_id": "tea_100g", "quantity": 1, "plan_code": "monthly"}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"plan_code": "weekly"}, "plan", "not_found"),
        ({"plan_code": "archived"}, "plan", "not_found"),
        ({"quantity": 0}, "quantity", "quantity_out_of_range"),
        ({"quantity": 13}, "quantity", "quantity_out_of_range"),
        ({"checkout_id": "Q2hlY2tvdXQ6b3RoZXI="}, "checkoutId", "not_found"),  # e.g. another Saleor's checkout
        ({"variant_id": "coffee"}, "plan", "plan_not_for_variant"),
        ({"checkout_id": "us_checkout", "variant_id": "tea_200g_jp_only"}, "variantId", "not_found"),
        ({"checkout_id": "eur_checkout"}, "plan", "price_unavailable"),  # the plan has no EUR price
    ],
)
def test_invalid_input_is_refused_and_changes_nothing_in_saleor(checkout, cases, change, field, code):
    standin, installation, _, _ = checkout
    arguments = {key: cases.get(value, value) for key, value in {**VALID, **change}.items()}
    mutations_before = [r for r in standin.received if r.query.lstrip().startswith("mutation")]
    with pytest.raises(CheckoutError) as error:
        add_subscription_line(installation, **arguments)
    assert (error.value.field, error.value.code) == (field, code)
    assert error.value.message
    assert [r for r in standin.received if r.query.lstrip().startswith("mutation")] == mutations_before
    assert all(not c["lines"] for c in standin.checkouts.values())


def test_without_handle_checkouts_saleor_refuses_and_we_say_why(checkout):
    standin, installation, product, cart = checkout
    next(iter(standin.apps.values())).permissions.remove("HANDLE_CHECKOUTS")
    with pytest.raises(CheckoutError) as error:
        add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    assert error.value.code == "permission_missing"


def test_free_inserts_ride_with_the_first_delivery_and_leave_with_the_plan(checkout):
    standin, installation, product, cart = checkout
    booklet = standin.add_product("Booklet", variants=[("ja", {"jp": D("500")})])["variants"][0]["id"]
    gift = standin.add_product("Gift", variants=[("mug", {"jp": D("1500")})])["variants"][0]["id"]
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json,
                       "free_inserts": [{"variant_id": booklet, "deliveries": [1]}, {"variant_id": gift, "deliveries": [6]}]})
    line = add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=2, plan_code="monthly")
    lines = standin.checkout_view(standin.checkouts[cart["id"]])["lines"]
    insert = next(l for l in lines if l["variant"]["id"] == booklet)
    assert (insert["quantity"], insert["unitPrice"]["gross"]["amount"]) == (1, 0.0)
    assert not any(l["variant"]["id"] == gift for l in lines)  # the gift comes with delivery 6
    remove_plan(installation, checkout_id=cart["id"], line_id=line.line_id)
    assert [l["variant"]["id"] for l in standin.checkout_view(standin.checkouts[cart["id"]])["lines"]] == [product["variants"][0]["id"]]


def test_switching_plan_swaps_the_free_inserts(checkout):
    standin, installation, product, cart = checkout
    booklet = standin.add_product("Booklet", variants=[("ja", {"jp": D("500")})])["variants"][0]["id"]
    sample = standin.add_product("Sample", variants=[("5 g", {"jp": D("200")})])["variants"][0]["id"]
    plan = installation.plans.get()
    revise_plan(plan, {**plan.current_version.terms_json, "free_inserts": [{"variant_id": booklet, "deliveries": [1]}]})
    create_plan(installation, product_id=product["id"], code="bimonthly",
                terms={**plan.current_version.terms_json, "free_inserts": [{"variant_id": sample, "deliveries": [1]}]})
    line = add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1, plan_code="monthly")
    line = update_subscription_line(installation, checkout_id=cart["id"], line_id=line.line_id, plan_code="bimonthly")
    assert line.plan_code == "bimonthly"
    variants = sorted(l["variant"]["id"] for l in standin.checkout_view(standin.checkouts[cart["id"]])["lines"])
    assert variants == sorted([product["variants"][0]["id"], sample])


def slow_checkout_reads(standin, monkeypatch, seconds=0.3):
    """Saleor answers `Checkout` slowly, so two changes started together both read before either writes."""
    handle = standin.handle

    def slowly(method, path, headers, body):
        if b'"operationName": "Checkout"' in body or b'"operationName":"Checkout"' in body:
            time.sleep(seconds)
        return handle(method, path, headers, body)

    monkeypatch.setattr(standin, "handle", slowly)


def at_once(*calls):
    """Run the calls in threads started together; their results or exceptions, in order."""
    results = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 — the test inspects it
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_identical_adds_at_once_write_one_line_and_both_answer_it(checkout, monkeypatch):
    standin, installation, product, cart = checkout
    slow_checkout_reads(standin, monkeypatch)
    variant = product["variants"][0]["id"]

    def add():
        return add_subscription_line(installation, checkout_id=cart["id"], variant_id=variant, quantity=1, plan_code="monthly")

    first, second = at_once(add, add)
    assert not isinstance(first, Exception) and not isinstance(second, Exception), (first, second)
    (line,) = standin.checkout_view(standin.checkouts[cart["id"]])["lines"]
    assert first == second and first.line_id == line["id"] and first.unit_price == D("980")
    assert not CheckoutLock.objects.exists()  # released


@pytest.mark.django_db(transaction=True)
def test_an_add_with_another_quantity_meanwhile_is_told_to_update_the_line(checkout, monkeypatch):
    standin, installation, product, cart = checkout
    slow_checkout_reads(standin, monkeypatch)
    variant = product["variants"][0]["id"]

    def add(quantity):
        return lambda: add_subscription_line(installation, checkout_id=cart["id"], variant_id=variant, quantity=quantity,
                                             plan_code="monthly")

    results = at_once(add(1), add(2))
    (line,) = standin.checkout_view(standin.checkouts[cart["id"]])["lines"]
    (added,) = [r for r in results if not isinstance(r, Exception)]
    (refused,) = [r for r in results if isinstance(r, Exception)]
    assert added.line_id == line["id"] and added.quantity == line["quantity"]
    assert (refused.field, refused.code) == ("variantId", "line_exists") and line["id"] in refused.message


def test_a_lease_left_by_a_killed_request_is_taken_over(checkout):
    standin, installation, product, cart = checkout
    CheckoutLock.objects.create(installation=installation, checkout_id=cart["id"], holder="killed",
                                expires_at=timezone.now() - datetime.timedelta(seconds=1))
    line = add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1,
                                 plan_code="monthly")
    assert line.plan_code == "monthly" and not CheckoutLock.objects.exists()


def test_a_change_held_up_too_long_is_a_coded_error_and_writes_nothing(checkout, monkeypatch):
    standin, installation, product, cart = checkout
    CheckoutLock.objects.create(installation=installation, checkout_id=cart["id"], holder="other",
                                expires_at=timezone.now() + datetime.timedelta(seconds=60))
    monkeypatch.setattr(locks, "WAIT", 0.2)
    with pytest.raises(InputError) as error:
        add_subscription_line(installation, checkout_id=cart["id"], variant_id=product["variants"][0]["id"], quantity=1,
                              plan_code="monthly")
    assert (error.value.field, error.value.code) == ("checkoutId", "checkout_busy")
    assert not standin.checkouts[cart["id"]]["lines"]
