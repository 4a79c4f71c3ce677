"""A customer's subscription, its lines, and one `Renewal` per delivery cycle (the state machine)."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower, Mod

from ..core.money import quantize

SPREAD = 1000  # places in the renewal window: a subscription's is `id mod 1000` (renewals.engine.due)


class Subscription(models.Model):
    class Status(models.TextChoices):
        TRIALING = "trialing"
        ACTIVE = "active"
        PAUSED = "paused"
        PAST_DUE = "past_due"
        CANCELLED = "cancelled"
        COMPLETED = "completed"

    class Origin(models.TextChoices):
        STOREFRONT = "storefront"
        OPERATOR = "operator"
        API = "api"
        FUNNEL = "funnel"

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="subscriptions"
    )
    plan = models.ForeignKey("saleor_subscriptions.Plan", on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=16, choices=Status.choices)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.STOREFRONT)
    origin_order_id = models.CharField(max_length=255, help_text="the Saleor order that started it")
    customer_id = models.CharField(max_length=255, help_text="Saleor User GID")
    email = models.EmailField()
    channel_id = models.CharField(max_length=255, help_text="Saleor Channel GID")
    channel_slug = models.CharField(max_length=255)
    currency = models.CharField(max_length=3)
    language = models.CharField(max_length=8)
    payment_kind = models.CharField(max_length=16, help_text="card, konbini, cod or bank_transfer")
    payment_method = models.ForeignKey(
        "saleor_subscriptions.PaymentMethod", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shipping_address = models.JSONField(null=True, blank=True)
    billing_address = models.JSONField(null=True, blank=True)
    shipping_method_id = models.CharField(max_length=255, blank=True)
    started_on = models.DateField(help_text="the first delivery (the order), in the installation's time zone")
    first_order_amount = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True,
                                             help_text="its lines in the order that started it (gross; null: not recorded)")
    deliveries = models.PositiveIntegerField(default=1, help_text="deliveries made, the first included")
    skipped = models.PositiveIntegerField(default=0, help_text="schedule slots skipped: dates stay on the plan's rhythm")
    schedule_anchor_on = models.DateField(null=True, blank=True,
                                          help_text="where dates count from after an interval change (else started_on)")
    schedule_anchor_slot = models.PositiveIntegerField(default=1, help_text="the schedule slot of schedule_anchor_on")
    next_renewal_on = models.DateField(null=True, blank=True)
    cancel_at_period_end = models.BooleanField(default=False)
    lease_owner = models.CharField(max_length=64, blank=True, help_text="the renewal worker holding this subscription")
    lease_until = models.DateTimeField(null=True, blank=True, help_text="after this, another worker may take it over")
    paused_until = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("installation", "origin_order_id", "plan"), name="subscription_per_order_plan")
        ]
        indexes = [models.Index(fields=("status", "next_renewal_on"), name="subscription_due"),
                   # renewal workers claim the next due rows in this order (renewals.engine.claimable)
                   models.Index("installation", "next_renewal_on", Mod("id", SPREAD), "id", name="subscription_renewable",
                                condition=models.Q(status__in=("trialing", "active", "past_due"))),
                   # the operators' search by e-mail, whatever its case
                   models.Index(Lower("email"), "installation", name="subscription_email"),
                   # the Dashboard's customer and order pages ask which subscriptions are theirs
                   models.Index(fields=("installation", "customer_id"), name="subscription_customer"),
                   models.Index(fields=("installation", "origin_order_id"), name="subscription_origin_order"),
                   # the figures read the subscriptions saved since their last run (figures.snapshots)
                   models.Index(fields=("installation", "updated_at"), name="subscription_updated"),
                   # the cohort and trial figures read a channel's start months from this index alone (figures/)
                   models.Index(fields=("installation", "channel_slug", "started_on"), name="subscription_cohort",
                                include=("currency", "deliveries", "status", "plan", "first_order_amount"))]

    def __str__(self):
        return f"#{self.pk} {self.plan.code} ({self.status})"


class SubscriptionSearchTerm(models.Model):
    """A name word or phone key of a subscription's addresses, for the operators' search (search_terms.py)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="search_terms")
    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=("installation", "term"), name="subscription_search_term",
                                opclasses=("int8_ops", "varchar_pattern_ops"))]


class SubscriptionLine(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="lines")
    variant_id = models.CharField(max_length=255)
    quantity = models.PositiveIntegerField()
    plan_version = models.ForeignKey("saleor_subscriptions.PlanVersion", on_delete=models.PROTECT, related_name="+")
    unit_price_override = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True,
                                              help_text="a per-subscriber price, set by staff")
    percent_off = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True,
                                      help_text="a discount on every delivery (a step-mail offer)")

    def __str__(self):
        return f"{self.quantity} × {self.variant_id}"


class OneTimeItem(models.Model):
    """A product added to the next delivery only, at the channel's price of the day it was added.

    Waiting while `renewal` is empty; a renewal takes it just before making its order (`renewals/one_time.py`),
    so the cycle's one order carries it once, and a skipped delivery leaves it for the next one that ships.
    """

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="one_time_items")
    variant_id = models.CharField(max_length=255)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=14, decimal_places=3, help_text="the channel's price when added (gross)")
    currency = models.CharField(max_length=3)
    product_name = models.CharField(max_length=255, blank=True, help_text="in the subscription's language, when added")
    variant_name = models.CharField(max_length=255, blank=True)
    renewal = models.ForeignKey("Renewal", on_delete=models.CASCADE, null=True, blank=True, related_name="one_time_items",
                                help_text="the delivery whose order carries it; empty while it waits for the next one")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.quantity} × {self.variant_id} (once)"

    @property
    def total(self):
        return quantize(self.unit_price * self.quantity, self.currency)


class Renewal(models.Model):
    """One delivery cycle: `scheduled → drafted → charging → charged → order_created → done`, or failed/skipped."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled"
        DRAFTED = "drafted"  # the draft order exists: Saleor computed the total to charge
        CHARGING = "charging"  # the cycle's PaymentIntent is being made (its id recorded once made) and confirmed
        CHARGED = "charged"
        ORDER_CREATED = "order_created"
        DONE = "done"
        FAILED = "failed"
        RETRY_SCHEDULED = "retry_scheduled"
        SKIPPED = "skipped"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="renewals")
    cycle = models.PositiveIntegerField(help_text="delivery number (2 = the first renewal)")
    state = models.CharField(max_length=16, choices=State.choices, default=State.SCHEDULED)
    scheduled_for = models.DateField()
    attempts = models.PositiveIntegerField(default=0)
    amount = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    saleor_order_id = models.CharField(max_length=255, blank=True)
    saleor_order_number = models.CharField(max_length=32, blank=True)
    decline_code = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)
    problem = models.JSONField(default=dict, blank=True,
                               help_text="the last problem's code, values and English (renewals/problems.py): its words per language")
    payment_kind = models.CharField(max_length=16, blank=True,
                                    help_text="the method (cod, bank_transfer, konbini, a plug-in's) when the order went out with the amount pending")
    paid_at = models.DateTimeField(null=True, blank=True, help_text="when a pending payment was confirmed")
    payment_requested_at = models.DateTimeField(null=True, blank=True,
                                                help_text="when the pending payment was requested (its deadline counts from it)")
    payment_reminded_at = models.DateTimeField(null=True, blank=True, help_text="when the customer was reminded of the deadline")
    payment_overdue_at = models.DateTimeField(null=True, blank=True, help_text="when the deadline passed unpaid (marked overdue)")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("subscription", "cycle"), name="renewal_once_per_cycle")]
        # the operators' search by order number
        indexes = [models.Index(fields=("saleor_order_number",), name="renewal_order_number",
                                condition=~models.Q(saleor_order_number="")),
                   # the list's "needs attention" (search.troubled)
                   models.Index(fields=("subscription",), name="renewal_troubled",
                                condition=models.Q(state__in=("failed", "retry_scheduled"))
                                | models.Q(last_error__startswith="waiting for stock")),
                   # the order page's widget and Saleor's order webhooks find a renewal by its order
                   models.Index(fields=("saleor_order_id",), name="renewal_saleor_order",
                                condition=~models.Q(saleor_order_id="")),
                   # the dunning figures read renewals by due date (figures/dunning.py)
                   models.Index(fields=("scheduled_for",), name="renewal_due_date")]

    def __str__(self):
        return f"subscription #{self.subscription_id} cycle {self.cycle} ({self.state})"

    @property
    def payment_status(self) -> str:
        return payment_status(self.state, self.payment_kind, self.paid_at, self.payment_intent_id)

    @property
    def external_reference(self) -> str:
        """Saleor keeps `externalReference` unique across orders: one order per cycle, ever."""
        installation = self.subscription.installation
        return f"sub-{installation.reference_key or installation.pk}-{self.subscription_id}-{self.cycle}"

    def idempotency_key(self) -> str:
        """One confirmation per attempt of a cycle; Stripe forgets keys after a day, so they only help."""
        return f"{self.external_reference}-attempt-{self.attempts}"


def payment_status(state: str, payment_kind: str, paid_at, payment_intent_id: str) -> str:
    """A renewal's: none (nothing to pay yet, or skipped), pending (the order awaits cash, a transfer or konbini), paid,
    failed. From its columns, so exports read it without making a model per row."""
    if state in (Renewal.State.FAILED, Renewal.State.RETRY_SCHEDULED):
        return "failed"
    if state not in (Renewal.State.CHARGED, Renewal.State.ORDER_CREATED, Renewal.State.DONE):
        return "none"
    if payment_kind and paid_at is None:
        return "pending"
    if state == Renewal.State.ORDER_CREATED and not payment_intent_id:
        return "none"  # the order is placed; its payment is being recorded
    return "paid"


class CancellationAttempt(models.Model):
    """A customer (or staff for them) set out to cancel: the reason given, the offer shown, and how it ended.

    An attempt nobody decided stays `abandoned`: the customer left the page, or is still on it.
    """

    class Outcome(models.TextChoices):
        ABANDONED = "abandoned"
        SAVED = "saved"  # the offer was accepted: the subscription goes on with the offered change
        CANCELLED = "cancelled"

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="cancellation_attempts")
    reason = models.CharField(max_length=32, help_text="the code of one of the installation's cancellation reasons")
    text = models.CharField(max_length=1000, blank=True, help_text="the customer's own words, if any")
    offer_kind = models.CharField(max_length=16, blank=True, help_text="skip, delay, longer_interval, percent_off; empty: none")
    offer = models.JSONField(default=dict, blank=True, help_text="the offer as shown, with its parameters")
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.ABANDONED)
    at_period_end = models.BooleanField(default=False, help_text="cancelled: at the end of the paid period")
    discount_first_cycle = models.PositiveIntegerField(null=True, blank=True,
                                                       help_text="a percent-off offer accepted: the first delivery it takes off")
    actor = models.CharField(max_length=16, default="customer")
    actor_id = models.CharField(max_length=255, blank=True)
    on = models.DateField(help_text="the day of the attempt in the installation's time zone (cooldowns, figures)")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=("installation", "on"), name="cancellation_attempt_day"),
                   models.Index(fields=("subscription", "offer_kind", "on"), name="cancellation_offer_shown")]

    def __str__(self):
        return f"subscription #{self.subscription_id}: {self.reason} ({self.outcome})"


class Membership(models.Model):
    """What one subscription makes its customer a member of, kept by `membership.refresh` on every save.

    `until` is when the membership ends (the start of its paid-through day in the shop's time zone);
    null while the subscription renews (it is paid through the subscription's next renewal date, read
    with it). Rows whose `until` passed are removed by the sweep.
    """

    subscription = models.OneToOneField(Subscription, on_delete=models.CASCADE, primary_key=True, related_name="membership")
    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)  # membership_customer leads with it
    customer_id = models.CharField(max_length=255, help_text="Saleor User GID")
    plan_code = models.CharField(max_length=64)
    product_id = models.CharField(max_length=255, help_text="Saleor Product GID")
    until = models.DateTimeField(null=True, blank=True, help_text="when the membership ends; null while it renews")

    class Meta:
        indexes = [models.Index(fields=("installation", "customer_id"), name="membership_customer"),
                   models.Index(fields=("until",), name="membership_until", condition=models.Q(until__isnull=False))]


class MemberSync(models.Model):
    """What we last wrote into a customer's Saleor metadata, and whether it is out of date (`dirty`)."""

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)  # member_sync_customer leads with it
    customer_id = models.CharField(max_length=255)
    written = models.TextField(null=True, blank=True, help_text="the value last written; null: never")
    version = models.PositiveIntegerField(default=0, help_text="bumped by every change; a write clears only its own")
    dirty = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "customer_id"), name="member_sync_customer")]
        indexes = [models.Index(fields=("updated_at",), name="member_sync_dirty", condition=models.Q(dirty=True))]


class OrderAwaitingCard(models.Model):
    """A ¥0 order completed before its SetupIntent saved the card: its subscriptions start once the card is saved
    (`subscriptions/awaiting_card.py`), or are refused when the setup ends without one or takes too long."""

    class Outcome(models.TextChoices):
        WAITING = "waiting"
        STARTED = "started"
        REFUSED = "refused"

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)  # order_awaiting_card leads with it
    order_id = models.CharField(max_length=255)
    setup_intent_id = models.CharField(max_length=255, db_index=True)
    order = models.JSONField(encoder=DjangoJSONEncoder,  # amounts (Decimal) kept as strings
                             help_text="the order webhook's payload, to start the subscriptions from")
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "order_id", "setup_intent_id"),
                                               name="order_awaiting_card")]
        indexes = [models.Index(fields=("created_at",), name="order_awaiting_card_open",
                                condition=models.Q(outcome="waiting"))]
