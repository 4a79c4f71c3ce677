"""The renewal engine: one Saleor order and at most one charge per subscription cycle.

Workers lease due subscriptions (`lease.claim`: one `SKIP LOCKED` statement), so any number
cooperate and no transaction is open while Saleor or Stripe is called: Saleor delivers order
webhooks to the app inside its own mutations. A renewal goes through its steps (`Renewing`), whose
findings are written under the lease before the charge and with its one outcome (`outcomes`), or as
soon as a step fails. Every step can be
redone: the order is found again by its unique `externalReference`, the cycle's one PaymentIntent
by our record or its metadata (`charges.charge_once`), a paid Saleor order is never charged,
completion is skipped for a completed order, and the transaction is looked up before it is
recorded. A crash or a timeout anywhere leaves a lease that expires; the next worker resumes.
"""

import datetime
import functools
import logging
import zoneinfo

import stripe
from django.db.models import BooleanField, F, Func, Value
from django.db.models.functions import Mod
from django.utils import timezone

from ..core.models import record_event
from ..core.money import from_saleor, quantize
from ..figures import prices
from ..payments import stripe_api
from ..payments.charges import ChargeResult, ChargeUnavailable, charge_once
from ..payments.declines import Outcome
from ..payments.offline import request_renewal_payment
from ..payments.ownership import owner_metadata
from ..payments.saleor_transactions import record_charge
from ..plans.pricing import PricingError, price_line
from ..payment_methods import registry
from ..saleor.client import SaleorClient, SaleorError, SaleorMutationError, SaleorTransportError
from ..saleor.languages import saleor_language
from ..subscriptions.discounts import combined, discounted, retention_percent_off
from ..subscriptions.discounts import describe as describe_discount
from ..subscriptions.models import SPREAD, Renewal, Subscription
from . import lease, one_time, outcomes
from .lines import lines_of, prefetch, terms_of
from .outcomes import RENEWABLE, current_renewal, renewal_row, renewal_rows
from .problems import RenewalProblem
from .stock import ChannelStock, Variant, cycle_variant_ids

logger = logging.getLogger(__name__)
CLAIM = 10  # draft renewals leased in one claim, then renewed one by one
ADDRESS_FIELDS = ("firstName", "lastName", "companyName", "streetAddress1", "streetAddress2", "city", "cityArea",
                  "postalCode", "countryArea", "phone")
PAID = ("FULL", "OVERCHARGED")  # an order's chargeStatus that is never charged again
UNREACHABLE = (SaleorTransportError, ChargeUnavailable, stripe.APIConnectionError, stripe.RateLimitError)


def today_in(installation, now: datetime.datetime | None = None) -> datetime.date:
    """The calendar date in the installation's time zone: DST changes hours, never dates."""
    return (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(installation.time_zone)).date()


def window_progress(installation, now: datetime.datetime | None = None) -> tuple[datetime.date, float]:
    """Today, and how much of today's renewal window has passed (0 before it opens, 1 once it closed)."""
    local = (now or timezone.now()).astimezone(zoneinfo.ZoneInfo(installation.time_zone))
    opens = local.replace(hour=installation.renewal_window_start_hour, minute=0, second=0, microsecond=0)
    length = datetime.timedelta(hours=installation.renewal_window_hours)
    if local < opens:
        return local.date(), 0.0
    return local.date(), 1.0 if local >= opens + length else (local - opens) / length


def _bounds(installation, today: datetime.date, progress: float) -> tuple[datetime.date, int]:
    """What is due sorts before (horizon, places passed): the delivery dates the lead time reaches, and the window's progress."""
    horizon = today + datetime.timedelta(days=installation.order_lead_days)
    return horizon, SPREAD if progress >= 1 else int(progress * SPREAD)


def due(installation, today: datetime.date, progress: float = 1.0):
    """Due once the delivery date minus the order lead time has come.

    A day's renewals are spread over the installation's renewal window rather than started at
    midnight: each subscription has its place in the window (`id mod 1000`), and is due on the day
    once that much of the window has passed. Overdue ones are due at once. Both say
    `(next_renewal_on, place) < (horizon, places passed)`: one range of the partial index
    `subscription_renewable`, so finding the next due row costs the same however many are due.
    """
    horizon, passed = _bounds(installation, today, progress)
    return Subscription.objects.filter(
        Func(Func(F("next_renewal_on"), Mod("id", SPREAD), function=""), Func(Value(horizon), Value(passed), function=""),
             template="%(expressions)s", arg_joiner=" < ", output_field=BooleanField()),
        installation=installation, status__in=RENEWABLE)


def is_due(subscription: Subscription, today: datetime.date, progress: float) -> bool:
    """`due`, of one subscription in hand."""
    return (subscription.status in RENEWABLE and subscription.next_renewal_on is not None
            and (subscription.next_renewal_on, subscription.pk % SPREAD) < _bounds(subscription.installation, today, progress))


def claimable(installation, today: datetime.date, progress: float, skip=()):
    """Due subscriptions in the order they are renewed: the earliest delivery, then the earliest place in the window."""
    return due(installation, today, progress).exclude(pk__in=skip).order_by("next_renewal_on", Mod("id", SPREAD), "id")


def renew_next(installation, today: datetime.date | None = None, skip=(), progress: float = 1.0,
               worker: str | None = None) -> Renewal | None:
    """Lease one due subscription no other worker holds and renew it; None when nothing is left.

    Without `today`, the date and the window's progress come from the clock.
    """
    if today is None:
        today, progress = window_progress(installation)
    renewals = renew_claimed(installation, today, progress, skip, worker, limit=1)
    return renewals[0] if renewals else None


def renew_claimed(installation, today: datetime.date, progress: float, skip=(), worker: str | None = None,
                  limit: int = CLAIM) -> list[Renewal]:
    """Lease up to `limit` due subscriptions in one claim and renew them one by one; an empty list when none is due.

    What every renewal reads is read once for the claim (`Claim`). Each subscription is read again at its turn (a
    customer may have skipped, paused or changed it since the claim); those no longer due, and those not reached, go
    back at once.
    """
    worker = worker or lease.worker_id()
    while True:
        claimed = lease.claim(claimable(installation, today, progress, skip), worker, limit=limit, installation=installation)
        renewals, reached, claim = [], -1, Claim(installation, claimed)
        try:
            for reached, subscription in enumerate(claimed):
                if reached and not claim.turn(subscription, today, progress):
                    claim.give_back(subscription)
                else:
                    renewals.append(renew_leased(subscription, today, claim=claim))
        finally:
            for subscription in claimed[reached + 1:]:  # renew_leased gave back the one it was renewing
                claim.give_back(subscription)
        if renewals or not claimed:
            return renewals


class Claim:
    """What the renewals of one claim read once for all: lines and discounts, the due cycles' rows (made now where
    missing), waiting one-time items, and per channel the stock and list prices (on first need), counted down as the
    claim's orders take them."""

    def __init__(self, installation, claimed: list[Subscription]):
        self.installation, self.claimed, self.stocks = installation, claimed, {}
        prefetch(claimed)
        self.renewals, self.made_now = renewal_rows(claimed) if claimed else ({}, set())
        for subscription in claimed:
            self.renewals[subscription.pk].subscription = subscription
        self.one_time_ids = one_time.batch_variant_ids(self.renewals) if claimed else {}

    def turn(self, subscription: Subscription, today: datetime.date, progress: float) -> bool:
        """The subscription's turn: its lease extended and its row read again; False when it is no longer this
        worker's or no longer due. A subscription changed since the claim reads its own lines and items again."""
        claimed_as = subscription.updated_at
        if not lease.turn(subscription) or not is_due(subscription, today, progress):
            return False
        if subscription.updated_at != claimed_as:
            subscription._prefetched_objects_cache = {}
            prefetch([subscription])
            renewal = self.renewals.get(subscription.pk)
            if renewal is not None:
                self.one_time_ids[subscription.pk] = one_time.variant_ids(subscription, renewal)
                if subscription.pk in self.made_now and renewal.scheduled_for != subscription.next_renewal_on:
                    renewal.scheduled_for = subscription.next_renewal_on  # rescheduled since the claim
                    renewal.save(update_fields=["scheduled_for"])
        return True

    def give_back(self, subscription: Subscription) -> None:
        """Release a subscription the claim did not renew; the row the claim made for its cycle goes too."""
        if subscription.pk in self.made_now:
            Renewal.objects.filter(pk=self.renewals[subscription.pk].pk, state=Renewal.State.SCHEDULED,
                                   subscription__lease_owner=subscription.lease_owner).delete()
        lease.release(subscription)

    def renewal(self, subscription: Subscription) -> tuple[Renewal | None, bool]:
        """The cycle's row read or made by the claim (and whether made now), if the subscription's cycle is still it."""
        renewal = self.renewals.get(subscription.pk)
        if renewal is None or renewal.cycle != subscription.deliveries + 1:
            return None, False
        return renewal, subscription.pk in self.made_now

    def stock(self, subscription: Subscription, ids: set[str]) -> ChannelStock:
        """The channel's stock read for the claim, if it was asked about `ids`; else read now for this subscription."""
        channel = subscription.channel_slug
        if channel not in self.stocks:
            wanted = set()
            for other in self.claimed:
                if other.channel_slug == channel and other.pk in self.renewals:
                    wanted |= cycle_variant_ids(other, self.renewals[other.pk].cycle) | self.one_time_ids[other.pk]
            self.stocks[channel] = ChannelStock(SaleorClient.for_installation(self.installation), channel,
                                                subscription.currency, wanted | ids)
        stock = self.stocks[channel]
        if not ids <= stock.asked:
            return ChannelStock(SaleorClient.for_installation(self.installation), channel, subscription.currency, ids)
        return stock


def renew_leased(subscription: Subscription, today: datetime.date, order: dict | None = None,
                 renewal: Renewal | None = None, *, new: bool = False, claim: Claim | None = None) -> Renewal:
    """Renew a subscription this worker leased, then give it back; whatever stops it is recorded.

    `order` and `renewal`: the cycle's order and row as a bulk batch found or made them (`new`: the row made by this
    run); `claim`: what a draft claim read for all its renewals."""
    try:
        return Renewing(subscription, today, order, renewal, new=new, claim=claim).run()
    except RenewalProblem as problem:
        return outcomes.problem(subscription, problem)
    except UNREACHABLE as error:
        return outcomes.interrupted(subscription, error)
    except lease.LeaseLost:
        logger.warning("subscription #%s: lease lost, another worker finishes the cycle", subscription.pk)
        return current_renewal(subscription)
    except Exception as error:  # one subscription failing in a way nobody foresaw never stops the others
        logger.exception("renewal of subscription #%s failed unexpectedly", subscription.pk)
        return outcomes.problem(subscription, RenewalProblem("unexpected", kind=type(error).__name__, detail=str(error)))
    finally:
        lease.release(subscription)


def address_input(address: dict | None) -> dict | None:
    """A stored (webhook) address as Saleor's AddressInput."""
    if not address:
        return None
    converted = {key: address.get(key) for key in ADDRESS_FIELDS if address.get(key)}
    converted["country"] = (address.get("country") or {}).get("code")
    return converted


def check_sold(subscription: Subscription, ids: set[str], sold) -> None:
    """A variant deleted or no longer sold in the channel is a problem for operators, not a stock question."""
    gone = sorted(ids - set(sold))
    if gone:
        raise RenewalProblem("variant_gone", variants=", ".join(gone), channel=subscription.channel_slug)


def _lines(subscription: Subscription, cycle: int, variants: dict[str, Variant], *, capped: bool = False) -> list[dict]:
    """The cycle's order lines, priced for the quantity ordered (at most what is available when `capped`).

    A cancellation offer's discount on this cycle lowers each line's price; `undiscountedPrice` keeps what it
    would have cost (bulk orders show both; a draft order shows it in the order's metadata).
    """
    lines, offered = [], retention_percent_off(subscription, cycle)
    for line in lines_of(subscription):
        terms, variant = line.plan_version.terms, variants[line.variant_id]
        quantity = min(line.quantity, variant.available) if capped else line.quantity
        if quantity == 0:
            continue
        if line.unit_price_override is not None:
            undiscounted = quantize(line.unit_price_override, subscription.currency)
            unit = discounted(undiscounted, offered, subscription.currency)
        else:
            try:
                price = functools.partial(price_line, terms, currency=subscription.currency, quantity=quantity, delivery=cycle,
                                          list_price=variant.list_price)
                unit = price(percent_off=combined(line.percent_off, offered)).unit
                undiscounted = price(percent_off=line.percent_off).unit if offered else unit
            except PricingError as exc:
                raise RenewalProblem("unpriceable", cycle=cycle, detail=str(exc)) from None
        priced = {"variantId": line.variant_id, "quantity": quantity, "price": str(unit), "forceNewLine": True}
        lines.append(priced | ({"undiscountedPrice": str(undiscounted)} if unit != undiscounted else {}))
        lines += [{"variantId": insert.variant_id, "quantity": 1, "price": "0", "forceNewLine": True}
                  for insert in terms.free_inserts if cycle in insert.deliveries]
    return lines


def order_metadata(subscription: Subscription, renewal: Renewal) -> list[dict]:
    """On every renewal order: a later run finds an order a crashed one made by `subscription.renewal`."""
    discount = describe_discount(subscription, renewal.cycle)
    return [{"key": "subscription.id", "value": str(subscription.pk)}, {"key": "subscription.cycle", "value": str(renewal.cycle)},
            {"key": "subscription.renewal", "value": renewal.external_reference},
            *([{"key": "subscription.discount", "value": discount}] if discount else [])]


def stocked_lines(subscription: Subscription, renewal: Renewal, variants: dict[str, Variant], today: datetime.date,
                  one_time_items: bool = True):
    """The lines to order (the one-time items included), or None when the plan's stock policy says wait or skip.

    `one_time_items`: False when the cycle was found to have none (one added since waits for the next delivery)."""
    lines = _stocked(subscription, renewal, variants, today)
    if lines is None or not one_time_items:
        return lines
    return one_time.take(subscription, renewal, variants, lines)


def _stocked(subscription: Subscription, renewal: Renewal, variants: dict[str, Variant], today: datetime.date):
    """Apply the plan's stock policy to the subscription's lines."""
    lines = _lines(subscription, renewal.cycle, variants)
    available = {variant_id: variant.available for variant_id, variant in variants.items()}
    short = [line for line in lines if available.get(line["variantId"], 0) < line["quantity"]]
    if not short:
        return lines
    terms = terms_of(subscription)
    missing = ", ".join(f"{line['variantId']} ({available.get(line['variantId'], 0)}/{line['quantity']})" for line in short)
    paid_short = [line for line in short if line["price"] != "0"]
    if not paid_short:  # only a free insert ran out: the delivery goes without it
        record_event(subscription.installation, "renewal.insert_out_of_stock", subscription=subscription.pk, missing=missing)
        return [line for line in lines if line not in short]
    if terms.stock_policy == "partial":
        # re-priced for what ships: quantity tiers follow the quantity actually ordered
        kept = [line for line in _lines(subscription, renewal.cycle, variants, capped=True)
                if line["price"] != "0" or available.get(line["variantId"], 0) >= line["quantity"]]
        if any(line["price"] != "0" for line in kept):
            record_event(subscription.installation, "renewal.partial", subscription=subscription.pk, cycle=renewal.cycle,
                         missing=missing)
            return kept
    waited = (today - renewal.scheduled_for).days
    if terms.stock_policy == "wait" and waited < terms.stock_wait_days:
        outcomes.waiting_for_stock(subscription, renewal, today, missing, waited)
    else:
        outcomes.skipped_for_stock(subscription, renewal, missing)
    return None


def saved_card(subscription: Subscription):
    """The card a card subscription is charged on; without one the cycle is a problem for operators."""
    if subscription.payment_method is None:
        raise RenewalProblem("no_card")
    return subscription.payment_method


class Renewing:
    """One cycle of one leased subscription: order → charge → complete → record.

    Each step starts from what Saleor and Stripe say (the order by its reference, the intent by its
    id, or among the customer's intents), so a run that resumes a crashed, timed-out or taken-over
    one repeats nothing. What the steps find is kept in hand and written with the cycle's outcome,
    or as soon as a step fails; the order and a new intent are written under the lease before the
    intent is confirmed. The row made by this run is the mark that no earlier run can have left an
    intent: any other row's cycle is looked for in Stripe before it is charged.
    """

    def __init__(self, subscription: Subscription, today: datetime.date, order: dict | None = None,
                 renewal: Renewal | None = None, *, new: bool = False, claim: Claim | None = None):
        self.subscription, self.today, self.order, self.renewal, self.new = subscription, today, order, renewal, new
        self.claim, self.unwritten = claim, {}
        if claim is not None and renewal is None:
            self.renewal, self.new = claim.renewal(subscription)
        self.client = SaleorClient.for_installation(subscription.installation)
        self.card = registry.charged_off_session(subscription.payment_kind)
        self.one_time_ids = set()
        prefetch([subscription])

    def run(self) -> Renewal:
        if self.subscription.cancel_at_period_end:
            return outcomes.end_of_period(self.subscription)
        if self.renewal is None:
            with lease.held(self.subscription, fresh=False):
                self.renewal, self.new = renewal_row(self.subscription)  # a row made now: no earlier run left anything
        try:
            if not self.place_order():
                return self.renewal  # waiting for stock, or skipped: the stock outcome is recorded
            if self.card:
                charge = self.charge()
                if charge.outcome == Outcome.PENDING:
                    self._commit()
                    return self.renewal  # Stripe is still processing: looked at again next run
                if charge.outcome != Outcome.SUCCEEDED:
                    return outcomes.declined(self.subscription, self.renewal, charge, self.order)
            self.complete()
            self.record_payment()
        except Exception:
            if self.unwritten:
                self._commit()  # what was found so far, for the run that resumes
            raise
        return outcomes.renewed(self.subscription, self.renewal, steps=self.unwritten)

    def _note(self, **fields) -> None:
        """What a step found, written with the outcome (or by `_commit`)."""
        for name, value in fields.items():
            setattr(self.renewal, name, value)
        self.unwritten |= fields

    def _commit(self, **fields) -> None:
        """Write what the steps found so far, and `fields`, in one statement under the lease."""
        self._note(**fields)
        if self.unwritten:
            lease.write(self.subscription, self.renewal, **self.unwritten, updated_at=timezone.now())
            self.unwritten = {}

    def place_order(self) -> bool:
        """scheduled → drafted: the order given (bulk), made by an earlier run, or drafted now."""
        if self.order is None and not self.new:  # a row made by this run has no order yet
            self.order = self.client.execute("OrderByReference", {"externalReference": self.renewal.external_reference})["order"]
        if self.order is None:
            variants = self._variants()
            lines = stocked_lines(self.subscription, self.renewal, variants, self.today, bool(self.one_time_ids))
            if lines is None:
                return False
            self.order = self._draft(lines)
            self.stock.take(lines)
        if self.order["status"] == "CANCELED":
            raise RenewalProblem("order_cancelled", number=self.order["number"])
        total = from_saleor(self.order["total"]["gross"]["amount"], self.subscription.currency)
        state = self.renewal.state
        if state == Renewal.State.SCHEDULED:
            paying = self.card and self.order.get("chargeStatus") not in PAID and not self.renewal.payment_intent_id
            state = Renewal.State.CHARGING if paying else Renewal.State.DRAFTED
        self._note(saleor_order_id=self.order["id"], saleor_order_number=self.order["number"], amount=total, state=state)
        if not self.card or self.one_time_ids:
            self._commit()  # payment webhooks, and customers' one-time items, look the order up by its id
        return True

    def _variants(self) -> dict[str, Variant]:
        """Stock and channel list price of every variant the cycle ships, one-time items included."""
        subscription, claim = self.subscription, self.claim
        ids = cycle_variant_ids(subscription, self.renewal.cycle)
        if claim is not None and claim.renewals.get(subscription.pk) is self.renewal:
            self.one_time_ids = claim.one_time_ids[subscription.pk]
        else:
            self.one_time_ids = one_time.variant_ids(subscription, self.renewal)
        asked = ids | self.one_time_ids
        self.stock = (claim.stock(subscription, asked) if claim is not None
                      else ChannelStock(self.client, subscription.channel_slug, subscription.currency, asked))
        check_sold(subscription, ids, self.stock.variants)
        prices.remember(subscription.installation_id, subscription.channel_slug, self.stock.variants)
        return self.stock.variants

    def _draft(self, lines: list[dict]) -> dict:
        subscription, renewal = self.subscription, self.renewal
        draft = {
            "channelId": subscription.channel_id, "user": subscription.customer_id, "userEmail": subscription.email,
            "lines": [{key: value for key, value in line.items() if key != "undiscountedPrice"} for line in lines],
            "externalReference": renewal.external_reference,
            "shippingAddress": address_input(subscription.shipping_address),
            "billingAddress": address_input(subscription.billing_address),
            "shippingMethod": subscription.shipping_method_id or None,
            "languageCode": saleor_language(subscription.language),
            "metadata": order_metadata(subscription, renewal),
        }
        try:
            return self.client.execute("DraftOrderCreate", {"input": draft})["draftOrderCreate"]["order"]
        except SaleorTransportError:
            raise  # the draft may exist: the next run finds it by its reference
        except SaleorMutationError as exc:
            if any(error.get("code") == "UNIQUE" and error.get("field") == "externalReference" for error in exc.errors):
                # made by a run whose record of it is gone (a restored database): that order is the cycle's
                found = self.client.execute("OrderByReference", {"externalReference": renewal.external_reference})["order"]
                if found is not None:
                    return found
            raise RenewalProblem("order_refused", detail=str(exc)) from None
        except SaleorError as exc:
            raise RenewalProblem("order_refused", detail=str(exc)) from None

    def charge(self) -> ChargeResult:
        """drafted → charging → charged: the cycle's one PaymentIntent, unless the order is paid already.

        Only a run whose own row is the cycle's knows no intent exists; any other looks among the customer's intents
        first (listing, unlike search, is consistent). A new intent is written, with the order, under the lease before
        it is confirmed: a worker whose lease was taken over meanwhile never confirms one the new holder cannot see."""
        paid = self._paid_in_saleor()
        if paid is not None:
            return paid
        method = saved_card(self.subscription)
        renewal, subscription = self.renewal, self.subscription
        try:
            client = stripe_api.plain_calls(subscription.installation)
        except stripe_api.StripeNotConfigured as exc:
            raise RenewalProblem("cards_unavailable", detail=str(exc)) from None
        if method.customer.account != stripe_api.access(subscription.installation).account_id:
            # a Stripe customer lives in one account: the shop changed accounts since the card was saved
            raise RenewalProblem("card_other_account")
        if renewal.state != Renewal.State.CHARGING:
            self._note(state=Renewal.State.CHARGING)
        try:
            charge = self._charge_once(renewal, subscription, method, client)
        except stripe.StripeError as exc:  # e.g. the customer or card deleted in Stripe: for operators, tried next run
            raise RenewalProblem("charge_refused", detail=str(exc.user_message or exc)) from None
        if charge.payment_intent_id:
            self._note(payment_intent_id=charge.payment_intent_id)
        if charge.outcome == Outcome.SUCCEEDED:
            self._note(state=Renewal.State.CHARGED)
        return charge

    def _charge_once(self, renewal: Renewal, subscription: Subscription, method, client) -> ChargeResult:
        return charge_once(
            key=renewal.external_reference, customer_id=method.customer.stripe_customer_id,
            payment_method_id=method.stripe_payment_method_id, amount=renewal.amount, currency=subscription.currency,
            attempt_key=renewal.idempotency_key(), known_intent_id=renewal.payment_intent_id,
            may_exist=not self.new,  # a row made by this run: no earlier run can have made an intent
            created_since=int(renewal.created_at.timestamp()) - 3600,  # no intent of the cycle is older than its row
            on_intent=lambda intent_id: self._commit(payment_intent_id=intent_id),  # the fence: no confirming once taken over
            metadata={"subscription": str(subscription.pk), "cycle": str(renewal.cycle), "saleor_order_id": self.order["id"],
                      **owner_metadata(subscription.installation)},
            client=client,  # the installation's own Stripe account
        )

    def _paid_in_saleor(self) -> ChargeResult | None:
        """An order Saleor counts as paid (by an earlier run, or by staff) is never charged again."""
        if self.order.get("chargeStatus") not in PAID:
            return None
        intent_id = self.renewal.payment_intent_id or next(
            (t["pspReference"] for t in self.order.get("transactions") or () if (t["pspReference"] or "").startswith("pi_")), "")
        self._note(payment_intent_id=intent_id, state=Renewal.State.CHARGED)
        return ChargeResult(Outcome.SUCCEEDED, intent_id, self.renewal.amount, self.subscription.currency)

    def complete(self) -> None:
        """charged → order_created: a draft becomes a real order (Saleor sends ORDER_CREATED inside this call)."""
        if self.order["status"] == "DRAFT":
            try:
                self.order = self.client.execute("DraftOrderComplete", {"id": self.order["id"]})["draftOrderComplete"]["order"]
            except SaleorMutationError as exc:  # e.g. no warehouse for the address holds the stock: retried next run
                raise RenewalProblem("order_not_completed", detail=str(exc)) from None
        self._note(state=Renewal.State.ORDER_CREATED)

    def record_payment(self) -> None:
        """The order's transaction: the charge made (card), or the amount pending (COD, bank transfer, konbini)."""
        subscription, renewal = self.subscription, self.renewal
        metadata = {"subscription": str(subscription.pk), "cycle": str(renewal.cycle)}
        if not self.card:
            self._commit()  # the completed order, before Saleor tells the app about its pending payment
            self._request_payment(metadata)
        elif renewal.payment_intent_id and not any(
                t["pspReference"] == renewal.payment_intent_id for t in self.order.get("transactions") or ()):
            # `self.order` is as Saleor answered in this run (found, made or completed): it lists a transaction recorded before
            record_charge(subscription.installation, order_id=self.order["id"], payment_method=subscription.payment_method,
                          charge=ChargeResult(Outcome.SUCCEEDED, renewal.payment_intent_id, renewal.amount, subscription.currency),
                          metadata=metadata, look_up=False)

    def _request_payment(self, metadata: dict) -> None:
        """Cash on delivery, bank transfer, konbini, a plug-in method: the order goes out unpaid with the amount pending.

        An order staff already marked paid in the Dashboard (in a crash window before the request) is not asked again."""
        subscription, renewal = self.subscription, self.renewal
        if self.order.get("chargeStatus") in PAID and not any(
                (t["pspReference"] or "").startswith(renewal.external_reference) for t in self.order.get("transactions") or ()):
            self._commit(payment_kind=subscription.payment_kind, paid_at=timezone.now())
            return
        try:
            provider_id = request_renewal_payment(
                subscription.installation, kind=subscription.payment_kind, order_id=self.order["id"], amount=renewal.amount,
                currency=subscription.currency, reference=renewal.external_reference, email=subscription.email,
                billing_address=subscription.billing_address, metadata=metadata)
        except UNREACHABLE:
            raise  # the run is resumed, the same keys find what was made
        except stripe.StripeError as exc:
            raise RenewalProblem("payment_not_started", method=subscription.payment_kind,
                                 detail=str(exc.user_message or exc)) from None
        self._commit(payment_kind=subscription.payment_kind, payment_requested_at=timezone.now(),
                     **({"payment_intent_id": provider_id} if provider_id else {}))
