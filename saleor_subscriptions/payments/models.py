"""References to what Stripe holds; never card data (Stripe keeps the card, we keep its id)."""

from django.db import models

from ..core.secrets import decrypt, encrypt


class StripeAccount(models.Model):
    """The Stripe account an installation is paid into, instead of the deployment's (`STRIPE_*` environment).

    Either its own keys (kept encrypted) or a Connect account id under the platform's key. Secrets are never
    shown again: the page sees their last four characters.
    """

    installation = models.OneToOneField(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="stripe_account"
    )
    secret_key_encrypted = models.TextField(blank=True)
    webhook_secret_encrypted = models.TextField(blank=True)
    publishable_key = models.CharField(max_length=255, blank=True, help_text="public by design: given to browsers")
    connected_account = models.CharField(max_length=255, blank=True, help_text="acct_…: a Connect account of the platform")
    account_id = models.CharField(max_length=255, help_text="acct_… as Stripe answered when the keys were checked")
    account_name = models.CharField(max_length=255, blank=True)
    livemode = models.BooleanField(default=False)
    secret_key_last4 = models.CharField(max_length=4, blank=True)
    webhook_secret_last4 = models.CharField(max_length=4, blank=True)
    checked_at = models.DateTimeField()

    def __str__(self):
        return f"{self.account_id} ({'live' if self.livemode else 'test'})"

    @property
    def secret_key(self) -> str:
        return decrypt(self.secret_key_encrypted) if self.secret_key_encrypted else ""

    @secret_key.setter
    def secret_key(self, value: str):
        self.secret_key_encrypted, self.secret_key_last4 = (encrypt(value), value[-4:]) if value else ("", "")

    @property
    def webhook_secret(self) -> str:
        return decrypt(self.webhook_secret_encrypted) if self.webhook_secret_encrypted else ""

    @webhook_secret.setter
    def webhook_secret(self, value: str):
        self.webhook_secret_encrypted, self.webhook_secret_last4 = (encrypt(value), value[-4:]) if value else ("", "")


class StripeCustomer(models.Model):
    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="stripe_customers"
    )
    saleor_user_id = models.CharField(max_length=255, help_text="Saleor User GID")
    email = models.EmailField(blank=True)
    stripe_customer_id = models.CharField(max_length=255, unique=True)
    account = models.CharField(max_length=255, blank=True,
                               help_text="the Stripe account the customer lives in (acct_…); empty: the environment's")
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
    setup_intent_id = models.CharField(max_length=255, blank=True, db_index=True,
                                       help_text="seti_…: the checkout SetupIntent that saved it (nothing was due then)")

    def __str__(self):
        return f"{self.brand.title()} •••• {self.last4}"  # as customers see it: "Visa •••• 4242"


class StripeEvent(models.Model):
    """Every verified Stripe webhook event, once (Stripe re-sends until it gets a 2xx)."""

    class Status(models.TextChoices):
        PROCESSED = "processed"
        IGNORED = "ignored"
        FAILED = "failed"

    stripe_event_id = models.CharField(max_length=255)
    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, null=True, blank=True, related_name="stripe_events",
        help_text="whose own endpoint received it; empty: the deployment's endpoint (the environment's secret)")
    type = models.CharField(max_length=100)
    payload = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # once per endpoint: a shop signs its own endpoint's events, so it must not use up another's event ids
        constraints = [
            models.UniqueConstraint(fields=("installation", "stripe_event_id"), name="stripe_event_once_per_shop",
                                    condition=models.Q(installation__isnull=False)),
            models.UniqueConstraint(fields=("stripe_event_id",), name="stripe_event_once",
                                    condition=models.Q(installation__isnull=True)),
        ]

    def __str__(self):
        return f"{self.type} {self.stripe_event_id} ({self.status})"


class PaymentInstructions(models.Model):
    """How a customer pays at a convenience store (konbini) or into their Stripe virtual account: what the e-mails
    must tell them."""

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
    expires_at = models.DateTimeField(null=True, blank=True, help_text="empty: no deadline (a bank transfer)")
    created_at = models.DateTimeField(auto_now_add=True)
    bank_account = models.JSONField(default=dict, blank=True,
                                    help_text="bank transfer: the customer's virtual account (zengin), as Stripe gave it")
    funded = models.JSONField(default=list, blank=True,
                              help_text="bank transfer: each amount received so far (minor units) Stripe reported, ascending")

    def __str__(self):
        return f"{self.method} {self.payment_intent_id}" + (f" until {self.expires_at:%Y-%m-%d}" if self.expires_at else "")
