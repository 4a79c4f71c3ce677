"""What a failed charge means for the next step: retry later, ask the customer, or stop."""

from enum import StrEnum


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    PENDING = "pending"  # Stripe is still processing: looked at again on the next run
    RETRYABLE = "retryable"  # soft decline: the dunning schedule tries again
    NEEDS_CUSTOMER_ACTION = "needs_customer_action"  # a new card, or authentication (3-D Secure)
    FINAL = "final"  # hard decline: never retried blindly


# decline codes (https://docs.stripe.com/declines/codes) and error codes
NEEDS_CUSTOMER_ACTION = frozenset({
    "authentication_required", "expired_card", "incorrect_number", "invalid_number", "invalid_expiry_month",
    "invalid_expiry_year", "incorrect_cvc", "invalid_cvc", "card_not_supported", "currency_not_supported",
    "invalid_account", "new_account_information_available", "offline_pin_required", "online_or_offline_pin_required",
    "pin_try_exceeded",
})
FINAL = frozenset({
    "lost_card", "stolen_card", "pickup_card", "fraudulent", "restricted_card", "security_violation",
    "stop_payment_order", "revocation_of_authorization", "revocation_of_all_authorizations",
    "transaction_not_allowed", "merchant_blacklist", "do_not_try_again",
})


def classify(code: str | None, decline_code: str | None) -> Outcome:
    """Soft by default: an unknown decline is retried on the dunning schedule, not given up on."""
    for reason in (decline_code, code):
        if reason in FINAL:
            return Outcome.FINAL
        if reason in NEEDS_CUSTOMER_ACTION:
            return Outcome.NEEDS_CUSTOMER_ACTION
    return Outcome.RETRYABLE
