"""References to what Stripe holds; never card data (Stripe keeps the card, we keep its id)."""

from django.db import models


class StripeCustomer(models.Model):
    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="stripe_customers"
    )
    saleor_user_id = models.CharField(max_length=255, help_text="Saleor User GID")
    email = models.EmailField(blank=True)
    stripe_customer_id = models.CharField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("installation", "saleor_user_id"), name="stripe_customer_once")
        ]

    def __str__(self):
        return self.stripe_customer_id


class PaymentMethod(models.Model):
    customer = models.ForeignKey(StripeCustomer, on_delete=models.CASCADE, related_name="payment_methods")
    stripe_payment_method_id = models.CharField(max_length=255, unique=True)
    brand = models.CharField(max_length=32, blank=True)
    last4 = models.CharField(max_length=4, blank=True)
    exp_month = models.PositiveSmallIntegerField(null=True, blank=True)
    exp_year = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.brand.title()} •••• {self.last4}"  # as customers see it: "Visa •••• 4242"


class StripeEvent(models.Model):
    """Every verified Stripe webhook event, once (Stripe re-sends until it gets a 2xx)."""

    class Status(models.TextChoices):
        PROCESSED = "processed"
        IGNORED = "ignored"
        FAILED = "failed"

    stripe_event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.type} {self.stripe_event_id} ({self.status})"


class PaymentInstructions(models.Model):
    """How a customer pays at a convenience store (konbini): what the e-mails must tell them."""

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="payment_instructions"
    )
    saleor_transaction_id = models.CharField(max_length=255, unique=True)
    method = models.CharField(max_length=32)
    payment_intent_id = models.CharField(max_length=255)
    amount = models.DecimalField(max_digits=14, decimal_places=3)
    currency = models.CharField(max_length=3)
    stores = models.JSONField(help_text="per chain: confirmation number and payment code")
    voucher_url = models.URLField(max_length=2048)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.method} {self.payment_intent_id} until {self.expires_at:%Y-%m-%d}"
