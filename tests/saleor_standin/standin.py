"""A Saleor 3.23 stand-in: in-memory state, GraphQL checked against the real SDL, signed webhooks.

It plays both directions of the protocol: the app calls its API (`handle`), and it installs the
app from its manifest and sends it webhooks signed with its own key, as a live Saleor does.
"""

import base64
import dataclasses
import datetime
import itertools
import json
import secrets
import threading
import uuid
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

import jwt
from babel.numbers import get_currency_precision
from graphql import Undefined
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from .bulk_orders import order_bulk_create
from .graphql_engine import Failure, execute, parse_operation, project, saleor_schema, validation_errors
from .signing import SigningKey

VERSION = "3.23.28"


def gid(type_name: str, pk) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


class InstallFailed(Exception):
    pass


@dataclasses.dataclass
class StandinApp:
    id: str
    name: str
    identifier: str
    token: str
    permissions: list[str]
    webhooks: list[dict] = dataclasses.field(default_factory=list)
    is_active: bool = True

    def require(self, *permissions):
        missing = [p for p in permissions if p not in self.permissions]
        if missing:
            raise Failure(
                f"To access this path, you need one of the following permissions: {', '.join(missing)}",
                code="PermissionDenied",
            )

    def as_graphql(self) -> dict:
        return {
            "__typename": "App",
            "id": self.id,
            "name": self.name,
            "identifier": self.identifier,
            "isActive": self.is_active,
            "permissions": [{"code": code, "name": code.replace("_", " ").title()} for code in self.permissions],
        }


@dataclasses.dataclass
class Received:
    operation_name: str | None
    query: str
    variables: dict
    token: str | None


class SaleorStandin:
    def __init__(self, api_url: str, *, signing_key: SigningKey | None = None, jwks: dict | None = None):
        self.api_url = api_url
        self.domain = urlsplit(api_url).netloc
        self.key = signing_key or SigningKey()
        self.jwks = jwks if jwks is not None else self.key.jwks
        self.apps: dict[str, StandinApp] = {}
        self.received: list[Received] = []
        self.products: list[dict] = []
        self.channels: dict[str, dict] = {}
        self.checkouts: dict[str, dict] = {}
        self.orders: dict[str, dict] = {}
        self.metadata: dict[str, dict[str, str]] = {}
        self.users: dict[str, dict] = {}  # customers, as customerCreate made them
        self.vouchers: list[dict] = []  # Discounts → Vouchers: codes, dates, channels (add_voucher)
        self.revoked_tokens: set[str] = set()  # customer tokens Saleor no longer accepts (tokensDeactivateAll)
        self.shipping_countries = ["JP", "US", "DE", "FR", "TW", "CN"]  # the one shipping zone's countries
        # one warehouse and one shipping method serve every channel; products are taxed by class
        self.warehouses = {gid("Warehouse", "wh-1")}
        self.shipping_methods = {"1"}  # pks: ShippingMethod:1 is what order payloads carry
        self.shipping_names: dict[str, str] = {}  # pk → name, "Yamato" unless named
        self.tax_classes = {gid("TaxClass", 1): "Standard", gid("TaxClass", 2): "Reduced"}
        self.tax_rates: dict[tuple[str, str | None], Decimal] = {}  # (country, tax class or None): percent
        self.shipping_tax_class: str | None = gid("TaxClass", 1)
        self.bulk_calls: list[int] = []  # rows per orderBulkCreate call
        self.http_failures: list[int] = []  # statuses to answer with before serving again
        # Saleor calls the app's webhooks inside its own mutations (sync payment webhooks always; async
        # ones when it runs without a broker): set to an app_http to do so; statuses land in `inline`.
        self.deliver_inline = None
        self.inline: list[tuple[str, int]] = []
        self._outbox: list[tuple[str, dict]] = []
        self._ids = itertools.count(1)
        self._order_numbers = itertools.count(1001)
        self.lock = threading.RLock()

    # ---- the app calls Saleor -------------------------------------------------------------
    def handle(self, method: str, path: str, headers: dict, body: bytes) -> tuple[int, dict, bytes]:
        if method == "GET" and path == "/.well-known/jwks.json":
            return 200, {"Content-Type": "application/json"}, json.dumps(self.jwks).encode()
        if method == "POST" and path == urlsplit(self.api_url).path:
            if self.http_failures:
                return self.http_failures.pop(0), {"Content-Type": "text/html"}, b"<h1>Bad gateway</h1>"
            request = json.loads(body)
            auth = {k.lower(): v for k, v in headers.items()}.get("authorization", "")
            token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None
            self.received.append(Received(request.get("operationName"), request["query"], request.get("variables") or {}, token))
            with self.lock:
                outbox = self._outbox = []
                status, answer = execute(
                    request["query"], request.get("variables") or {}, request.get("operationName"), self._resolvers(token)
                )
            for event, fields in outbox if self.deliver_inline else ():  # before answering, as Saleor does
                self.inline += [(event, delivered) for delivered, _, _ in self.emit(self.deliver_inline, event, fields)]
            return status, {"Content-Type": "application/json"}, json.dumps(answer).encode()
        return 404, {"Content-Type": "text/plain"}, b"not found"

    def _resolvers(self, token):
        app = self.apps.get(token) if token else None
        app = app if app and app.is_active else None

        def requester(*permissions):
            if app is None:
                raise Failure("You need to be authenticated as an app.", code="PermissionDenied")
            app.require(*permissions)
            return app

        def query_app(id=None):
            return requester().as_graphql()

        def shop():
            requester()
            return {"__typename": "Shop", "version": VERSION, "availableShippingMethods": available_shipping_methods}

        def available_shipping_methods(channel, address=None):
            """Every method to a country the channel ships to (`shipping_countries`, default any)."""
            found = self.channels.get(channel)
            countries = (found or {}).get("_countries")
            if found is None or (address and countries is not None and address.get("country") not in countries):
                return []
            price = {"amount": float(found["_shipping"]), "currency": found["currencyCode"]}
            return [{"__typename": "ShippingMethod", "id": gid("ShippingMethod", pk), "name": self.shipping_names.get(pk, "Yamato"),
                     "price": price} for pk in sorted(self.shipping_methods)]

        def products(first, after=None, channel=None, filter=None, **_):
            requester()
            start = int(after) if after else 0
            chosen = [p for p in self.products if not (filter or {}).get("ids") or p["id"] in filter["ids"]]
            search = ((filter or {}).get("search") or "").lower()
            chosen = [p for p in chosen if search in p["name"].lower() or any(search in v["name"].lower() for v in p["variants"])]
            if channel in self.channels:
                chosen = [{**self._in_channel(p, channel), "variants": [
                    {**v, "sku": None, "quantityAvailable": self.free_stock(next(o for o in p["variants"] if o["id"] == v["id"]))}
                    for v in self._in_channel(p, channel)["variants"]]} for p in chosen]
            page = chosen[start : start + first]
            end = start + len(page)
            return {
                "edges": [{"node": {**p, "metadata": self._metadata_list(p["id"])}} for p in page],
                "pageInfo": {"hasNextPage": end < len(chosen), "endCursor": str(end) if page else None},
                "totalCount": len(chosen),
            }

        def update_metadata(id, input):
            requester("MANAGE_PRODUCTS")
            if not any(p["id"] == id for p in self.products):
                return {"item": None, "errors": [{"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve id: {id}."}]}
            self.metadata.setdefault(id, {}).update({item["key"]: item["value"] for item in input})
            return {"item": {"__typename": "Product", "id": id}, "errors": []}

        def update_private_metadata(id, input):
            requester("MANAGE_USERS")  # a customer's; the app's other objects are not written privately
            if id not in self.users:
                return {"item": None, "errors": [{"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve id: {id}."}]}
            self.users[id]["privateMetadata"].update({item["key"]: item["value"] for item in input})
            return {"item": {"__typename": "User", "id": id}, "errors": []}

        def channel(slug):
            requester()
            return self.channels.get(slug)

        def channels():
            requester()
            return list(self.channels.values())

        def product(id, channel=None):
            requester()
            found = next((p for p in self.products if p["id"] == id), None)
            if found is None or (channel is not None and channel not in self.channels):
                return None
            if channel is None:  # no prices: the product as staff see it, with its listings
                return {**found, "translation": self._translation(found), "channelListings": self._channel_listings(found),
                        "variants": [{**v, "translation": self._translation(v)} for v in found["variants"]]}
            return self._in_channel(found, channel)

        def product_variants(ids=None, channel=None, first=100, **_):
            requester()
            nodes = []
            for candidate in self.products:
                for variant in candidate["variants"]:
                    if variant["id"] in (ids or ()) and channel in variant["prices"]:
                        priced = next(v for v in self._in_channel(candidate, channel)["variants"] if v["id"] == variant["id"])
                        nodes.append({"node": {**priced, "__typename": "ProductVariant", "sku": None,
                                               "quantityAvailable": self.free_stock(variant),
                                               "stocks": [{"warehouse": {"id": next(iter(self.warehouses))},
                                                           "quantity": variant.get("stock", 1000),
                                                           "quantityAllocated": variant.get("allocated", 0)}],
                                               "product": {**self._product_taxes(candidate), "id": candidate["id"]}}})
            return {"edges": nodes[:first], "pageInfo": {"hasNextPage": False, "endCursor": None}}

        def product_variant(id, channel=None):
            requester()
            for candidate in self.products:
                for variant in self._in_channel(candidate, channel)["variants"] if channel in self.channels else ():
                    if variant["id"] == id:
                        stocked = next(v for v in candidate["variants"] if v["id"] == id)
                        return {**variant, "quantityAvailable": self.free_stock(stocked),
                                "product": {**variant["product"], "channelListings": self._channel_listings(candidate)}}
            return None

        def checkout(id):
            found = self.checkouts.get(id)
            return self.checkout_view(found) if found else None

        def line_error(field, code, message):
            return {"checkout": None, "errors": [{"field": field, "code": code, "message": message}]}

        def checkout_lines_add(id, lines):
            caller = requester()
            if any("price" in line for line in lines):
                caller.require("HANDLE_CHECKOUTS")
            found = self.checkouts.get(id)
            if found is None:
                return line_error("id", "NOT_FOUND", f"Couldn't resolve id: {id}.")
            for line in lines:
                _, variant = self._find_variant(line["variantId"])
                if variant is None or found["channel"] not in variant["prices"]:
                    return line_error("lines", "UNAVAILABLE_VARIANT_IN_CHANNEL", "Cannot add lines with unavailable variants.")
                if line["quantity"] <= 0:
                    return line_error("quantity", "ZERO_QUANTITY", "The quantity should be higher than zero.")
            for line in lines:
                merge = next((l for l in found["lines"] if l["variantId"] == line["variantId"]), None)
                if merge and not line.get("forceNewLine"):
                    merge["quantity"] += line["quantity"]
                    continue
                found["lines"].append({
                    "id": gid("CheckoutLine", uuid.uuid4()), "variantId": line["variantId"], "quantity": line["quantity"],
                    "price": Decimal(str(line["price"])) if line.get("price") is not None else None,
                    "reason": line.get("priceOverrideReason"),
                    "metadata": {item["key"]: item["value"] for item in line.get("metadata") or ()},
                })
            return {"checkout": self.checkout_view(found), "errors": []}

        def checkout_lines_update(id, lines):
            caller = requester()
            if any("price" in line for line in lines):
                caller.require("HANDLE_CHECKOUTS")
            found = self.checkouts.get(id)
            if found is None:
                return line_error("id", "NOT_FOUND", f"Couldn't resolve id: {id}.")
            for change in lines:
                line = next((l for l in found["lines"] if l["id"] == change.get("lineId")), None)
                if line is None:
                    return line_error("lineId", "NOT_FOUND", f"Couldn't resolve id: {change.get('lineId')}.")
                if "quantity" in change:
                    line["quantity"] = change["quantity"]
                if "price" in change:
                    line["price"] = None if change["price"] is None else Decimal(str(change["price"]))
                    line["reason"] = change.get("priceOverrideReason")
                line["metadata"].update({item["key"]: item["value"] for item in change.get("metadata") or ()})
            found["lines"] = [l for l in found["lines"] if l["quantity"] > 0]
            return {"checkout": self.checkout_view(found), "errors": []}

        def delete_metadata(id, keys):
            for found in self.checkouts.values():
                for line in found["lines"]:
                    if line["id"] == id:
                        for key in keys:
                            line["metadata"].pop(key, None)
                        return {"item": None, "errors": []}
            return {"item": None, "errors": [{"field": "id", "code": "NOT_FOUND", "message": f"Couldn't resolve id: {id}."}]}

        def orders(where=None, first=100, **_):
            requester("MANAGE_ORDERS")
            wanted = (where or {}).get("metadata") or {}
            found = [o for o in self.orders.values()
                     if o.get("metadata", {}).get(wanted.get("key")) in (wanted.get("value") or {}).get("oneOf", ())]
            return {"edges": [{"node": self.order_view(o)} for o in found[:first]],
                    "pageInfo": {"hasNextPage": len(found) > first, "endCursor": None}}

        def tax_configurations(first=100, **_):
            requester()
            return {"edges": [{"node": {"channel": {"slug": slug}, **channel["_taxes"], "countries": []}}
                              for slug, channel in self.channels.items()]}

        def tax_country_configurations():
            requester()
            countries = sorted({country for country, _ in self.tax_rates})
            return [{"country": {"code": country},
                     "taxClassCountryRates": [{"rate": float(rate), "taxClass": {"id": tax_class} if tax_class else None}
                                              for (where, tax_class), rate in self.tax_rates.items() if where == country]}
                    for country in countries]

        def shipping_zones(channel=None, first=100, **_):
            requester("MANAGE_SHIPPING")
            listings = [{"channel": {"slug": slug}, "price": {"amount": float(c["_shipping"]), "currency": c["currencyCode"]}}
                        for slug, c in self.channels.items()]
            methods = [{"id": gid("ShippingMethodType", pk), "name": "Yamato",
                        "taxClass": {"id": self.shipping_tax_class} if self.shipping_tax_class else None,
                        "channelListings": listings} for pk in sorted(self.shipping_methods)]
            zone = {"shippingMethods": methods, "countries": [{"code": code} for code in self.shipping_countries],
                    "channels": [{"slug": slug} for slug in self.channels]}
            return {"edges": [{"node": zone}], "pageInfo": {"hasNextPage": False, "endCursor": None}}

        def me():
            """As Saleor: the user a customer's access token names; a refused token is an error, no token is null."""
            if not token:
                return None
            try:
                claims = jwt.decode(token, self.key.private_key.public_key(), algorithms=["RS256"],
                                    options={"verify_aud": False})
            except jwt.PyJWTError as exc:
                raise Failure(str(exc), code="JSONWebTokenError") from None
            user = self.users.get(claims.get("user_id"))
            if claims.get("type") != "access" or token in self.revoked_tokens or user is None:
                raise Failure("Invalid token.", code="JSONWebTokenError")
            return {**self._user_view(user), "isActive": user.get("isActive", True)}

        def customers(first=100, filter=None, **_):
            requester("MANAGE_USERS")
            words = ((filter or {}).get("search") or "").lower()
            found = [u for u in self.users.values()
                     if words in " ".join([u["email"], u["firstName"], u["lastName"],
                                           (u.get("defaultShippingAddress") or {}).get("phone") or ""]).lower()]
            return {"edges": [{"node": self._user_view(u)} for u in found[:first]]}

        def user(id=None, email=None, **_):
            requester("MANAGE_USERS")
            found = self.users.get(id) or next((u for u in self.users.values() if u["email"] == email), None)
            return self._user_view(found) if found else None

        def voucher(id, **_):
            requester("MANAGE_DISCOUNTS")
            return next((self._voucher_view(v) for v in self.vouchers if v["id"] == id), None)

        def vouchers(first=100, filter=None, channel=None, **_):
            requester("MANAGE_DISCOUNTS")
            words = ((filter or {}).get("search") or "").lower()
            found = [v for v in self.vouchers if words in v["name"].lower() or any(words in c.lower() for c in v["_codes"])]
            return {"edges": [{"node": self._voucher_view(v)} for v in found[:first]],
                    "pageInfo": {"hasNextPage": len(found) > first, "endCursor": None}, "totalCount": len(found)}

        def customer_create(input):
            requester("MANAGE_USERS")
            if any(u["email"].lower() == (input.get("email") or "").lower() for u in self.users.values()):
                return {"user": None, "errors": [{"field": "email", "code": "UNIQUE", "message": "User with this Email already exists."}]}
            created = {"id": gid("User", next(self._ids)), "email": input["email"], "firstName": input.get("firstName") or "",
                       "lastName": input.get("lastName") or "", "languageCode": input.get("languageCode") or "EN",
                       "defaultShippingAddress": input.get("defaultShippingAddress"),
                       "defaultBillingAddress": input.get("defaultBillingAddress"),
                       "privateMetadata": {i["key"]: i["value"] for i in input.get("privateMetadata") or ()}}
            self.users[created["id"]] = created
            return {"user": self._user_view(created), "errors": []}

        def customer_delete(id):
            requester("MANAGE_USERS")
            if self.users.pop(id, None) is None:
                return {"errors": [{"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve id."}]}
            return {"errors": []}

        def bulk_create(orders, errorPolicy="REJECT_EVERYTHING", stockUpdatePolicy="UPDATE"):
            requester("MANAGE_ORDERS_IMPORT")
            return order_bulk_create(self, orders, errorPolicy, stockUpdatePolicy)

        def order_cancel(id):
            requester("MANAGE_ORDERS")
            found = self.orders.get(id)
            if found is None or found["status"] in ("CANCELED", "DRAFT"):
                return order_error("id", "CANNOT_CANCEL_ORDER", "This order can't be canceled.")
            found["status"] = "CANCELED"
            return {"order": self.order_view(found), "errors": []}

        def order(id=None, externalReference=None):
            requester("MANAGE_ORDERS")
            if externalReference is not None:
                found = next((o for o in self.orders.values() if o["externalReference"] == externalReference), None)
            else:
                found = self.orders.get(id)
            if found is None:
                return None
            whole = {**self.webhook_order(found), **self.taxed_order(found)}  # what Saleor has of an order, as far as the app asks
            return {**whole, "transactions": [{**t, **view} for t, view in zip(
                whole["transactions"], self.order_view(found)["transactions"], strict=True)]}

        def order_error(field, code, message):
            return {"order": None, "errors": [{"field": field, "code": code, "message": message}]}

        def draft_order_create(input):
            requester("MANAGE_ORDERS")
            reference = input.get("externalReference")
            if reference and any(o["externalReference"] == reference for o in self.orders.values()):
                return order_error("externalReference", "UNIQUE", "Order with this External reference already exists.")
            channel = next((c for c in self.channels.values() if c["id"] == input.get("channelId")), None)
            if channel is None:
                return order_error("channelId", "NOT_FOUND", "Channel not found.")
            total = channel["_shipping"] if input.get("shippingMethod") else Decimal(0)
            for line in input.get("lines") or ():
                _, variant = self._find_variant(line["variantId"])
                if variant is None or channel["slug"] not in variant["prices"]:
                    return order_error("lines", "NOT_AVAILABLE_IN_CHANNEL", "Variant not available in the channel.")
                unit = Decimal(str(line["price"])) if line.get("price") is not None else variant["prices"][channel["slug"]]
                total += unit * line["quantity"]
            created = self.add_order(channel["slug"], total, status="DRAFT", externalReference=reference, input=input,
                                     metadata={item["key"]: item["value"] for item in input.get("metadata") or ()})
            return {"order": self.order_view(created), "errors": []}

        def draft_order_complete(id):
            requester("MANAGE_ORDERS")
            found = self.orders.get(id)
            if found is None or found["status"] != "DRAFT":
                return order_error("id", "INVALID", "Only draft orders can be completed.")
            found["status"] = "UNFULFILLED"
            self._outbox.append(("ORDER_CREATED", {"order": self.webhook_order(found)}))
            return {"order": self.order_view(found), "errors": []}

        def draft_order_delete(id=None, externalReference=None):
            requester("MANAGE_ORDERS")
            found = self.orders.get(id)
            if found is None or found["status"] != "DRAFT":
                return order_error("id", "INVALID", "Only draft orders can be deleted.")
            del self.orders[id]
            return {"order": {"id": id}, "errors": []}

        def transaction_create(id, transaction, transactionEvent=None):
            requester("HANDLE_PAYMENTS")
            found = self.orders.get(id)
            if found is None:
                return {"transaction": None, "errors": [{"field": "id", "code": "NOT_FOUND", "message": "Order not found."}]}
            currency = self.channels[found["channel"]]["currencyCode"]
            charged = transaction.get("amountCharged") or {"amount": 0, "currency": currency}
            if charged["currency"] != currency:
                return {"transaction": None, "errors": [{"field": "amountCharged", "code": "INCORRECT_CURRENCY",
                                                         "message": "Currency needs to be the same as the order's."}]}
            if any(t["pspReference"] == transaction.get("pspReference") for t in found["transactions"]):
                return {"transaction": None, "errors": [{"field": "pspReference", "code": "UNIQUE",
                                                         "message": "A transaction with this PSP reference exists."}]}
            created = {"__typename": "TransactionItem", "id": gid("TransactionItem", uuid.uuid4()),
                       "pspReference": transaction.get("pspReference"), "charged": Decimal(str(charged["amount"])),
                       "pending": Decimal(0), "currency": currency, "input": transaction, "event": transactionEvent}
            found["transactions"].append(created)
            self._confirm_on_transaction(found)
            if self.charge_status(found) in ("FULL", "OVERCHARGED"):
                self._outbox.append(("ORDER_FULLY_PAID", {"order": self.webhook_order(found)}))
            return {"transaction": {**created, "chargedAmount": {"amount": float(created["charged"]), "currency": currency}},
                    "errors": []}

        def transaction(id=None, token=None):
            requester("HANDLE_PAYMENTS")
            found = next((t for o in self.orders.values() for t in o["transactions"] if t["id"] == id), None)
            if found is None:
                return None
            order = next(o for o in self.orders.values() if found in o["transactions"])
            return {"__typename": "TransactionItem", "id": id, "pspReference": found["pspReference"],
                    "order": {"__typename": "Order", "id": order["id"]},
                    "chargePendingAmount": {"amount": float(found.get("pending", 0)), "currency": found["currency"]},
                    "chargedAmount": {"amount": float(found["charged"]), "currency": found["currency"]}}

        def transaction_event_report(id, type, pspReference, amount=None, message=None, externalUrl=None, **_):
            requester("HANDLE_PAYMENTS")
            found = next((t for o in self.orders.values() for t in o["transactions"] if t["id"] == id), None)
            if found is None:
                return {"alreadyProcessed": None, "transaction": None,
                        "errors": [{"field": "id", "code": "NOT_FOUND", "message": "Transaction not found."}]}
            amount = None if amount is Undefined else amount  # left out (e.g. an INFO event)
            event = (type, pspReference, str(Decimal(str(amount))) if amount is not None else None)
            events = found.setdefault("events", [])
            if event in events:
                return {"alreadyProcessed": True, "transaction": {"id": id}, "errors": []}
            events.append(event)
            self._confirm_on_transaction(next(o for o in self.orders.values() if found in o["transactions"]))
            if any(e[0] == "CHARGE_REQUEST" for e in events):
                # as Saleor counts: a request is pending until a success or failure with the same reference
                settled = {e[1] for e in events if e[0] in ("CHARGE_SUCCESS", "CHARGE_FAILURE")}
                found["pending"] = sum((Decimal(e[2]) for e in events if e[0] == "CHARGE_REQUEST" and e[1] not in settled),
                                       Decimal(0))
            elif type == "CHARGE_SUCCESS":  # pending set without a request event (`add_transaction`)
                found["pending"] = max(found.get("pending", Decimal(0)) - Decimal(str(amount)), Decimal(0))
            elif type == "CHARGE_FAILURE":
                found["pending"] = Decimal(0)
            if type == "CHARGE_SUCCESS":
                order = next(o for o in self.orders.values() if found in o["transactions"])
                was = self.charge_status(order)
                found["charged"] += Decimal(str(amount))
                if was not in ("FULL", "OVERCHARGED") and self.charge_status(order) in ("FULL", "OVERCHARGED"):
                    self._outbox.append(("ORDER_FULLY_PAID", {"order": self.webhook_order(order)}))
            if type == "REFUND_SUCCESS":
                found["charged"] -= Decimal(str(amount))
            return {"alreadyProcessed": False, "transaction": {"id": id}, "errors": []}

        return {
            "query": {"app": query_app, "shop": shop, "products": products, "channel": channel, "channels": channels,
                      "product": product, "productVariant": product_variant, "productVariants": product_variants, "checkout": checkout,
                      "order": order, "orders": orders, "transaction": transaction, "taxConfigurations": tax_configurations,
                      "taxCountryConfigurations": tax_country_configurations, "shippingZones": shipping_zones,
                      "customers": customers, "user": user, "me": me, "vouchers": vouchers, "voucher": voucher},
            "mutation": {"updateMetadata": update_metadata, "updatePrivateMetadata": update_private_metadata,
                         "checkoutLinesAdd": checkout_lines_add,
                         "checkoutLinesUpdate": checkout_lines_update, "deleteMetadata": delete_metadata,
                         "transactionCreate": transaction_create, "transactionEventReport": transaction_event_report,
                         "draftOrderCreate": draft_order_create, "draftOrderComplete": draft_order_complete,
                         "draftOrderDelete": draft_order_delete,
                         "orderBulkCreate": bulk_create, "orderCancel": order_cancel,
                         "customerCreate": customer_create, "customerDelete": customer_delete},
        }

    @staticmethod
    def _user_view(user: dict) -> dict:
        def address(value):
            return value and {**value, "country": {"code": value.get("country")}}

        return {**user, "__typename": "User", "defaultShippingAddress": address(user.get("defaultShippingAddress")),
                "defaultBillingAddress": address(user.get("defaultBillingAddress")),
                "privateMetadata": [{"key": k, "value": v} for k, v in user["privateMetadata"].items()]}

    def _voucher_view(self, voucher: dict) -> dict:
        def codes(first=100, after=None, **_):
            start = int(after or 0)
            shown = voucher["_codes"][start:start + first]
            return {"edges": [{"node": {"id": gid("VoucherCode", code), "code": code, "used": 0, "isActive": True}}
                              for code in shown], "totalCount": len(voucher["_codes"]),
                    "pageInfo": {"hasNextPage": start + first < len(voucher["_codes"]), "endCursor": str(start + len(shown))}}

        return {**voucher, "code": voucher["_codes"][0] if voucher["_codes"] else None, "codes": codes,
                "channelListings": [{"channel": {"slug": slug}} for slug in voucher["_channels"]]}

    def add_voucher(self, *codes: str, channels=(), start: datetime.datetime | None = None,
                    end: datetime.datetime | None = None, name: str = "") -> dict:
        """A voucher of `codes`, listed in the `channels` (slugs), valid from `start` (default: long ago) until `end`."""
        voucher = {"__typename": "Voucher", "id": gid("Voucher", next(self._ids)), "name": name or codes[0],
                   "startDate": (start or datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)).isoformat(),
                   "endDate": end.isoformat() if end else None, "_codes": list(codes), "_channels": list(channels)}
        self.vouchers.append(voucher)
        return voucher

    def add_customer(self, email: str, first_name: str, last_name: str, *, language: str = "JA", phone: str = "",
                     id: str | None = None) -> dict:
        created = {"id": id or gid("User", next(self._ids)), "email": email, "firstName": first_name, "lastName": last_name,
                   "languageCode": language, "defaultBillingAddress": None, "privateMetadata": {},
                   "defaultShippingAddress": {"streetAddress1": "丸の内1-1", "city": "千代田区", "postalCode": "100-0005",
                                              "country": "JP", "countryArea": "東京都", "phone": phone} if phone else None}
        self.users[created["id"]] = created
        return created

    def _metadata_list(self, object_id):
        return [{"key": k, "value": v} for k, v in self.metadata.get(object_id, {}).items()]

    def add_channel(self, slug: str, currency: str, shipping: Decimal = Decimal(0), *, auto_confirm: bool = True,
                    name: str | None = None, country: str | None = None, active: bool = True, **taxes) -> dict:
        """`shipping`: what Saleor would add for delivery to every order of the channel; `taxes`: its
        tax configuration (default: flat rates, prices entered with tax); `country`: its default country
        (by default from the currency)."""
        taxes = {"chargeTaxes": True, "taxCalculationStrategy": "FLAT_RATES", "pricesEnteredWithTax": True,
                 "useWeightedTaxForShipping": False, **taxes}
        channel = {"__typename": "Channel", "id": gid("Channel", next(self._ids)), "slug": slug,
                   "name": name or slug.upper(), "currencyCode": currency, "isActive": active,
                   "defaultCountry": {"code": country or {"JPY": "JP", "USD": "US", "EUR": "DE"}.get(currency, "US")}, "_shipping": Decimal(shipping), "_taxes": taxes,
                   "warehouses": [{"id": warehouse} for warehouse in sorted(self.warehouses)],
                   "orderSettings": {"automaticallyConfirmAllNewOrders": auto_confirm}}
        self.channels[slug] = channel
        return channel

    def add_product(self, name: str, *, variants=(), translations=None, tax_class: str | None = gid("TaxClass", 1)) -> dict:
        """`variants`: (name, {channel slug: list price}) pairs; `translations`: {LANG: name}."""
        product = {"__typename": "Product", "id": gid("Product", next(self._ids)), "name": name, "taxClass": tax_class,
                   "slug": name.lower().replace(" ", "-"), "translations": dict(translations or {}),
                   "variants": [{"__typename": "ProductVariant", "id": gid("ProductVariant", next(self._ids)),
                                 "name": variant_name, "prices": dict(prices)} for variant_name, prices in variants]}
        self.products.append(product)
        return product

    def list_product(self, product: dict, channel: str, listed: bool = True, **fields) -> None:
        """How `product` is listed in `channel`: by default published and available for purchase in
        every channel; `listed=False` takes it off the channel; `fields` (isPublished, publishedAt,
        isAvailableForPurchase, visibleInListings) change the listing."""
        product.setdefault("_listings", {})[channel] = fields if listed else None

    def _channel_listings(self, product: dict) -> list[dict]:
        listings = product.get("_listings", {})
        return [{"__typename": "ProductChannelListing", "id": gid("ProductChannelListing", f"{product['id']}:{slug}"),
                 "channel": channel, "isPublished": True, "publishedAt": None, "isAvailableForPurchase": True,
                 "visibleInListings": True, **listings.get(slug, {})}
                for slug, channel in self.channels.items() if listings.get(slug, {}) is not None]

    def add_checkout(self, channel: str, language: str = "JA_JP", *, user: dict | None = None, billing: dict | None = None,
                     shipping_method: str | None = None) -> dict:
        """`user`: {"id", "email"} of a signed-in customer, or None for a guest; `billing`: {firstName, lastName};
        `shipping_method`: the pk of the chosen shipping method (None: not chosen yet)."""
        checkout = {"id": gid("Checkout", uuid.uuid4()), "channel": channel, "languageCode": language, "lines": [],
                    "user": user, "email": (user or {}).get("email", "guest@example.jp"), "billing": billing,
                    "shipping_method": shipping_method}
        self.checkouts[checkout["id"]] = checkout
        return checkout

    def add_order(self, channel: str, total: Decimal, **extra) -> dict:
        order = {"id": gid("Order", uuid.uuid4()), "channel": channel, "total": Decimal(total), "transactions": [],
                 "status": "UNFULFILLED", "origin": "CHECKOUT", "externalReference": None,
                 "number": str(next(self._order_numbers)), **extra}
        if order["status"] == "DRAFT":
            order["origin"] = "DRAFT"

        self.orders[order["id"]] = order
        return order

    def order_view(self, order: dict) -> dict:
        currency = self.channels[order["channel"]]["currencyCode"]

        def money(amount):
            return {"amount": float(amount), "currency": currency}

        return {"__typename": "Order", "id": order["id"], "number": order["number"], "status": order["status"],
                "origin": order["origin"],
                "externalReference": order["externalReference"], "total": {"gross": money(order["total"])},
                "chargeStatus": self.charge_status(order),
                "transactions": [{**t, "chargedAmount": money(t["charged"])} for t in order["transactions"]]}

    @staticmethod
    def charge_status(order: dict) -> str:
        charged = sum((t["charged"] for t in order["transactions"]), Decimal(0))
        if charged == 0:
            return "NONE" if order["total"] else "FULL"
        return "PARTIAL" if charged < order["total"] else "FULL" if charged == order["total"] else "OVERCHARGED"

    def webhook_order(self, order: dict) -> dict:
        """The order as an order webhook's payload carries it (graphql/fragments/WebhookOrder.graphql)."""
        channel = self.channels[order["channel"]]
        draft = order.get("input") or {}

        def money(amount):
            taxed = {"amount": float(amount), "currency": channel["currencyCode"]}
            return {"gross": taxed, "net": taxed}

        lines = [{"__typename": "OrderLine", "id": gid("OrderLine", f"{order['number']}-{n}"), "quantity": line["quantity"],
                  "productName": "", "variantName": "", "isPriceOverridden": line.get("price") is not None,
                  "variant": {"id": line["variantId"], "product": {"id": self._find_variant(line["variantId"])[0]["id"]}},
                  "unitPrice": money(Decimal(str(line.get("price") or 0))),
                  "totalPrice": money(Decimal(str(line.get("price") or 0)) * line["quantity"]), "metadata": []}
                 for n, line in enumerate(draft.get("lines") or ())]
        user = {"id": draft["user"], "email": draft.get("userEmail")} if draft.get("user") else None
        return {**self.order_view(order), "__typename": "Order",
                "created": order.get("created") or datetime.datetime.now(datetime.UTC).isoformat(),
                "checkoutId": None, "channel": channel, "languageCodeEnum": draft.get("languageCode") or "JA_JP",
                "userEmail": draft.get("userEmail"), "user": user, "lines": lines, "total": money(order["total"]),
                "totalCharged": {"amount": float(sum((t["charged"] for t in order["transactions"]), Decimal(0))),
                                 "currency": channel["currencyCode"]},
                "transactions": [{"id": t["id"], "pspReference": t["pspReference"], "chargePendingAmount": {
                    "amount": float(t.get("pending", 0)), "currency": channel["currencyCode"]}} for t in order["transactions"]],
                "shippingAddress": None, "billingAddress": None, "deliveryMethod": None,
                "metadata": [{"key": k, "value": v} for k, v in (order.get("metadata") or {}).items()]}

    def taxed_order(self, order: dict) -> dict:
        """A draft-made order's lines, shipping and total as Saleor taxes them: flat rates by tax class for the
        channel's country (`tax_rates`), prices entered with tax, each amount's net rounded half up."""
        channel = self.channels[order["channel"]]
        currency, country = channel["currencyCode"], channel["defaultCountry"]["code"]
        places = Decimal(1).scaleb(-get_currency_precision(currency))
        language = ((order.get("input") or {}).get("languageCode") or "JA").split("_")[0]

        def percent(tax_class):
            return self.tax_rates.get((country, tax_class), self.tax_rates.get((country, None), Decimal(0)))

        def taxed(gross: Decimal, rate: Decimal) -> dict:
            net = (gross / (1 + rate / 100)).quantize(places, ROUND_HALF_UP)
            return {"gross": {"amount": float(gross), "currency": currency}, "net": {"amount": float(net), "currency": currency},
                    "tax": {"amount": float(gross - net), "currency": currency}}

        lines, net = [], Decimal(0)
        for number, line in enumerate((order.get("input") or {}).get("lines") or ()):
            product, variant = self._find_variant(line["variantId"])
            rate = percent(product["taxClass"])
            unit = Decimal(str(line["price"])) if line.get("price") is not None else variant["prices"][order["channel"]]
            total = taxed(unit * line["quantity"], rate)
            net += Decimal(str(total["net"]["amount"]))
            lines.append({"__typename": "OrderLine", "id": gid("OrderLine", f"{order['number']}-{number}"),
                          "quantity": line["quantity"], "productName": product["name"], "productSku": variant.get("sku"),
                          # as Saleor names an order line's variant: its name, else its SKU, else "ID:<pk>"
                          "variantName": variant["name"] or variant.get("sku") or f"ID:{variant['id']}",
                          "translatedProductName": product["translations"].get(language, product["name"]),
                          "translatedVariantName": variant["name"], "taxRate": float(rate / 100),
                          "isPriceOverridden": line.get("price") is not None, "unitPrice": taxed(unit, rate),
                          "totalPrice": total, "variant": {"id": variant["id"], "product": {"id": product["id"]}}, "metadata": []})
        shipping_rate = percent(self.shipping_tax_class)
        shipping = taxed(order["total"] - sum((Decimal(str(line["totalPrice"]["gross"]["amount"])) for line in lines),
                                              Decimal(0)), shipping_rate)
        net += Decimal(str(shipping["net"]["amount"]))
        return {"lines": lines, "shippingPrice": shipping, "shippingTaxRate": float(shipping_rate / 100),
                "total": {"gross": {"amount": float(order["total"]), "currency": currency},
                          "net": {"amount": float(net), "currency": currency},
                          "tax": {"amount": float(order["total"] - net), "currency": currency}}} if order.get("input") else {}

    def mark_as_paid(self, app_http, order: dict) -> dict:
        """The Dashboard's "Mark as paid" on an order that has a transaction: Saleor 3.23 refuses
        `orderMarkAsPaid` then ("Orders with transactions can not be manually marked as paid"), so the
        Dashboard adds a "Manual capture" transaction for what is left (`transactionCreate` as staff);
        the order is fully paid and ORDER_FULLY_PAID goes out."""
        charged = sum((t["charged"] for t in order["transactions"]), Decimal(0))
        transaction = {"id": gid("TransactionItem", uuid.uuid4()), "pspReference": "", "charged": order["total"] - charged,
                       "pending": Decimal(0), "currency": self.channels[order["channel"]]["currencyCode"],
                       "input": {"name": "Manual capture"}}
        order["transactions"].append(transaction)
        self.emit(app_http, "ORDER_FULLY_PAID", {"order": self.webhook_order(order)})
        return transaction

    def add_transaction(self, order: dict, psp_reference: str | None = None, pending: Decimal = Decimal(0)) -> dict:
        transaction = {"id": gid("TransactionItem", uuid.uuid4()), "pspReference": psp_reference, "charged": Decimal(0),
                       "pending": Decimal(pending), "currency": self.channels[order["channel"]]["currencyCode"]}
        order["transactions"].append(transaction)
        return transaction

    def checkout_view(self, checkout: dict) -> dict:
        """A checkout as Saleor shows it: unit prices from the override or the channel list price."""
        channel = self.channels[checkout["channel"]]
        lines = []
        for line in checkout["lines"]:
            product, variant = self._find_variant(line["variantId"])
            price = line["price"] if line["price"] is not None else variant["prices"][checkout["channel"]]
            lines.append({
                "__typename": "CheckoutLine", "id": line["id"], "quantity": line["quantity"],
                "variant": {
                    "__typename": "ProductVariant", "id": variant["id"], "name": variant["name"],
                    "translation": self._translation(variant),
                    "pricing": {"price": {"gross": {"amount": float(variant["prices"][checkout["channel"]]),
                                                    "currency": channel["currencyCode"]}}},
                    "product": {"__typename": "Product", "id": product["id"], "name": product["name"],
                                "translation": self._translation(product)},
                },
                "unitPrice": {"gross": {"amount": float(price), "currency": channel["currencyCode"]}},
                "priceOverrideReason": line["reason"],
                "metadata": [{"key": k, "value": v} for k, v in line["metadata"].items()],
            })
        shipping = {"amount": float(channel["_shipping"]), "currency": channel["currencyCode"]}
        method = checkout.get("shipping_method")
        delivery = {"id": gid("Delivery", method), "shippingMethod": {
            "__typename": "ShippingMethod", "id": gid("ShippingMethod", method), "name": "Yamato", "price": shipping}}
        return {"__typename": "Checkout", "__implements": ["OrderOrCheckout"], "id": checkout["id"],
                "languageCode": checkout["languageCode"], "isShippingRequired": True,
                "delivery": delivery if method else None,
                "shippingPrice": {"gross": shipping if method else {"amount": 0.0, "currency": channel["currencyCode"]}},
                "channel": channel, "lines": lines, "email": checkout["email"], "billingAddress": checkout["billing"],
                "user": {"__typename": "User", **checkout["user"]} if checkout["user"] else None}

    def _confirm_on_transaction(self, order: dict) -> None:
        """Saleor refreshes an unconfirmed order's status on any transaction update, if its channel
        confirms new orders automatically (`payment/utils.py`, process_order_with_transaction)."""
        if order["status"] == "UNCONFIRMED" and self.channels[order["channel"]]["orderSettings"]["automaticallyConfirmAllNewOrders"]:
            order["status"] = "UNFULFILLED"

    @staticmethod
    def free_stock(variant: dict) -> int:
        return variant.get("stock", 1000) - variant.get("allocated", 0)

    def _product_taxes(self, product: dict) -> dict:
        return {"id": product["id"], "name": product["name"], "translation": self._translation(product), "taxClass": {"id": product["taxClass"]} if product["taxClass"] else None,
                "productType": {"isShippingRequired": True, "taxClass": None}}

    def _find_variant(self, variant_id):
        for product in self.products:
            for variant in product["variants"]:
                if variant["id"] == variant_id:
                    return product, variant
        return None, None

    @staticmethod
    def _translation(node: dict):
        translations = node.get("translations") or {}
        return lambda languageCode: {"name": translations[languageCode]} if languageCode in translations else None

    def _in_channel(self, product: dict, channel: str) -> dict:
        currency = self.channels[channel]["currencyCode"]
        return {
            **product,
            "translation": self._translation(product),
            "channelListings": self._channel_listings(product),
            "variants": [
                {**variant, "translation": self._translation(variant),
                 "product": {"__typename": "Product", "id": product["id"], "name": product["name"],
                             "translation": self._translation(product)},
                 "pricing": {"price": {"gross": {"amount": float(variant["prices"][channel]), "currency": currency}}}
                 if channel in variant["prices"] else None}
                for variant in product["variants"]
            ],
        }

    # ---- Saleor calls the app -------------------------------------------------------------
    def install(self, app_http, manifest_url: str, *, permissions: list[str] | None = None) -> StandinApp:
        """What `appInstall(manifestUrl)` does: fetch and validate the manifest, create the App and
        its webhooks, post the token to `tokenTargetUrl`; a failed post deletes the App."""
        status, headers, body = app_http("GET", manifest_url, {"Saleor-Schema-Version": "3.23"}, b"")
        if status != 200:
            raise InstallFailed(f"manifest fetch answered {status}")
        manifest = json.loads(body)
        self.check_manifest(manifest)
        app = StandinApp(
            id=gid("App", next(self._ids)),
            name=manifest["name"],
            identifier=manifest["id"],
            token=secrets.token_urlsafe(22),
            permissions=list(permissions if permissions is not None else manifest.get("permissions", [])),
            webhooks=[
                {**hook, "events": hook.get("asyncEvents") or hook.get("syncEvents")}
                for hook in manifest.get("webhooks", [])
            ],
        )
        self.apps[app.token] = app
        register_body = json.dumps({"auth_token": app.token}).encode()
        status, _, answer = app_http("POST", manifest["tokenTargetUrl"], self._saleor_headers(schema=True), register_body)
        if not 200 <= status < 300:
            del self.apps[app.token]
            message = (json.loads(answer or b"{}").get("error") or {}).get("message") if answer else None
            raise InstallFailed(message or f"tokenTargetUrl answered {status}")
        return app

    def check_manifest(self, manifest: dict) -> None:
        """The validation Saleor's `appInstall`/`appFetchManifest` applies."""
        for key in ("id", "version", "name"):
            if not manifest.get(key):
                raise InstallFailed(f"manifest field {key!r} is required")
        required = manifest.get("requiredSaleorVersion")
        if required and Version(VERSION) not in SpecifierSet(",".join(required.split())):
            raise InstallFailed(f"UNSUPPORTED_SALEOR_VERSION: {required}")
        schema = saleor_schema()
        if schema is not None:
            known = set(schema.get_type("PermissionEnum").values)
            unknown = set(manifest.get("permissions", [])) - known
            if unknown:
                raise InstallFailed(f"INVALID_PERMISSION: {sorted(unknown)}")
        for extension in manifest.get("extensions", []):
            self._check_extension(manifest, extension)
        for hook in manifest.get("webhooks", []):
            if not hook.get("name") or not hook.get("targetUrl") or not hook.get("query"):
                raise InstallFailed(f"webhook {hook.get('name')!r} needs name, targetUrl and query")
            errors = validation_errors(hook["query"])
            if errors:
                raise InstallFailed(f"webhook {hook['name']!r} query is invalid: {errors}")
            if schema is not None:
                enum = schema.get_type("WebhookEventTypeAsyncEnum" if "asyncEvents" in hook else "WebhookEventTypeSyncEnum")
                wrong = set(hook.get("asyncEvents") or hook.get("syncEvents") or ()) - set(enum.values)
                if wrong:
                    raise InstallFailed(f"webhook {hook['name']!r} has unknown events {sorted(wrong)}")

    @staticmethod
    def _check_extension(manifest: dict, extension: dict) -> None:
        """Saleor 3.23 checks labels, URLs and permissions of extensions (not mount or target names)."""
        if not extension.get("label") or not extension.get("url"):
            raise InstallFailed(f"extension {extension!r} needs label and url")
        if extension["url"].startswith("/") and not manifest.get("appUrl"):
            raise InstallFailed("INVALID_URL_FORMAT: a relative extension url needs appUrl")
        if not set(extension.get("permissions", [])) <= set(manifest.get("permissions", [])):
            raise InstallFailed(f"OUT_OF_SCOPE_PERMISSION: extension {extension['label']!r}")

    def _saleor_headers(self, *, schema=False, event=None, signature=None) -> dict:
        headers = {"User-Agent": "Saleor/3.23", "Content-Type": "application/json"}
        if event:
            headers |= {"X-Saleor-Event": event, "X-Saleor-Domain": self.domain, "X-Saleor-Signature": signature,
                        "Saleor-Event": event, "Saleor-Domain": self.domain, "Saleor-Signature": signature}
        else:
            headers |= {"X-Saleor-Domain": self.domain, "Saleor-Domain": self.domain}
        headers["Saleor-Api-Url"] = self.api_url
        if schema:
            headers["Saleor-Schema-Version"] = "3.23"
        return headers

    def event_body(self, app: StandinApp, hook: dict, event: str, fields: dict) -> bytes:
        """The payload Saleor generates: the webhook's subscription query run over the event."""
        operation, fragments = parse_operation(hook["query"], None)
        (event_field,) = operation.selection_set.selections
        type_name = "".join(part.capitalize() for part in event.split("_"))
        source = {
            "__typename": type_name,
            "issuedAt": datetime.datetime.now(datetime.UTC).isoformat(),
            "version": VERSION,
            "issuingPrincipal": None,
            "recipient": {"__typename": "App", "id": app.id, "name": app.name},
            **fields,
        }
        return json.dumps(project(source, event_field.selection_set, fragments, {})).encode()

    def emit(self, app_http, event: str, fields: dict, *, tamper=None) -> list[tuple[int, bytes, bytes]]:
        """Deliver an async event (e.g. "ORDER_CREATED") to every app webhook subscribed to it.

        Returns (status, body sent, answer) per delivery; `tamper(body) -> body` alters the bytes
        after signing, as a man in the middle would.
        """
        results = []
        for app in list(self.apps.values()):
            for hook in app.webhooks:
                if event not in hook["events"] or not app.is_active:
                    continue
                body = self.event_body(app, hook, event, fields)
                signature = self.key.sign_webhook(body)
                sent = tamper(body) if tamper else body
                headers = self._saleor_headers(event=event.lower(), signature=signature)
                status, _, answer = app_http("POST", hook["targetUrl"], headers, sent)
                results.append((status, sent, answer))
        return results

    SESSION_RESULTS = {f"{kind}_{outcome}" for kind in ("CHARGE", "AUTHORIZATION")
                       for outcome in ("SUCCESS", "FAILURE", "REQUEST", "ACTION_REQUIRED")} | {"CANCEL_SUCCESS"}
    ACTION_RESULTS = {"TRANSACTION_CHARGE_REQUESTED": {"CHARGE_SUCCESS", "CHARGE_FAILURE"},
                      "TRANSACTION_REFUND_REQUESTED": {"REFUND_SUCCESS", "REFUND_FAILURE"},
                      "TRANSACTION_CANCELATION_REQUESTED": {"CANCEL_SUCCESS", "CANCEL_FAILURE"}}

    def sync(self, app_http, event: str, fields: dict) -> dict:
        """Send a sync webhook and check the answer as Saleor's response schemas would."""
        [(status, _, answer)] = self.emit(app_http, event, fields)
        assert status == 200, (status, answer)
        body = json.loads(answer)
        if event == "PAYMENT_GATEWAY_INITIALIZE_SESSION":
            assert "data" in body, body
            return body
        allowed = self.ACTION_RESULTS.get(event, self.SESSION_RESULTS)
        result = body.get("result")
        if result is None:
            assert event in self.ACTION_RESULTS and body.get("pspReference"), f"no result in {body}"
        else:
            assert result in allowed, f"Saleor rejects result {result!r}"
            if result.endswith(("_SUCCESS", "_REQUEST")) and result != "CANCEL_SUCCESS":
                assert body.get("pspReference"), f"{result} needs pspReference"
        assert set(body.get("actions", ())) <= {"CHARGE", "REFUND", "CANCEL"}, body
        assert "amount" not in body or isinstance(body["amount"], int | float), body
        return body

    def delete_app(self, app_http, app: StandinApp):
        """`appDelete`: the app gets its own APP_DELETED (3.23.5+), then loses its token."""
        results = self.emit(app_http, "APP_DELETED", {"app": app.as_graphql()})
        app.is_active = False
        return results
