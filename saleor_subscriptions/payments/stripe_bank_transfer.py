"""Bank transfers reconciled by Stripe (`jp_bank_transfer`): each customer pays into a virtual account of their own.

A renewal gets its own `customer_balance` PaymentIntent, found again by its `renewal` metadata once Stripe has
forgotten the idempotency key. Stripe matches incoming transfers and reports how much arrived
(`payment_intent.partially_funded`, then `payment_intent.succeeded`). Saleor counts one success per request
reference, so each amount received closes the request still open (CHARGE_SUCCESS for what came in) and opens one for
the rest under a reference naming the amount received so far (`pi_…:after-3000`): the order shows what is paid and
what is still pending, and a redelivered event repeats identical reports (alreadyProcessed).

Money sent beyond the amount stays in the customer's Stripe cash balance (`cash_balance.funds_available`, recorded
for staff); in automatic reconciliation mode Stripe applies it to the customer's next bank-transfer payment.
"""

from decimal import Decimal

import stripe
from django.db import transaction

from ..core.models import record_event
from ..plans.terms import PaymentMethodKind
from ..saleor.client import SaleorClient
from ..subscriptions.models import Renewal, Subscription
from . import ownership, stripe_api
from .charges import find_intent
from .models import PaymentInstructions, StripeCustomer
from .operator_cards import PENDING, card_customer
from .saleor_transactions import request_payment, stripe_dashboard_url
from .stripe_api import from_minor_units, to_minor_units

NAME = "Bank transfer via Stripe (subscription)"
FUNDED = ("payment_intent.partially_funded", "payment_intent.succeeded")
BALANCE_EVENT = "cash_balance.funds_available"
ZENGIN = ("bank_name", "bank_code", "branch_name", "branch_code", "account_type", "account_number", "account_holder_name")


def reconciled(renewal: Renewal) -> bool:
    """The renewal's transfer goes to the customer's Stripe virtual account (Stripe reports it, staff do not)."""
    return renewal.payment_kind == PaymentMethodKind.BANK_TRANSFER and bool(renewal.payment_intent_id)


def renewal_of(installation, metadata: dict[str, str]) -> Renewal | None:
    """The renewal a payment is requested for, named by the transaction's metadata (none for a phone order's first)."""
    if not metadata.get("subscription") or not metadata.get("cycle"):
        return None
    return Renewal.objects.select_related("subscription").filter(
        subscription__installation=installation, subscription_id=metadata["subscription"], cycle=metadata["cycle"]).first()


def enabled(installation, subscription: Subscription) -> bool:
    """The shop has Stripe reconcile this channel's bank transfers (JPY only: Japanese bank transfers)."""
    return subscription.currency == "JPY" and subscription.channel_slug in (installation.bank_transfer_via_stripe or ())


def request_renewal_payment(installation, renewal: Renewal, *, order_id: str, amount: Decimal,
                            metadata: dict[str, str]) -> str:
    """The renewal's PaymentIntent, its pending Saleor transaction and the account details for the mail; every step is
    found again on a retry. Returns the PaymentIntent's id."""
    subscription = renewal.subscription
    customer = card_customer(installation, email=subscription.email, saleor_user_id=subscription.customer_id)
    client = stripe_api.stripe_client(installation)
    key = renewal.external_reference
    intent = find_intent(stripe_api.plain_calls(installation), customer.stripe_customer_id, key, int(renewal.created_at.timestamp()) - 3600)
    if intent is None:
        intent = client.raw_request("post", "/v1/payment_intents", **{
            "amount": to_minor_units(amount, "JPY"), "currency": "jpy", "customer": customer.stripe_customer_id,
            "confirm": True, "payment_method_types": ["customer_balance"],
            "payment_method_data": {"type": "customer_balance"},
            "payment_method_options": {"customer_balance": {"funding_type": "bank_transfer",
                                                            "bank_transfer": {"type": "jp_bank_transfer"}}},
            "metadata": {**metadata, **ownership.owner_metadata(installation), "saleor_order_id": order_id, "renewal": key},
            "idempotency_key": f"{key}-bank_transfer"}).data
    transaction_id = request_payment(
        SaleorClient.for_installation(installation), order_id=order_id, name=NAME, psp_reference=intent["id"],
        amount=amount, currency="JPY", message="Awaiting a bank transfer to the customer's virtual account (Stripe).",
        metadata=metadata, external_url=stripe_dashboard_url(installation, intent["id"]))
    remember(installation, intent, transaction_id=transaction_id, amount=amount)
    if (intent.get("metadata") or {}).get("saleor_transaction_id") != transaction_id:
        client.raw_request("post", f"/v1/payment_intents/{intent['id']}", metadata={"saleor_transaction_id": transaction_id})
    # paid at once from the customer's cash balance, or funded before a crash: the renewal's own mail tells the customer
    apply_funding(installation, intent, mail=False, renewal=renewal)
    return intent["id"]


def _display(intent: dict) -> dict:
    return (intent.get("next_action") or {}).get("display_bank_transfer_instructions") or {}


def account_of(intent: dict) -> dict:
    """The customer's virtual account as Stripe shows it (zengin), with the transfer reference if any."""
    display = _display(intent)
    zengin = next((address.get("zengin") or {} for address in display.get("financial_addresses") or ()
                   if address.get("type") == "zengin"), {})
    return {**{field: zengin.get(field) or "" for field in ZENGIN}, "reference": display.get("reference") or ""}


def remember(installation, intent: dict, *, transaction_id: str, amount: Decimal) -> PaymentInstructions:
    """Keep what the customer needs to pay (their virtual account, Stripe's instructions page), once per transaction."""
    details = {"method": PaymentMethodKind.BANK_TRANSFER, "payment_intent_id": intent["id"], "amount": amount,
               "currency": "JPY", "stores": {}, "expires_at": None}
    if _display(intent):  # an intent paid at once from the cash balance shows no account
        details |= {"bank_account": account_of(intent), "voucher_url": _display(intent).get("hosted_instructions_url") or ""}
    instructions, _ = PaymentInstructions.objects.update_or_create(
        installation=installation, saleor_transaction_id=transaction_id, defaults=details)
    return instructions


def received(intent: dict) -> int:
    """How much of the intent arrived (minor units): all once it succeeded, else the amount less what remains."""
    if intent["status"] == "succeeded":
        return intent["amount"]
    remaining = _display(intent).get("amount_remaining")
    return intent["amount"] - remaining if remaining is not None else 0


def instructions(renewal: Renewal) -> dict:
    """What the payment-instructions mail adds for a Stripe bank transfer: the customer's virtual account, Stripe's
    instructions page, what arrived and what remains ({} for a transfer to the shop's own account)."""
    found = PaymentInstructions.objects.filter(installation=renewal.subscription.installation,
                                               payment_intent_id=renewal.payment_intent_id).first() if reconciled(renewal) else None
    if found is None:
        return {}
    arrived = from_minor_units(max(found.funded, default=0), found.currency)
    return {"account": found.bank_account, "voucher_url": found.voucher_url, "received": arrived,
            "remaining": found.amount - arrived}


def void(installation, renewal: Renewal) -> bool:
    """The order was paid otherwise: the intent is cancelled (what arrived goes back to the customer's cash balance)
    and its requests closed; False if Stripe says it was paid meanwhile."""
    if renewal.paid_at is not None:
        return True
    try:
        stripe_api.stripe_client(installation).v1.payment_intents.cancel(renewal.payment_intent_id)
    except stripe.InvalidRequestError:  # cancelled already (a retried delivery), or paid meanwhile
        if stripe_api.stripe_client(installation).v1.payment_intents.retrieve(renewal.payment_intent_id).status != "canceled":
            return False
    canceled(installation, renewal.payment_intent_id, "paid otherwise: marked as paid in Saleor")
    return True


def received_so_far(installation, intent_ids: list[str]) -> dict[str, Decimal]:
    """What arrived for each of these bank-transfer intents that received anything."""
    rows = PaymentInstructions.objects.filter(installation=installation, method=PaymentMethodKind.BANK_TRANSFER,
                                              payment_intent_id__in=[intent_id for intent_id in intent_ids if intent_id])
    return {row.payment_intent_id: from_minor_units(max(row.funded), row.currency) for row in rows if row.funded}


def _reference(intent_id: str, level: int) -> str:
    """The pspReference of the request open once `level` arrived (the intent itself before anything did)."""
    return f"{intent_id}:after-{level}" if level else intent_id


def _renewal(installation, intent_id: str) -> Renewal | None:
    return Renewal.objects.filter(subscription__installation=installation, payment_intent_id=intent_id).first()


def apply_funding(installation, intent: dict, *, mail: bool = True, renewal: Renewal | None = None) -> bool:
    """Report what arrived since the last amount Stripe reported, once per amount; an older amount arriving after a
    newer one changes nothing. The renewal is paid when all arrived. `mail`: the customer is mailed what remains;
    `renewal`: the intent's, while it is being ordered (it is found by the intent once it names it)."""
    level = received(intent)
    renewal = renewal or _renewal(installation, intent["id"])
    if level <= 0:
        return False
    with transaction.atomic():
        instructions = PaymentInstructions.objects.select_for_update().filter(
            installation=installation, payment_intent_id=intent["id"]).first()
        if instructions is None:
            return False  # not (yet) tied to a transaction: the renewal's request reports it once it is
        levels, new = list(instructions.funded), level not in instructions.funded
        if new and levels and level < max(levels):
            return False  # out of order: a later amount was reported already
        if new:
            instructions.funded = sorted([*levels, level])
            instructions.save(update_fields=["funded"])
            _record(installation, instructions, intent, level, mail, renewal)
    previous = max((known for known in instructions.funded if known < level), default=0)
    currency, total = intent["currency"], intent["amount"]
    money = lambda minor: str(from_minor_units(minor, currency))  # noqa: E731
    client = SaleorClient.for_installation(installation)
    external_url = stripe_dashboard_url(installation, intent["id"])
    client.execute("TransactionEventReport", {
        "id": instructions.saleor_transaction_id, "type": "CHARGE_SUCCESS", "pspReference": _reference(intent["id"], previous),
        "amount": money(level - previous), "externalUrl": external_url,
        "message": f"Stripe: bank transfer received, {money(level)} of {money(total)} {currency.upper()}"
                   + (f"; {money(total - level)} remaining" if level < total else ""),
    }, idempotent=True)
    if level < total:
        client.execute("TransactionEventReport", {
            "id": instructions.saleor_transaction_id, "type": "CHARGE_REQUEST", "pspReference": _reference(intent["id"], level),
            "amount": money(total - level), "externalUrl": external_url,
            "message": f"Stripe: {money(total - level)} {currency.upper()} remaining to be transferred",
        }, idempotent=True)
        return True
    if renewal is not None:
        from .offline import mark_paid  # offline imports this module

        mark_paid(renewal)
    return True


def _record(installation, instructions: PaymentInstructions, intent: dict, level: int, mail: bool,
            renewal: Renewal | None) -> None:
    """The customer and staff hear of each amount received once (inside the transaction that records it)."""
    of_renewal = {"subscription": renewal.subscription_id, "cycle": renewal.cycle} if renewal else {}
    currency, total = intent["currency"], intent["amount"]
    data = {"payment_intent": intent["id"], "transaction": instructions.saleor_transaction_id, "currency": currency.upper(),
            "received": str(from_minor_units(level, currency)), "remaining": str(from_minor_units(total - level, currency)),
            **of_renewal}
    if level < total:
        record_event(installation, "payment.partially_funded", mail=mail, **data)
    else:
        record_event(installation, "payment.received", via="stripe_bank_transfer", amount=data["received"], **data)


def canceled(installation, intent_id: str, why: str = "the bank-transfer payment was canceled") -> bool:
    """The intent can no longer be paid: the open request is closed, and what had arrived (Stripe moves it back to the
    customer's cash balance) is reported refunded to that balance. False when it was closed before."""
    instructions = PaymentInstructions.objects.filter(installation=installation, payment_intent_id=intent_id).first()
    if instructions is None:
        return False
    level, currency = max(instructions.funded, default=0), instructions.currency
    arrived = from_minor_units(level, currency)
    client = SaleorClient.for_installation(installation)
    closed = client.execute("TransactionEventReport", {
        "id": instructions.saleor_transaction_id, "type": "CHARGE_FAILURE", "pspReference": _reference(intent_id, level),
        "amount": str(instructions.amount - arrived), "message": f"Stripe: {why}",
    }, idempotent=True)["transactionEventReport"]
    if level:
        client.execute("TransactionEventReport", {
            "id": instructions.saleor_transaction_id, "type": "REFUND_SUCCESS", "pspReference": f"{intent_id}:returned",
            "amount": str(arrived), "message": "Stripe: the amount received went back to the customer's cash balance",
        }, idempotent=True)
    if closed.get("alreadyProcessed"):
        return False
    renewal = _renewal(installation, intent_id)
    record_event(installation, "payment.bank_transfer_canceled", payment_intent=intent_id, currency=currency,
                 returned_to_balance=str(arrived), reason=why,
                 **({"subscription": renewal.subscription_id, "cycle": renewal.cycle} if renewal else {}))
    return True


def funds_available(installation, balance: dict) -> bool:
    """Money in the customer's cash balance that no payment took (an over-payment, or a transfer with nothing open):
    recorded on their latest bank-transfer renewal for staff; Stripe applies it to their next payment."""
    renewal = _latest_renewal(installation, balance["customer"])
    available = {currency.upper(): str(from_minor_units(amount, currency))
                 for currency, amount in (balance.get("available") or {}).items()}
    record_event(installation, "payment.cash_balance_available", customer=balance["customer"], available=available,
                 **({"subscription": renewal.subscription_id, "cycle": renewal.cycle} if renewal else {}))
    instructions = renewal and PaymentInstructions.objects.filter(
        installation=installation, payment_intent_id=renewal.payment_intent_id).first()
    if instructions:  # on the order staff look at
        amounts = ", ".join(f"{amount} {currency}" for currency, amount in available.items())
        SaleorClient.for_installation(installation).execute("TransactionEventReport", {
            "id": instructions.saleor_transaction_id, "type": "INFO", "pspReference": renewal.payment_intent_id,
            "message": f"Stripe: {amounts} sent beyond what was asked is in the customer's cash balance; "
                       "Stripe applies it to their next bank-transfer payment",
        }, idempotent=True)
    return True


def _latest_renewal(installation, stripe_customer_id: str) -> Renewal | None:
    """The Stripe customer's latest renewal paid by a Stripe bank transfer."""
    customer = StripeCustomer.objects.filter(installation=installation, stripe_customer_id=stripe_customer_id).first()
    if customer is None:
        return None
    renewals = Renewal.objects.filter(subscription__installation=installation, payment_kind=PaymentMethodKind.BANK_TRANSFER,
                                      payment_intent_id__gt="")
    if customer.saleor_user_id.startswith(PENDING):  # a guest's customer, kept under their e-mail
        renewals = renewals.filter(subscription__customer_id="",
                                   subscription__email__iexact=customer.saleor_user_id.removeprefix(PENDING))
    else:
        renewals = renewals.filter(subscription__customer_id=customer.saleor_user_id)
    return renewals.order_by("-created_at").first()


def concerns(event: dict) -> bool:
    """Any event of a bank-transfer PaymentIntent (none reaches the card and konbini reports), or money waiting in a
    customer's cash balance."""
    obj = event["data"]["object"]
    return event["type"] == BALANCE_EVENT or (
        event["type"].startswith("payment_intent.") and "customer_balance" in (obj.get("payment_method_types") or ()))


def on_event(installation, event: dict) -> bool:
    """Act on an event `concerns` accepted, for the installation it belongs to; False: nothing to do (e.g. the
    intent's `requires_action` as it is created)."""
    obj = event["data"]["object"]
    if event["type"] in FUNDED:
        return apply_funding(installation, obj)
    if event["type"] == "payment_intent.canceled":
        canceled(installation, obj["id"])
        return True
    return event["type"] == BALANCE_EVENT and funds_available(installation, obj)
