"""The figures' own tables, kept up to date incrementally by `snapshots.refresh` (never read from Saleor).

`SubscriptionFigure` is what each subscription last counted as (its state and monthly value); a change
of either is added once to that day's `FigureDay` row, which the period figures add up; `FigureForecast`
holds each subscription's coming deliveries with their prices for the next `forecast.AHEAD` days.
"""

from django.db import models


class FigureCursor(models.Model):
    """How far an installation's subscriptions were read: those saved since are read again."""

    installation = models.OneToOneField("saleor_subscriptions.Installation", on_delete=models.CASCADE, primary_key=True,
                                        related_name="+")
    read_until = models.DateTimeField(null=True, blank=True, help_text="the latest `updated_at` read")
    read_id = models.BigIntegerField(null=True, blank=True,
                                     help_text="a run stopped at its limit: the last subscription read at read_until")


class SubscriptionFigure(models.Model):
    class State(models.TextChoices):
        TRIAL = "trial"  # trialing: counted as active, its value apart (trial MRR)
        PAYING = "paying"  # active or past due: counted in MRR
        PAUSED = "paused"
        ENDED = "ended"  # cancelled or completed

    subscription = models.OneToOneField("saleor_subscriptions.Subscription", on_delete=models.CASCADE, primary_key=True,
                                        related_name="+")
    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)  # figure_state leads with it
    channel_slug = models.CharField(max_length=255)
    currency = models.CharField(max_length=3)
    customer_id = models.CharField(max_length=255)
    state = models.CharField(max_length=8, choices=State.choices)
    mrr = models.DecimalField(max_digits=18, decimal_places=4, help_text="the coming regular delivery, a month's worth, "
                                                                           "after the subscriber's discounts")
    discount = models.DecimalField(max_digits=18, decimal_places=4, default=0, help_text="a month's worth of discounts")
    priced = models.BooleanField(default=True, help_text="false: a %-off plan whose list price was never seen")
    forecast_until = models.DateField(null=True, blank=True, help_text="its FigureForecast rows reach this day")

    class Meta:
        indexes = [models.Index(fields=("installation", "channel_slug", "state"), name="figure_state"),
                   models.Index(fields=("installation", "forecast_until"), name="figure_forecast_until",
                                condition=~models.Q(state="ended"))]


class FigureDay(models.Model):
    """The movements of one kind (and reason) in a channel on a day in the shop's time zone, added up.

    `snapshots.refresh` adds to these rows as it finds changes; the period figures sum a few hundred of
    them, however many subscriptions there are.
    """

    class Kind(models.TextChoices):
        NEW = "new"
        CONVERTED = "converted"  # trial → paying: new MRR, not a new subscription
        EXPANSION = "expansion"
        CONTRACTION = "contraction"
        PAUSED = "paused"
        REACTIVATED = "reactivated"
        CHURNED_VOLUNTARY = "churned_voluntary"
        CHURNED_INVOLUNTARY = "churned_involuntary"
        COMPLETED = "completed"  # a fixed course or billing limit reached its end

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)  # figure_day_once leads with it
    channel_slug = models.CharField(max_length=255)
    currency = models.CharField(max_length=3)
    on = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.CharField(max_length=32, blank=True, help_text="voluntary churn: the cancellation reason's code")
    subscriptions = models.IntegerField(default=0, help_text="how many movements")
    active = models.IntegerField(default=0, help_text="their change of the count of active subscriptions")
    mrr = models.DecimalField(max_digits=20, decimal_places=4, default=0, help_text="their signed change of MRR")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "channel_slug", "on", "kind", "reason"),
                                               name="figure_day_once")]


class FigureForecast(models.Model):
    """A coming delivery of a subscription and what it will charge (lines only, before shipping and taxes)."""

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)
    subscription = models.ForeignKey("saleor_subscriptions.Subscription", on_delete=models.CASCADE, related_name="+")
    channel_slug = models.CharField(max_length=255)
    on = models.DateField()
    amount = models.DecimalField(max_digits=18, decimal_places=3)

    class Meta:
        indexes = [models.Index(fields=("installation", "channel_slug", "on"), name="figure_forecast_day", include=("amount",))]


class VariantPrice(models.Model):
    """A variant's list price in a channel as the last renewal read it: %-off plans are valued from it."""

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+",
                                     db_index=False)
    channel_slug = models.CharField(max_length=255)
    variant_id = models.CharField(max_length=255)
    amount = models.DecimalField(max_digits=14, decimal_places=3)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "channel_slug", "variant_id"), name="variant_price_once")]
