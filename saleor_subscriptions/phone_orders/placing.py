"""Placing a phone/FAX order: the customer, the first order in Saleor at once, its payment, the subscriptions.

Like a renewal, the order is a draft priced by the plans, charged (card) before it is completed,
then its payment is recorded: the charge as a transaction, or the amount pending (COD, konbini,
bank transfer, a plug-in method staff may take). Each step is recorded on the `PhoneOrder` row of the submission's idempotency key
before the next starts, so a retried submission resumes and a card is charged at most once (one
PaymentIntent per phone order, `charges.charge_once`). A refusal (declined card, stock, shipping,
Saleor's own refusal) undoes what the submission made: the draft, a charge, the customer it created.
"""

import dataclasses
import datetime
import json
import logging

import stripe
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ..core.errors import InputError
from ..core.models import Event, record_event
from ..core.money import from_saleor
from ..payment_methods import registry
from ..payments import operator_cards, stripe_api
from ..payments.charges import ChargeResult, charge_once
from ..payments.declines import Outcome
from ..payments.methods import ensure_customer, record_payment_method
from ..payments.offline import request_renewal_payment
from ..payments.ownership import belongs_to, owner_metadata
from ..payments.saleor_transactions import record_charge, request_payment
from ..plans.terms import PaymentMethodKind
from ..renewals.engine import address_input
from ..saleor.client import SaleorClient, SaleorMutationError
from ..saleor.languages import saleor_language
from ..subscriptions.creation import operator_subscriptions
from . import customers
from .models import PhoneOrder
from .quote import OrderRequest, quote

logger = logging.getLogger(__name__)
LEASE = datetime.timedelta(minutes=2)


class Busy(Exception):
    """Another request is placing the same submission right now."""


def place(installation, request: OrderRequest, *, key: str, staff: str, customer_id: str = "",
          new_customer: customers.NewCustomer | None = None, setup_intent_id: str = "") -> dict:
    """`{order_id, order_number, subscription_ids}`, or `{errors}`; the same key answers the same."""
    entered = json.loads(json.dumps({"order": _as_json(request), "customer_id": customer_id,
                                     "new_customer": _as_json(new_customer), "setup_intent_id": setup_intent_id}))
    try:
        with transaction.atomic():
            row, _ = PhoneOrder.objects.get_or_create(installation=installation, idempotency_key=key,
                                                      defaults={"request": entered, "staff": staff})
    except IntegrityError:  # a double click's twin created it first
        row = PhoneOrder.objects.get(installation=installation, idempotency_key=key)
    if row.request != entered:
        raise InputError("idempotencyKey", "invalid", "the key was used for another order", words="key_reused")
    if row.result is not None:
        return row.result
    now = timezone.now()
    claimed = PhoneOrder.objects.filter(pk=row.pk, result__isnull=True).filter(Q(lease_until=None) | Q(lease_until__lt=now)).update(
        lease_until=now + LEASE)
    if not claimed:
        row.refresh_from_db()
        if row.result is not None:
            return row.result
        raise Busy()
    row.refresh_from_db()
    placing = Placing(installation, row, request, customer_id=customer_id, new_customer=new_customer,
                      setup_intent_id=setup_intent_id)
    try:
        result = placing.run()
        state = PhoneOrder.State.PLACED
    except InputError as refusal:
        placing.undo()
        result, state = {"errors": [{"field": refusal.field, "code": refusal.code, "message": refusal.message,
                                     "words": refusal.words, "params": refusal.params}]}, PhoneOrder.State.REFUSED
        record_event(installation, "phone_order.refused", actor=Event.Actor.STAFF, actor_id=staff, key=key,
                     code=refusal.code, field=refusal.field)
    except BaseException:  # unfinished (Saleor or Stripe out of reach): a retry with the key resumes it
        PhoneOrder.objects.filter(pk=row.pk).update(lease_until=None)
        raise
    # the answer and the lease's end together: a waiting twin never runs a finished submission again
    PhoneOrder.objects.filter(pk=row.pk).update(result=result, state=state, lease_until=None)
    return result


def _as_json(value):
    return None if value is None else dataclasses.asdict(value)


class Placing:
    def __init__(self, installation, row: PhoneOrder, request: OrderRequest, *, customer_id: str,
                 new_customer: customers.NewCustomer | None, setup_intent_id: str):
        self.installation, self.row, self.request = installation, row, request
        self.customer_id, self.new_customer, self.setup_intent_id = customer_id, new_customer, setup_intent_id
        self.client = SaleorClient.for_installation(installation)

    def _commit(self, **fields) -> None:
        for name, value in fields.items():
            setattr(self.row, name, value)
        PhoneOrder.objects.filter(pk=self.row.pk).update(**fields, updated_at=timezone.now())

    def run(self) -> dict:
        request = self.request
        if request.payment == PaymentMethodKind.CARD and not self.setup_intent_id:
            raise InputError("setupIntentId", "card_required", "save the card first", words="card_required")
        priced = quote(self.installation, request, client=self.client)
        if request.payment not in priced.payment_methods:
            raise InputError("payment", "payment_method", f"{request.payment} is not offered for this order")
        if priced.shipping is None and priced.shipping_methods:
            raise InputError("shippingMethodId", "required", "choose a shipping method", words="required")
        if priced.shipping is None:
            raise InputError("shippingAddress", "no_shipping", "no shipping method serves this address", words="no_shipping")
        user = self.customer()
        card = self.card(user) if request.payment == PaymentMethodKind.CARD else None
        order = self.draft(user, priced)
        if card is not None:
            self.charge(order, card)
        order = self.complete(order)
        self.record_payment(order, card, user)
        payload = self.client.execute("OrderForSubscription", {"id": order["id"]})["order"]
        subscriptions = operator_subscriptions(
            self.installation, payload, [line.version for line in priced.lines], request.payment, staff=self.row.staff,
            shipping_address=request.shipping_address, shipping_method_id=request.shipping_method_id)
        record_event(self.installation, "phone_order.placed", actor=Event.Actor.STAFF, actor_id=self.row.staff,
                     order=order["id"], number=order["number"], payment=request.payment, total=str(priced.total),
                     subscriptions=[s.pk for s in subscriptions], new_customer=self.row.customer_created)
        return {"order_id": order["id"], "order_number": order["number"], "subscription_ids": [s.pk for s in subscriptions]}

    def customer(self) -> dict:
        if self.customer_id:
            user = customers.existing(self.client, self.customer_id)
        elif self.new_customer is not None:
            address = address_input(self.request.shipping_address)
            try:
                user = customers.create(self.client, self.new_customer, address, self.row.idempotency_key)
            except SaleorMutationError as exc:
                raise InputError("newCustomer", "invalid", str(exc), words="order_refused", reason=_reasons(exc)) from None
            if not self.row.customer_id:
                self._commit(customer_id=user["id"], customer_created=True)
        else:
            raise InputError("customerId", "required", "choose or create the customer", words="required")
        return user

    def card(self, user: dict):
        """The card the operator saved for this customer (a succeeded SetupIntent of this shop)."""
        client = stripe_api.stripe_client(self.installation)
        operator_cards.adopt(self.installation, email=user["email"], saleor_user_id=user["id"])
        customer = ensure_customer(self.installation, saleor_user_id=user["id"], email=user["email"], client=client)
        intent = client.v1.setup_intents.retrieve(self.setup_intent_id)
        if intent.status != "succeeded" or not belongs_to(self.installation, intent) \
                or intent.customer != customer.stripe_customer_id:
            raise InputError("setupIntentId", "invalid", "the card was not saved for this customer", words="card_not_saved")
        method_id = intent.payment_method if isinstance(intent.payment_method, str) else intent.payment_method.id
        return record_payment_method(customer, method_id, client)

    def draft(self, user: dict, priced) -> dict:
        reference = self.row.external_reference
        found = self.client.execute("OrderByReference", {"externalReference": reference})["order"]
        if found is not None:
            self._commit(order_id=found["id"])
            return found
        request = self.request
        draft = {
            "channelId": priced.channel_id, "user": user["id"], "userEmail": user["email"],
            "lines": [{"variantId": line.variant_id, "quantity": line.quantity, "price": str(line.first_unit),
                       "forceNewLine": True} for line in priced.lines],
            "externalReference": reference,
            "shippingAddress": address_input(request.shipping_address),
            "billingAddress": address_input(request.shipping_address),
            "shippingMethod": request.shipping_method_id,
            "languageCode": saleor_language(request.language),
            "metadata": [{"key": "subscription.origin", "value": "operator"}],
        }
        try:
            order = self.client.execute("DraftOrderCreate", {"input": draft})["draftOrderCreate"]["order"]
        except SaleorMutationError as exc:
            raise InputError(None, "invalid", str(exc), words="order_refused", reason=_reasons(exc)) from None
        self._commit(order_id=order["id"])
        return order

    def charge(self, order: dict, card) -> None:
        """The order's one charge, off-session on the card just saved, as renewals are charged."""
        if self.row.charged:
            return
        total = from_saleor(order["total"]["gross"]["amount"], order["total"]["gross"]["currency"])
        reference = self.row.external_reference
        # Stripe out of reach (ChargeUnavailable) leaves the submission open: its retry finds the same intent
        try:
            charge = charge_once(
                key=reference, customer_id=card.customer.stripe_customer_id, payment_method_id=card.stripe_payment_method_id,
                amount=total, currency=order["total"]["gross"]["currency"], attempt_key=f"{reference}-confirm",
                known_intent_id=self.row.payment_intent_id, created_since=int(self.row.created_at.timestamp()) - 3600,
                on_intent=lambda intent_id: self._commit(payment_intent_id=intent_id),
                metadata={"saleor_order_id": order["id"], "phone_order": reference, **owner_metadata(self.installation)},
                client=stripe_api.plain_calls(self.installation))
        except stripe.InvalidRequestError as exc:
            if exc.http_status != 404 and exc.code != "resource_missing":
                raise
            # the customer or card is gone from Stripe (deleted in its Dashboard): nothing was charged
            raise InputError("setupIntentId", "invalid", f"Stripe no longer has this card: {exc.user_message or exc}",
                             words="card_not_saved") from None
        if charge.outcome != Outcome.SUCCEEDED:
            raise InputError("payment", "card_declined", charge.message or "declined", words="card_declined",
                             reason=charge.decline_code or charge.outcome)
        self._commit(payment_intent_id=charge.payment_intent_id, charged=True)

    def complete(self, order: dict) -> dict:
        if order["status"] != "DRAFT":
            return order
        try:
            return self.client.execute("DraftOrderComplete", {"id": order["id"]})["draftOrderComplete"]["order"]
        except SaleorMutationError as exc:  # e.g. no warehouse for the address holds the stock
            raise InputError(None, "invalid", str(exc), words="order_refused", reason=_reasons(exc)) from None

    def record_payment(self, order: dict, card, user: dict) -> None:
        metadata = {"phone_order": self.row.external_reference}
        total = order["total"]["gross"]
        amount, currency = from_saleor(total["amount"], total["currency"]), total["currency"]
        kind = self.request.payment
        method = registry.get(kind)
        if card is not None:
            record_charge(self.installation, order_id=order["id"], payment_method=card, metadata=metadata,
                          charge=ChargeResult(Outcome.SUCCEEDED, self.row.payment_intent_id, amount, currency),
                          message="phone order charged by staff")
        elif not method.confirmed_by_staff:  # konbini, a plug-in's provider: the method asks for the payment
            request_renewal_payment(self.installation, kind=kind, order_id=order["id"], amount=amount, currency=currency,
                                    reference=self.row.external_reference, email=user["email"],
                                    billing_address=self.request.shipping_address, metadata=metadata)
        else:  # the reference's prefix is how the order's payment method is known again (creation.payment_kind)
            request_payment(self.client, order_id=order["id"], name=method.transaction_name,
                            psp_reference=method.checkout_reference(self.row.external_reference), amount=amount, currency=currency,
                            message="awaiting payment", metadata=metadata)

    def undo(self) -> None:
        """Take back what this submission made: the charge, the draft, the customer it created."""
        row = self.row
        if row.charged and row.payment_intent_id:
            stripe_api.stripe_client(self.installation).v1.refunds.create(
                params={"payment_intent": row.payment_intent_id, "metadata": owner_metadata(self.installation)},
                options={"idempotency_key": f"{row.external_reference}-refund"})
            self._commit(charged=False)
        if row.order_id:
            try:
                self.client.execute("DraftOrderDelete", {"id": row.order_id})
            except SaleorMutationError as exc:  # completed meanwhile: staff see it in Saleor
                logger.warning("phone order %s: draft %s not deleted: %s", row.pk, row.order_id, exc)
            self._commit(order_id="")
        if row.customer_created and row.customer_id:
            self.client.execute("CustomerDelete", {"id": row.customer_id})
            self._commit(customer_id="", customer_created=False)


def _reasons(exc: SaleorMutationError) -> str:
    return "; ".join(str(error.get("message") or error.get("code")) for error in exc.errors)[:300]
