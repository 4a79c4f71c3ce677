"""Subscription lines in a Saleor checkout: the plan's price as the line's custom price, the plan in
the line's metadata. Everything is checked before the single Saleor mutation that writes it."""

import dataclasses
import logging
import uuid
from decimal import Decimal

from django.utils import timezone

from ..core.error_texts import error_text
from ..core.errors import InputError
from ..core.money import from_saleor
from ..plans.models import Plan
from ..plans.pricing import PricingError, price_line
from ..saleor.client import SaleorClient, SaleorGraphQLError, SaleorMutationError, SaleorTransportError
from ..saleor.payloads import list_price, on_sale
from .line_plan import PLAN_KEY, VERSION_KEY, plan_reference
from .locks import checkout_lock

LINE_KEY = "subscription.line"  # ties a subscription line's free inserts to it
INSERT_KEY = "subscription.insert_for"
logger = logging.getLogger(__name__)


class CheckoutError(InputError):
    """A checkout change refused before anything was written to Saleor."""


@dataclasses.dataclass(frozen=True)
class SubscriptionLine:
    line_id: str
    variant_id: str
    quantity: int
    currency: str
    unit_price: Decimal
    plan_code: str | None
    plan_version: int | None


def line_metadata(line: dict) -> dict[str, str]:
    return {item["key"]: item["value"] for item in line["metadata"]}


def _line(line: dict, currency: str) -> SubscriptionLine:
    reference = plan_reference(line_metadata(line))
    return SubscriptionLine(
        line_id=line["id"],
        variant_id=line["variant"]["id"],
        quantity=line["quantity"],
        currency=currency,
        unit_price=from_saleor(line["unitPrice"]["gross"]["amount"], currency),
        plan_code=reference.code if reference else None,
        plan_version=reference.number if reference else None,
    )


def call_saleor(client: SaleorClient, operation: str, variables: dict) -> dict:
    try:
        return client.execute(operation, variables)
    except SaleorMutationError as exc:
        error = exc.errors[0]
        logger.warning("%s refused: %s", operation, exc.errors)  # Saleor's words are for the operator
        raise CheckoutError(error.get("field"), "saleor_rejected", f"Saleor refused: {error.get('message')}") from None
    except SaleorGraphQLError as exc:
        if exc.permission_denied:  # names the permission the merchant must grant the app
            raise CheckoutError(None, "permission_missing", str(exc)) from None
        logger.warning("%s refused: %s", operation, exc)
        raise CheckoutError(None, "saleor_rejected", error_text("saleor_rejected")) from None
    except SaleorTransportError as exc:
        logger.warning("%s: %s", operation, exc)  # the HTTP library's words are for the operator
        raise CheckoutError(None, "saleor_unavailable", error_text("saleor_unavailable")) from None


def _checkout(client: SaleorClient, checkout_id: str) -> dict:
    checkout = call_saleor(client, "Checkout", {"id": checkout_id})["checkout"]
    if checkout is None:
        raise CheckoutError("checkoutId", "not_found", f"no checkout {checkout_id} in this Saleor")
    return checkout


def _quote(installation, client, checkout: dict, *, variant_id: str, quantity: int, plan_code: str):
    """The plan version and price for `quantity` of `variant_id` on the first delivery."""
    plan = Plan.objects.filter(installation=installation, code=plan_code, is_archived=False).select_related("product").first()
    if plan is None:
        raise CheckoutError("plan", "not_found", f"no plan {plan_code!r} is on sale")
    version = plan.current_version
    terms = version.terms
    if quantity < terms.min_quantity or (terms.max_quantity is not None and quantity > terms.max_quantity):
        limit = f"{terms.min_quantity}–{terms.max_quantity}" if terms.max_quantity else f"at least {terms.min_quantity}"
        raise CheckoutError("quantity", "quantity_out_of_range", f"plan {plan_code!r} takes a quantity of {limit}",
                            words="quantity_range" if terms.max_quantity else None,
                            minimum=terms.min_quantity, maximum=terms.max_quantity)
    channel, currency = checkout["channel"]["slug"], checkout["channel"]["currencyCode"]
    product = call_saleor(client, "ProductPricing", {
        "productId": plan.product.product_id, "channel": channel, "languageCode": checkout["languageCode"],
    })["product"]
    if product is not None and not on_sale(product, channel, timezone.now()):
        raise CheckoutError("variantId", "not_found", f"the variant is not sold in channel {channel!r}")
    variant = next((v for v in (product or {}).get("variants") or () if v["id"] == variant_id), None)
    if variant is None or not plan.product.covers(variant_id):
        raise CheckoutError("plan", "plan_not_for_variant", f"plan {plan_code!r} is not offered for this variant")
    if variant["pricing"] is None:
        raise CheckoutError("variantId", "not_found", f"the variant is not sold in channel {channel!r}")
    try:
        price = price_line(terms, currency=currency, quantity=quantity, delivery=1, list_price=list_price(variant, currency))
    except PricingError as exc:
        raise CheckoutError("plan", "price_unavailable", f"plan {plan_code!r}: {exc}") from None
    return plan, version, price


def _priced(plan, version, price, key: str) -> dict:
    return {
        "quantity": price.quantity,
        "price": str(price.unit),
        "priceOverrideReason": f"subscription {plan.code} v{version.number}",
        "metadata": [{"key": PLAN_KEY, "value": plan.code}, {"key": VERSION_KEY, "value": str(version.number)},
                     {"key": LINE_KEY, "value": key}],
    }


def _free_inserts(plan, version, key: str) -> list[dict]:
    """The plan's free inserts (同梱物) for the first delivery, as ¥0 lines of their own."""
    return [
        {"variantId": insert.variant_id, "quantity": 1, "price": "0", "forceNewLine": True,
         "priceOverrideReason": f"free insert, subscription {plan.code}", "metadata": [{"key": INSERT_KEY, "value": key}]}
        for insert in version.terms.free_inserts
        if 1 in insert.deliveries
    ]


def _inserts_of(checkout: dict, key: str | None) -> list[str]:
    return [line["id"] for line in checkout["lines"] if key and line_metadata(line).get(INSERT_KEY) == key]


def add_subscription_line(installation, *, checkout_id: str, variant_id: str, quantity: int, plan_code: str) -> SubscriptionLine:
    """A new line for the variant on the plan; the same request made twice answers the first one's line."""
    if quantity < 1:
        raise CheckoutError("quantity", "quantity_out_of_range", "quantity must be at least 1", minimum=1)
    client = SaleorClient.for_installation(installation)
    with checkout_lock(installation, checkout_id):
        checkout = _checkout(client, checkout_id)  # read under the lock: any earlier change is in it
        currency = checkout["channel"]["currencyCode"]
        same = next((line for line in checkout["lines"] if line["variant"]["id"] == variant_id
                     and line_metadata(line).get(PLAN_KEY) == plan_code), None)
        if same is not None:  # a double click, or a retry of a request whose answer was lost
            if same["quantity"] == quantity:
                return _line(same, currency)
            raise CheckoutError("variantId", "line_exists", error_text("line_exists", line=same["id"]),
                                line=same["id"])
        plan, version, price = _quote(installation, client, checkout, variant_id=variant_id, quantity=quantity, plan_code=plan_code)
        key = uuid.uuid4().hex
        line = {"variantId": variant_id, "forceNewLine": True, **_priced(plan, version, price, key)}
        # one mutation: the line and its inserts arrive together or not at all
        lines = [line, *_free_inserts(plan, version, key)]
        after = call_saleor(client, "CheckoutLinesAdd", {"id": checkout_id, "lines": lines})["checkoutLinesAdd"]["checkout"]
    added = next(line for line in after["lines"] if line_metadata(line).get(LINE_KEY) == key)
    return _line(added, after["channel"]["currencyCode"])


def _existing_line(checkout: dict, line_id: str) -> dict:
    line = next((line for line in checkout["lines"] if line["id"] == line_id), None)
    if line is None:
        raise CheckoutError("lineId", "not_found", f"no line {line_id} in this checkout")
    return line


def update_subscription_line(installation, *, checkout_id: str, line_id: str, quantity: int | None = None,
                             plan_code: str | None = None) -> SubscriptionLine:
    """Change quantity and/or plan; the price is re-quoted (quantity tiers)."""
    if quantity is not None and quantity < 1:
        raise CheckoutError("quantity", "quantity_out_of_range", "quantity must be at least 1", minimum=1)
    with checkout_lock(installation, checkout_id):
        return _update_line(installation, checkout_id=checkout_id, line_id=line_id, quantity=quantity, plan_code=plan_code)


def _update_line(installation, *, checkout_id: str, line_id: str, quantity: int | None, plan_code: str | None) -> SubscriptionLine:
    client = SaleorClient.for_installation(installation)
    checkout = _checkout(client, checkout_id)
    existing = _existing_line(checkout, line_id)
    current = _line(existing, checkout["channel"]["currencyCode"])
    plan_code = plan_code or current.plan_code
    if plan_code is None:
        raise CheckoutError("plan", "not_found", "this line has no plan: give one")
    plan, version, price = _quote(installation, client, checkout, variant_id=current.variant_id,
                                  quantity=quantity or current.quantity, plan_code=plan_code)
    key = line_metadata(existing).get(LINE_KEY) or uuid.uuid4().hex
    changes = [{"lineId": line_id, **_priced(plan, version, price, key)}]
    new_plan = plan_code != current.plan_code
    if new_plan:  # the old plan's inserts go with it
        changes += [{"lineId": insert, "quantity": 0} for insert in _inserts_of(checkout, key)]
    after = call_saleor(client, "CheckoutLinesUpdate", {"id": checkout_id, "lines": changes})["checkoutLinesUpdate"]["checkout"]
    inserts = _free_inserts(plan, version, key) if new_plan else []
    if inserts:  # a failure here loses only a free gift, never a price
        after = call_saleor(client, "CheckoutLinesAdd", {"id": checkout_id, "lines": inserts})["checkoutLinesAdd"]["checkout"]
    return _line(_existing_line(after, line_id), after["channel"]["currencyCode"])


def remove_plan(installation, *, checkout_id: str, line_id: str) -> SubscriptionLine:
    """Back to a one-time purchase at the channel's price.

    One mutation clears the price, blanks the plan keys and drops the free inserts, so no failure
    can leave a subscription price or gift on a one-time line; the emptied keys are then deleted.
    """
    with checkout_lock(installation, checkout_id):
        return _remove_plan(installation, checkout_id=checkout_id, line_id=line_id)


def _remove_plan(installation, *, checkout_id: str, line_id: str) -> SubscriptionLine:
    client = SaleorClient.for_installation(installation)
    checkout = _checkout(client, checkout_id)
    existing = _existing_line(checkout, line_id)
    blank = [{"key": key, "value": ""} for key in (PLAN_KEY, VERSION_KEY, LINE_KEY)]
    changes = [{"lineId": line_id, "price": None, "metadata": blank}]
    changes += [{"lineId": insert, "quantity": 0} for insert in _inserts_of(checkout, line_metadata(existing).get(LINE_KEY))]
    after = call_saleor(client, "CheckoutLinesUpdate", {"id": checkout_id, "lines": changes})["checkoutLinesUpdate"]["checkout"]
    call_saleor(client, "DeleteMetadata", {"id": line_id, "keys": [PLAN_KEY, VERSION_KEY, LINE_KEY]})
    line = _existing_line(after, line_id)
    return _line({**line, "metadata": []}, after["channel"]["currencyCode"])
