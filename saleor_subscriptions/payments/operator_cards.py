"""Cards typed by an operator into Stripe Elements while the customer reads them out on the phone.

The SetupIntent belongs to the customer's Stripe customer. A customer entered with a phone order
has no Saleor id yet: their Stripe customer is kept under `pending:<e-mail>` and adopted by the
Saleor customer the order creates.
"""

from django.db import transaction

from .methods import ensure_customer, start_card_replacement
from .models import StripeCustomer

PENDING = "pending:"


def card_customer(installation, *, email: str, saleor_user_id: str = "") -> StripeCustomer:
    """The Stripe customer a new card is saved to."""
    return ensure_customer(installation, saleor_user_id=saleor_user_id or f"{PENDING}{email.strip().lower()}",
                           email=email.strip())


def setup_card(customer: StripeCustomer) -> tuple[str, str]:
    """A SetupIntent for off-session use: (its id, the client secret for Stripe Elements)."""
    secret = start_card_replacement(customer)
    return secret.split("_secret_")[0], secret


def adopt(installation, *, email: str, saleor_user_id: str) -> None:
    """The new customer's card, saved before the customer existed in Saleor, becomes theirs."""
    with transaction.atomic():
        if StripeCustomer.objects.filter(installation=installation, saleor_user_id=saleor_user_id).exists():
            return
        StripeCustomer.objects.filter(installation=installation, saleor_user_id=f"{PENDING}{email.strip().lower()}").update(
            saleor_user_id=saleor_user_id)
