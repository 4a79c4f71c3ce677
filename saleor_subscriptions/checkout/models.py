"""A lease on one Saleor checkout: our changes to it run one at a time, with no transaction held meanwhile."""

from django.db import models


class CheckoutLock(models.Model):
    installation = models.ForeignKey("saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="+")
    checkout_id = models.CharField(max_length=255, help_text="Saleor Checkout GID")
    holder = models.CharField(max_length=32, help_text="the request holding it")
    expires_at = models.DateTimeField(help_text="after this, another request may take it over")

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "checkout_id"), name="one_lock_per_checkout")]

    def __str__(self):
        return f"{self.checkout_id} until {self.expires_at:%H:%M:%S}"
