from django.db import models


class ThrottleCount(models.Model):
    """Requests counted per scope, key (hashed) and fixed window: shared by every process through the database."""

    scope = models.CharField(max_length=32)
    key = models.CharField(max_length=64, help_text="sha256 of the IP, address or customer: no personal data kept")
    window_start = models.BigIntegerField(help_text="window start, seconds since the epoch")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        app_label = "saleor_subscriptions"
        constraints = [models.UniqueConstraint(fields=["scope", "key", "window_start"], name="throttle_count_unique")]
        indexes = [models.Index(fields=["window_start"], name="throttle_count_window")]
