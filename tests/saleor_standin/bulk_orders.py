"""`orderBulkCreate` as Saleor 3.23 runs it, and the catalogue reads its callers need.

Saleor stores bulk orders verbatim, so the stand-in checks what Saleor checks and refuses rows the
way Saleor does (`saleor/graphql/order/bulk_mutations/order_bulk_create.py`): a used external
reference, a currency other than the channel's, a line without a tax class or warehouse, a
shipping method given in its `ShippingMethodType` form, net above gross, and stock short under
the `UPDATE` policy. Failed rows drop only themselves under `REJECT_FAILED_ROWS`.

As a live 3.23.28 does, an unfulfilled imported order is checked against stock but allocates
none: stock falls only when the order is fulfilled.
"""

import base64
from decimal import Decimal

MAX_ORDERS = 50


def decode(global_id: str | None) -> tuple[str, str]:
    try:
        type_name, _, pk = base64.b64decode(global_id or "").decode().partition(":")
    except ValueError:
        return "", ""
    return type_name, pk


def _error(path, code, message):
    return {"path": path, "code": code, "message": message}


def _money(taxed: dict) -> tuple[Decimal, Decimal]:
    return Decimal(str(taxed["net"])), Decimal(str(taxed["gross"]))


def _line_errors(standin, index: int, line: dict) -> list[dict]:
    path = f"lines.{index}"
    _, variant = standin._find_variant(line.get("variantId"))
    if variant is None:
        return [_error(path, "NOT_FOUND", "Couldn't resolve ProductVariant instance.")]
    if line.get("warehouse") not in standin.warehouses:
        return [_error(path, "NOT_FOUND", "Couldn't resolve Warehouse instance.")]
    if line.get("taxClassId") not in standin.tax_classes:
        return [_error(path, "NOT_FOUND", "Can't return TaxClass instance.")]
    if line["quantity"] < 1:
        return [_error(f"{path}.quantity", "INVALID_QUANTITY", "Invalid quantity.")]
    net, gross = _money(line["totalPrice"])
    undiscounted_net, undiscounted_gross = _money(line["undiscountedTotalPrice"])
    if net > gross or undiscounted_net > undiscounted_gross:
        return [_error(f"{path}.total_price", "PRICE_ERROR", "Net price can't be greater then gross price.")]
    if gross > undiscounted_gross or net > undiscounted_net:
        return [_error(f"{path}.undiscounted_total_price", "PRICE_ERROR",
                       "Total price can't be greater then undiscounted total price.")]
    return []


def _order_errors(standin, row: dict) -> list[dict]:
    reference = row.get("externalReference")
    if reference and any(o["externalReference"] == reference for o in standin.orders.values()):
        return [_error("external_reference", "UNIQUE", f"Order with external_reference: {reference} already exists.")]
    channel = standin.channels.get(row["channel"])
    if channel is None:
        return [_error("channel", "NOT_FOUND", "Couldn't resolve Channel instance.")]
    if channel["currencyCode"].lower() != row["currency"].lower():
        return [_error("currency", "INCORRECT_CURRENCY", "Currency from input doesn't match channel's currency.")]
    user = {key: value for key, value in row["user"].items() if value is not None}
    if len(user) != 1:
        return [_error("user", "TOO_MANY_IDENTIFIERS" if user else "REQUIRED",
                       "Only one of [id, email, external_reference] arguments can be provided to resolve User instance.")]
    if not row["billingAddress"].get("country"):
        return [_error("billing_address", "INVALID", "Invalid billing address.")]
    errors = [error for index, line in enumerate(row["lines"]) for error in _line_errors(standin, index, line)]
    if any(line["isShippingRequired"] for line in row["lines"]):
        delivery = row.get("deliveryMethod") or {}
        type_name, pk = decode(delivery.get("shippingMethodId"))
        if type_name != "ShippingMethod" or pk not in standin.shipping_methods:
            errors += [_error("delivery_method.shipping_method_id", "INVALID", "Couldn't resolve to a node."),
                       _error("delivery_method", "REQUIRED", "No delivery method provided.")]
        elif delivery.get("shippingTaxClassId") not in standin.tax_classes:
            errors.append(_error("delivery_method.shipping_tax_class_id", "NOT_FOUND", "Can't return TaxClass instance."))
        elif delivery.get("shippingPrice") and _money(delivery["shippingPrice"])[0] > _money(delivery["shippingPrice"])[1]:
            errors.append(_error("delivery_method.shipping_price", "PRICE_ERROR", "Net price can't be greater than gross price."))
    return errors


def _stock_errors(standin, row: dict, policy: str) -> list[dict]:
    if policy == "FORCE":
        return []
    wanted: dict[str, int] = {}
    for line in row["lines"]:
        wanted[line["variantId"]] = wanted.get(line["variantId"], 0) + line["quantity"]
    errors = []
    for index, line in enumerate(row["lines"]):
        _, variant = standin._find_variant(line["variantId"])
        if wanted[line["variantId"]] > standin.free_stock(variant):
            errors.append(_error(f"lines.{index}", "INSUFFICIENT_STOCK",
                                 f"Insufficient stock for product variant: {line['variantId']}."))
    return errors


def order_bulk_create(standin, orders: list[dict], errorPolicy="REJECT_EVERYTHING", stockUpdatePolicy="UPDATE") -> dict:
    if len(orders) > MAX_ORDERS:
        return {"count": 0, "results": [], "errors": [_error(None, "BULK_LIMIT", f"Number of orders exceeds limit: {MAX_ORDERS}.")]}
    standin.bulk_calls.append(len(orders))
    rows = [(row, _order_errors(standin, row)) for row in orders]
    if errorPolicy == "REJECT_EVERYTHING" and any(errors for _, errors in rows):
        return {"count": 0, "errors": [], "results": [{"order": None, "errors": errors} for _, errors in rows]}
    results = []
    for row, errors in rows:
        errors = errors or (_stock_errors(standin, row, stockUpdatePolicy) if stockUpdatePolicy != "SKIP" else [])
        if errors:
            results.append({"order": None, "errors": errors})
            continue
        shipping = (row.get("deliveryMethod") or {}).get("shippingPrice")
        total = sum(_money(line["totalPrice"])[1] for line in row["lines"]) + (_money(shipping)[1] if shipping else 0)
        created = standin.add_order(row["channel"], total, status=row.get("status") or "UNCONFIRMED", origin="BULK_CREATE",
                                    externalReference=row.get("externalReference"), input=row,
                                    metadata={item["key"]: item["value"] for item in row.get("metadata") or ()})
        results.append({"order": standin.order_view(created), "errors": []})
    return {"count": sum(1 for result in results if result["order"]), "results": results, "errors": []}
