"""Customer refusals as `{field, code, message}` in the request's language; a payload is whole or carries errors only."""

import logging

import graphene
import stripe

from ...core.error_texts import error_message, error_text
from ...core.errors import InputError
from ...saleor.client import SaleorError

logger = logging.getLogger(__name__)


class CustomerErrorCode(graphene.Enum):
    # who is asking (customers/identity.py): each message says what to do
    TOKEN_MISSING = "token_missing"
    TOKEN_INVALID = "token_invalid"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_NOT_ACCESS = "token_not_access"
    TOKEN_OTHER_INSTANCE = "token_other_instance"
    TOKEN_REVOKED = "token_revoked"
    SALEOR_UNREACHABLE = "saleor_unreachable"
    UNKNOWN_INSTANCE = "unknown_instance"
    THROTTLED = "throttled"
    # the request
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    INVALID_CHARACTER = "invalid_character"
    # a change refused by the subscription's state or plan (subscriptions/actions.py)
    INVALID_STATUS = "invalid_status"
    PAST_CUTOFF = "past_cutoff"
    COMMITMENT = "commitment"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    TOO_SOON = "too_soon"
    TOO_LATE = "too_late"
    CLOSED_DAY = "closed_day"
    UNCHANGED = "unchanged"
    DUPLICATE = "duplicate"
    NOT_AVAILABLE = "not_available"
    PAYMENT_METHOD = "payment_method"
    BUSY = "busy"
    # one-time items (subscriptions/addons.py)
    OUT_OF_STOCK = "out_of_stock"
    TOO_MANY = "too_many"
    IN_ORDER = "in_order"
    # cancellation with offers (subscriptions/retention.py)
    DECIDED = "decided"
    TOO_LONG = "too_long"
    # cards and outages
    CARD_NOT_SAVED = "card_not_saved"
    STRIPE_UNAVAILABLE = "stripe_unavailable"
    SALEOR_UNAVAILABLE = "saleor_unavailable"


CODES = frozenset(code.value for code in CustomerErrorCode)
# the actions name their own arguments; these are the customer API's
FIELDS = {"on": "date", "planId": "planCode", "shippingAddress": "address", "nextRenewalOn": None, "status": None,
          "subscription": None}


class CustomerError(graphene.ObjectType):
    field = graphene.String(description="The argument at fault, in camelCase; null for the whole request.")
    code = graphene.Field(CustomerErrorCode, required=True)
    message = graphene.String(required=True, description="In the request's language (Accept-Language): what to do.")
    retry_after = graphene.Int(description="THROTTLED: seconds until the request may be repeated (also the HTTP "
                                           "Retry-After header)")


class Refused(Exception):
    def __init__(self, field: str | None, code: str, message: str, **extra):
        super().__init__(message)
        self.error = {"field": field, "code": code, "message": message, **extra}


def refused_input(exc: InputError) -> Refused:
    """A refused change (nothing was saved), named by the customer API's arguments."""
    code = exc.code if exc.code in CODES else "invalid"
    return Refused(FIELDS.get(exc.field, exc.field), code, error_message(exc))


def answer(work, **empty) -> dict:
    """`work()`'s fields with no errors, or `empty` with the one error that stopped it."""
    try:
        return {**empty, **work(), "errors": []}
    except InputError as exc:
        error = refused_input(exc).error
    except Refused as exc:
        error = exc.error
    except SaleorError as exc:
        logger.warning("customer API: Saleor failed: %s", exc)
        error = {"field": None, "code": "saleor_unavailable", "message": error_text("saleor_unavailable")}
    except stripe.StripeError as exc:
        logger.warning("customer API: Stripe failed: %s", exc)
        error = {"field": None, "code": "stripe_unavailable", "message": error_text("stripe_unavailable")}
    return {**empty, "errors": [error]}
