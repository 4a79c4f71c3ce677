"""One phone/FAX order per idempotency key: what it made in Saleor and Stripe, and its answer."""

from django.db import models


class PhoneOrder(models.Model):
    class State(models.TextChoices):
        PLACING = "placing"  # steps below are recorded as they happen: a retry resumes, a refusal undoes them
        PLACED = "placed"
        REFUSED = "refused"

    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+")
    idempotency_key = models.CharField(max_length=255)
    request = models.JSONField(help_text="the order as entered: the same key must come with the same order")
    staff = models.CharField(max_length=255, help_text="the staff user's e-mail")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PLACING)
    customer_id = models.CharField(max_length=255, blank=True)
    customer_created = models.BooleanField(default=False, help_text="created by this order: deleted if it is refused")
    order_id = models.CharField(max_length=255, blank=True)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    charged = models.BooleanField(default=False)
    result = models.JSONField(null=True, blank=True, help_text="the answer, repeated for the same key")
    lease_until = models.DateTimeField(null=True, blank=True, help_text="a request is placing it until then")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "idempotency_key"), name="phone_order_once")]

    def __str__(self):
        return f"phone order {self.idempotency_key} ({self.state})"

    @property
    def external_reference(self) -> str:
        """The Saleor order's unique reference (a retry finds the order by it) and the charge's key."""
        return f"phone-{self.installation.reference_key or self.installation_id}-{self.pk}"
