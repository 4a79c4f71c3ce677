"""Step-mail funnels: buyers of a (trial) product get timed mails offering a subscription."""

from django.db import models


class Funnel(models.Model):
    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="funnels"
    )
    name = models.CharField(max_length=200)
    trigger_product_id = models.CharField(max_length=255, help_text="Saleor Product GID bought one-time (e.g. a trial set)")
    target_plan = models.ForeignKey("saleor_subscriptions.Plan", on_delete=models.PROTECT, related_name="funnels")
    target_variant_id = models.CharField(max_length=255, help_text="the variant the offer subscribes to")
    offer_percent_off = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True,
                                            help_text="discount on every delivery for buyers who convert by the link")
    voucher_code = models.CharField(max_length=255, blank=True, help_text="or a Saleor voucher code shown in the mails")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class FunnelStep(models.Model):
    funnel = models.ForeignKey(Funnel, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    delay_days = models.PositiveSmallIntegerField(help_text="days after the purchase")
    texts = models.JSONField(help_text="per language: {'subject': …, 'body': …}")

    class Meta:
        ordering = ("funnel", "position")
        constraints = [models.UniqueConstraint(fields=("funnel", "position"), name="funnel_step_once")]


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active"
        CONVERTED = "converted"
        UNSUBSCRIBED = "unsubscribed"
        FINISHED = "finished"  # every step sent; the offer link still works until it expires

    funnel = models.ForeignKey(Funnel, on_delete=models.CASCADE, related_name="enrolments")
    customer_id = models.CharField(max_length=255, help_text="Saleor User GID")
    email = models.EmailField()
    language = models.CharField(max_length=8)
    order_id = models.CharField(max_length=255, help_text="the purchase that enrolled the customer")
    channel_id = models.CharField(max_length=255)
    channel_slug = models.CharField(max_length=255)
    currency = models.CharField(max_length=3)
    shipping_address = models.JSONField(null=True, blank=True)
    billing_address = models.JSONField(null=True, blank=True)
    shipping_method_id = models.CharField(max_length=255, blank=True)
    purchased_on = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    steps_sent = models.PositiveSmallIntegerField(default=0)
    next_step_on = models.DateField(null=True, blank=True, help_text="when the next step is due (indexed for beat)")
    converted_step = models.PositiveSmallIntegerField(null=True, blank=True)
    subscription = models.ForeignKey("saleor_subscriptions.Subscription", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("funnel", "customer_id"), name="enrolment_once")]
        indexes = [models.Index(fields=("status", "next_step_on"), name="enrolment_due")]


class FunnelSend(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="sends")
    position = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("enrolment", "position"), name="funnel_send_once")]
