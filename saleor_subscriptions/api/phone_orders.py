"""Phone/FAX order entry for operators (MANAGE_ORDERS): customers, products, a live quote, cards, placing."""

import logging

import graphene
import stripe
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from ..core.errors import InputError
from ..core.error_texts import error_message, error_text
from ..core.money import format_money, quantize
from ..payments import operator_cards, stripe_api
from ..payments.charges import ChargeUnavailable
from ..payments.methods import finish_card_replacement
from ..phone_orders import customers
from ..phone_orders.placing import Busy, place
from ..phone_orders.quote import LineRequest, OrderRequest, quote
from ..plans.models import SubscriptionProduct
from ..saleor.channels import saleor_channels
from ..saleor.client import SaleorClient, SaleorError
from ..saleor.languages import language_for
from ..saleor.payloads import list_price
from ..subscriptions import actions
from ..subscriptions.models import Subscription
from ..subscriptions.search import needs_attention
from .operator_changes import AddressInput, SubscriptionChangePayload, _change, stored_address
from .operators import SubscriptionRow, row_id
from .staff import Refused, StaffError, _refuse, staff_claims
from .types import Money

logger = logging.getLogger(__name__)


def _money(amount, currency: str, language: str) -> dict:
    return {"amount": quantize(amount, currency), "currency": currency, "formatted": format_money(amount, currency, language)}


def _staff_email(claims) -> str:
    return claims.get("email") or claims.get("user_id", "")


def _answer(work, empty: dict) -> dict:
    """Run `work()` for a staff user; every refusal becomes one coded error in the reader's language."""
    try:
        return {**empty, **work(), "errors": []}
    except Refused as refused:
        return {**empty, "errors": refused.errors}
    except InputError as exc:
        return {**empty, "errors": [{"field": exc.field, "code": exc.code, "message": error_message(exc)}]}
    except (SaleorError, ChargeUnavailable, stripe.APIConnectionError, stripe.RateLimitError) as exc:
        logger.warning("phone order: %s", exc)  # the operator retries; the words of Saleor or Stripe are for the log
        code = "saleor_unavailable" if isinstance(exc, SaleorError) else "stripe_unavailable"
        return {**empty, "errors": [{"field": None, "code": code, "message": error_text(code)}]}


# ---- customers -----------------------------------------------------------------------------------

class StaffCustomer(graphene.ObjectType):
    id = graphene.ID(required=True)
    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    phone = graphene.String(required=True)
    language_code = graphene.String(required=True, description="Saleor LanguageCodeEnum, e.g. JA")
    default_shipping_address = graphene.JSONString(description="Saleor's address fields (country as {code})")


class StaffCustomers(graphene.ObjectType):
    customers = graphene.List(graphene.NonNull(StaffCustomer), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class StaffCustomerPayload(graphene.ObjectType):
    customer = graphene.Field(StaffCustomer)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def _customer(user: dict) -> dict:
    return {"id": user["id"], "email": user["email"], "first_name": user["firstName"] or "", "last_name": user["lastName"] or "",
            "phone": customers.phone_of(user), "language_code": user["languageCode"] or "",
            "default_shipping_address": user["defaultShippingAddress"]}


def resolve_staff_customers(root, info, search, first=10):
    def work():
        installation, _ = staff_claims(info.context, "MANAGE_ORDERS")
        if len(search.strip()) < 2:
            return {"customers": []}
        return {"customers": [_customer(user) for user in customers.search(installation, search, first or 10)]}

    return _answer(work, {"customers": []})


def resolve_staff_customer(root, info, id):
    """The customer a phone order was opened for (from the Dashboard's customer page)."""
    def work():
        installation, _ = staff_claims(info.context, "MANAGE_ORDERS")
        if not (id or "").strip():
            raise InputError("id", "required", error_text("required"))
        return {"customer": _customer(customers.existing(SaleorClient.for_installation(installation), id.strip()))}

    return _answer(work, {"customer": None})


# ---- channels ------------------------------------------------------------------------------------

class StaffChannel(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    currency_code = graphene.String(required=True)
    country_code = graphene.String(required=True, description="The channel's default country, e.g. JP")


class StaffChannels(graphene.ObjectType):
    channels = graphene.List(graphene.NonNull(StaffChannel), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_channels(root, info):
    def work():
        installation, _ = staff_claims(info.context, "MANAGE_ORDERS")
        return {"channels": [
            {"slug": channel.slug, "name": channel.name, "currency_code": channel.currency, "country_code": channel.country}
            for channel in saleor_channels(installation) if channel.active]}

    return _answer(work, {"channels": []})


# ---- products ------------------------------------------------------------------------------------

class StaffVariant(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    sku = graphene.String()
    price = graphene.Field(Money, description="The channel's list price")
    quantity_available = graphene.Int()


class StaffProductPlan(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)


class StaffProduct(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    variants = graphene.List(graphene.NonNull(StaffVariant), required=True)
    plans = graphene.List(graphene.NonNull(StaffProductPlan), required=True)


class StaffProducts(graphene.ObjectType):
    currency = graphene.String()
    products = graphene.List(graphene.NonNull(StaffProduct), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_products(root, info, channel, search):
    def work():
        installation, _ = staff_claims(info.context, "MANAGE_ORDERS")
        switches = {switch.product_id: switch for switch in SubscriptionProduct.objects.filter(
            installation=installation, is_subscribable=True).prefetch_related("plans")}
        if not switches:
            return {"products": [], "currency": None}
        data = SaleorClient.for_installation(installation).execute(
            "StaffProducts", {"ids": sorted(switches), "search": search.strip() or None, "channel": channel})
        if data["channel"] is None:
            raise InputError("channel", "not_found", f"no channel {channel!r}", channel=channel)
        currency, language = data["channel"]["currencyCode"], installation.default_language
        found = []
        for product in (edge["node"] for edge in data["products"]["edges"]):
            switch = switches.get(product["id"])
            plans = [plan for plan in switch.plans.all() if not plan.is_archived] if switch else []
            variants = [v for v in product["variants"] or () if switch and switch.covers(v["id"]) and v["pricing"]]
            if not plans or not variants:
                continue
            found.append({"id": product["id"], "name": product["name"], "plans": [
                {"code": plan.code, "name": plan.current_version.terms.text(language, language).name}
                for plan in sorted(plans, key=lambda plan: (plan.position, plan.code))],
                "variants": [{"id": v["id"], "name": v["name"], "sku": v["sku"], "quantity_available": v["quantityAvailable"],
                              "price": _money(list_price(v, currency), currency, language)} for v in variants]})
        return {"products": found, "currency": currency}

    return _answer(work, {"products": [], "currency": None})


# ---- the order -----------------------------------------------------------------------------------

class PhonePayment(graphene.Enum):
    CARD = "card"
    COD = "cod"
    KONBINI = "konbini"
    BANK_TRANSFER = "bank_transfer"


PHONE_METHODS = {method.value for method in PhonePayment._meta.enum}


class PhoneOrderLineInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    plan = graphene.String(required=True, description="Plan code")
    quantity = graphene.Int(required=True)


class NewCustomerInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    first_name_kana = graphene.String()
    last_name_kana = graphene.String()
    phone = graphene.String()
    language_code = graphene.String(description="Saleor LanguageCodeEnum; default: the order's")


class PhoneOrderInput(graphene.InputObjectType):
    channel = graphene.String(required=True)
    language_code = graphene.String(description="The customer's language: statements and mails; default: the shop's")
    customer_id = graphene.ID(description="An existing Saleor customer")
    new_customer = graphene.Field(NewCustomerInput, description="Or a customer to create with the order")
    shipping_address = graphene.Field(AddressInput)
    shipping_method_id = graphene.ID()
    lines = graphene.List(graphene.NonNull(PhoneOrderLineInput), required=True)
    payment = graphene.Field(PhonePayment, required=True)
    setup_intent_id = graphene.String(description="Card: the SetupIntent of staffCardSetup, confirmed in Stripe Elements")


def _request(installation, data) -> OrderRequest:
    payment = data.get("payment")
    return OrderRequest(
        channel=data["channel"], language=language_for(data.get("language_code"), installation.default_language),
        lines=tuple(LineRequest(line["variant_id"], line["plan"], int(line["quantity"])) for line in data["lines"]),
        payment=str(getattr(payment, "value", payment)),
        shipping_address=stored_address(data["shipping_address"]) if data.get("shipping_address") else None,
        shipping_method_id=data.get("shipping_method_id") or None)


def _new_customer(data, language: str) -> customers.NewCustomer | None:
    new = data.get("new_customer")
    if not new or data.get("customer_id"):
        return None
    email = customers.required(new.get("email"), "newCustomer.email")
    try:
        validate_email(email)
    except ValidationError:
        raise InputError("newCustomer.email", "invalid", "not an e-mail address", words="email_invalid") from None
    return customers.NewCustomer(
        email=email, first_name=customers.required(new.get("first_name"), "newCustomer.firstName"),
        last_name=customers.required(new.get("last_name"), "newCustomer.lastName"),
        language=language_for(new.get("language_code"), language), phone=(new.get("phone") or "").strip(),
        first_name_kana=(new.get("first_name_kana") or "").strip(), last_name_kana=(new.get("last_name_kana") or "").strip())


class PhoneOrderQuoteLine(graphene.ObjectType):
    variant_id = graphene.ID(required=True)
    name = graphene.String(required=True)
    plan = graphene.String(required=True)
    plan_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    first_unit_price = graphene.Field(Money, required=True, description="This order's unit price (trial, tiers)")
    first_total = graphene.Field(Money, required=True)
    regular_unit_price = graphene.Field(Money, required=True, description="Each delivery's unit price after any trial")
    statements = graphene.List(graphene.NonNull(graphene.String), required=True,
                               description="特定商取引法: read these out, in this order, before the customer agrees")


class ShippingOptionNode(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    price = graphene.Field(Money, required=True)


class PhoneOrderQuote(graphene.ObjectType):
    currency = graphene.String()
    language = graphene.String()
    lines = graphene.List(graphene.NonNull(PhoneOrderQuoteLine), required=True)
    shipping_methods = graphene.List(graphene.NonNull(ShippingOptionNode), required=True)
    payment_methods = graphene.List(graphene.NonNull(PhonePayment), required=True)
    subtotal = graphene.Field(Money)
    shipping = graphene.Field(Money)
    total = graphene.Field(Money)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


def resolve_staff_phone_order_quote(root, info, input):
    def work():
        installation, _ = staff_claims(info.context, "MANAGE_ORDERS")
        priced = quote(installation, _request(installation, input))
        currency, language = priced.currency, priced.language

        def money(amount):
            return _money(amount, currency, language)

        return {
            "currency": currency, "language": language,
            "lines": [{"variant_id": line.variant_id, "name": line.name, "plan": line.plan.code, "plan_name": line.plan_name,
                       "quantity": line.quantity, "first_unit_price": money(line.first_unit),
                       "first_total": money(line.first_total), "regular_unit_price": money(line.regular_unit),
                       "statements": line.statements} for line in priced.lines],
            "shipping_methods": [{"id": o.id, "name": o.name, "price": money(o.price)} for o in priced.shipping_methods],
            # staff take the built-in methods by phone; a plug-in's needs its provider's flow with the customer
            "payment_methods": [m for m in priced.payment_methods if m in PHONE_METHODS], "subtotal": money(priced.subtotal),
            "shipping": money(priced.shipping.price) if priced.shipping else None, "total": money(priced.total),
        }

    return _answer(work, {"lines": [], "shipping_methods": [], "payment_methods": []})


class PhoneOrderPlacePayload(graphene.ObjectType):
    order_id = graphene.ID(description="The Saleor order (open it with App Bridge's redirect)")
    order_number = graphene.String()
    subscriptions = graphene.List(graphene.NonNull(SubscriptionRow), required=True)
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class StaffPhoneOrderPlace(graphene.Mutation):
    """Create the customer if new, the first order in Saleor at once (charged, or pending), and the subscriptions.

    The same `idempotencyKey` answers the same (a double click, a retry after a timeout) and never charges twice;
    a refusal leaves nothing half-done in Saleor.
    """

    class Arguments:
        input = PhoneOrderInput(required=True)
        idempotency_key = graphene.String(required=True)

    Output = PhoneOrderPlacePayload

    def mutate(root, info, input, idempotency_key):
        def work():
            installation, claims = staff_claims(info.context, "MANAGE_ORDERS")
            key = customers.required(idempotency_key, "idempotencyKey")[:255]
            request = _request(installation, input)
            try:
                result = place(installation, request, key=key, staff=_staff_email(claims),
                               customer_id=input.get("customer_id") or "", new_customer=_new_customer(input, request.language),
                               setup_intent_id=input.get("setup_intent_id") or "")
            except Busy:
                raise _refuse(None, "busy", error_text("order_busy")) from None
            if result.get("errors"):
                error = result["errors"][0]
                raise InputError(error["field"], error["code"], error["message"], words=error.get("words"),
                                 **(error.get("params") or {}))
            rows = Subscription.objects.annotate(needs_attention=needs_attention()).select_related("plan").filter(
                installation=installation, pk__in=result["subscription_ids"]).order_by("pk")
            return {"order_id": result["order_id"], "order_number": result["order_number"],
                    "subscriptions": [SubscriptionRow.of(row) for row in rows]}

        return _answer(work, {"order_id": None, "order_number": None, "subscriptions": []})


# ---- cards ---------------------------------------------------------------------------------------

class CardSetupPayload(graphene.ObjectType):
    setup_intent_id = graphene.String()
    client_secret = graphene.String(description="For Stripe Elements (confirmCardSetup); never stored")
    publishable_key = graphene.String(description="the shop's own, or the deployment's")
    stripe_account = graphene.String(description="a Connect account id: Stripe.js's `stripeAccount` option")
    errors = graphene.List(graphene.NonNull(StaffError), required=True)


class StaffCardSetup(graphene.Mutation):
    """A SetupIntent (off-session use) on the customer's Stripe customer, for a card the operator types in."""

    class Arguments:
        channel = graphene.String(required=True)
        email = graphene.String(required=True)
        subscription_id = graphene.ID()

    Output = CardSetupPayload

    def mutate(root, info, channel, email, subscription_id=None):
        def work():
            installation, claims = staff_claims(info.context, "MANAGE_ORDERS")
            account = stripe_api.access(installation)
            if not account.secret_key or not account.publishable_key:
                raise _refuse(None, "not_available", "cards cannot be taken: the shop has no Stripe account")
            user_id = ""
            if subscription_id:
                subscription = Subscription.objects.filter(installation=installation, pk=row_id(subscription_id)).first()
                if subscription is None:
                    raise _refuse("subscriptionId", "not_found", f"no subscription {subscription_id} in this shop")
                user_id, address = subscription.customer_id, subscription.email
            else:
                address = customers.required(email, "email")
                match = [user for user in customers.search(installation, address, 5) if user["email"].lower() == address.lower()]
                user_id = match[0]["id"] if match else ""
            customer = operator_cards.card_customer(installation, email=address, saleor_user_id=user_id)
            intent_id, secret = operator_cards.setup_card(customer)
            return {"setup_intent_id": intent_id, "client_secret": secret, "publishable_key": account.publishable_key,
                    "stripe_account": account.connected_account or None}

        return _answer(work, {})


class StaffSubscriptionCard(graphene.Mutation):
    """Renewals charge the card just saved with staffCardSetup (its SetupIntent succeeded) from now on."""

    class Arguments:
        id = graphene.ID(required=True)
        setup_intent_id = graphene.String(required=True)

    Output = SubscriptionChangePayload

    def mutate(root, info, id, setup_intent_id):
        def change(subscription, **who):
            customer = operator_cards.card_customer(subscription.installation, email=subscription.email,
                                                    saleor_user_id=subscription.customer_id)
            try:
                method = finish_card_replacement(customer, setup_intent_id)
            except (ValueError, stripe.InvalidRequestError):
                raise InputError("setupIntentId", "invalid", "the card was not saved for this customer",
                                 words="card_not_saved") from None
            actions.use_card(subscription, method, **who)

        return _change(info, id, change)
