"""Stripe customers and saved cards for Saleor customers; replacing a card with a SetupIntent."""

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..core.models import record_event
from . import ownership, stripe_api
from .models import PaymentMethod, StripeCustomer


def ensure_customer(installation, *, saleor_user_id: str, email: str, client: stripe.StripeClient | None = None) -> StripeCustomer:
    """The Stripe customer of a Saleor customer in the installation's Stripe account, created once even when two
    checkouts race; one of an account the shop left is replaced (a customer id belongs to one account)."""
    existing = StripeCustomer.objects.filter(installation=installation, saleor_user_id=saleor_user_id).first()
    account = stripe_api.access(installation).account_id
    if existing and existing.account != account:
        return replace_customer(existing, client)
    if existing:
        return existing
    client = client or stripe_api.stripe_client(installation)
    created = client.v1.customers.create(
        params={"email": email, "metadata": {"saleor_user_id": saleor_user_id, **ownership.owner_metadata(installation)}},
        # the same key for the same customer: a racing or retried request gets the same Stripe customer
        options={"idempotency_key": f"customer-{installation.pk}-{saleor_user_id}"},
    )
    try:
        with transaction.atomic():
            return StripeCustomer.objects.create(installation=installation, saleor_user_id=saleor_user_id,
                                                 email=email, stripe_customer_id=created.id, account=account)
    except IntegrityError:
        return StripeCustomer.objects.get(installation=installation, saleor_user_id=saleor_user_id)


def customer_missing(exc: stripe.StripeError) -> bool:
    """Stripe no longer knows the customer: deleted in its dashboard, or another Stripe account or mode."""
    return (isinstance(exc, stripe.InvalidRequestError) and exc.param in (None, "customer")
            and (exc.code == "resource_missing" or exc.http_status == 404))


def replace_customer(customer: StripeCustomer, client: stripe.StripeClient | None = None) -> StripeCustomer:
    """A new Stripe customer for the same shopper; the cards Stripe forgot with the old one are retired."""
    client = client or stripe_api.stripe_client(customer.installation)
    lost = customer.stripe_customer_id
    created = client.v1.customers.create(
        params={"email": customer.email, "metadata": {"saleor_user_id": customer.saleor_user_id,
                                                      **ownership.owner_metadata(customer.installation)}},
        # racing checkouts of this shopper replace the lost customer with the same new one
        options={"idempotency_key": f"customer-{customer.installation_id}-{customer.saleor_user_id}-after-{lost}"},
    )
    with transaction.atomic():
        StripeCustomer.objects.filter(pk=customer.pk, stripe_customer_id=lost).update(
            stripe_customer_id=created.id, account=stripe_api.access(customer.installation).account_id)
        customer.payment_methods.filter(replaced_at=None).update(replaced_at=timezone.now())
        record_event(customer.installation, "payment.customer_recreated", customer=customer.saleor_user_id,
                     lost=lost, created=created.id)
    customer.refresh_from_db()
    return customer


def create_for_customer(installation, create, params: dict, *, user: dict, idempotency_key: str):
    """`create(params=…)` (a PaymentIntent or SetupIntent) for the Saleor user's Stripe customer, made anew if Stripe
    lost it; the retry gets a new key, as Stripe may keep the failed answer under the first one."""
    customer = ensure_customer(installation, saleor_user_id=user["id"], email=user["email"])
    try:
        return create(params=params | {"customer": customer.stripe_customer_id}, options={"idempotency_key": idempotency_key})
    except stripe.InvalidRequestError as exc:
        if not customer_missing(exc):
            raise
    customer = replace_customer(customer)
    return create(params=params | {"customer": customer.stripe_customer_id},
                  options={"idempotency_key": f"{idempotency_key}-{customer.stripe_customer_id}"})


def record_payment_method(customer: StripeCustomer, payment_method: str | stripe.PaymentMethod,
                          client: stripe.StripeClient | None = None) -> PaymentMethod:
    """Keep Stripe's id and what a customer recognises a card by (brand, last 4, expiry), in one statement.

    `payment_method`: its id, or the object itself when Stripe already sent it (expanded in a PaymentIntent).
    """
    method = payment_method
    if isinstance(method, str):
        method = (client or stripe_api.stripe_client(customer.installation)).v1.payment_methods.retrieve(method)
    card = method.card if method.type == "card" else None
    stored = PaymentMethod(customer=customer, stripe_payment_method_id=method.id, brand=card.brand if card else method.type,
                           last4=card.last4 if card else "", exp_month=card.exp_month if card else None,
                           exp_year=card.exp_year if card else None, replaced_at=None)
    PaymentMethod.objects.bulk_create([stored], update_conflicts=True, unique_fields=["stripe_payment_method_id"],
                                      update_fields=["customer", "brand", "last4", "exp_month", "exp_year", "replaced_at"])
    return stored


def start_card_replacement(customer: StripeCustomer, client: stripe.StripeClient | None = None) -> str:
    """A SetupIntent for a new card; its client secret goes to Stripe Elements."""
    client = client or stripe_api.stripe_client(customer.installation)

    def create():
        return client.v1.setup_intents.create(params={
            "customer": customer.stripe_customer_id, "usage": "off_session", "payment_method_types": ["card"],
            "metadata": {"saleor_user_id": customer.saleor_user_id, **ownership.owner_metadata(customer.installation)},
        })

    try:
        return create().client_secret
    except stripe.InvalidRequestError as exc:
        if not customer_missing(exc):
            raise
    replace_customer(customer, client)
    return create().client_secret


def finish_card_replacement(customer: StripeCustomer, setup_intent_id: str, client: stripe.StripeClient | None = None) -> PaymentMethod:
    """Once the customer confirmed the SetupIntent: the new card replaces the old ones."""
    client = client or stripe_api.stripe_client(customer.installation)
    intent = client.v1.setup_intents.retrieve(setup_intent_id)
    if (intent.status != "succeeded" or intent.customer != customer.stripe_customer_id
            or not ownership.belongs_to(customer.installation, intent)):
        raise ValueError(f"setup intent {setup_intent_id} is {intent.status} for another or no customer")
    method_id = intent.payment_method if isinstance(intent.payment_method, str) else intent.payment_method.id
    with transaction.atomic():
        new = record_payment_method(customer, method_id, client)
        customer.payment_methods.exclude(pk=new.pk).filter(replaced_at=None).update(replaced_at=timezone.now())
    return new
