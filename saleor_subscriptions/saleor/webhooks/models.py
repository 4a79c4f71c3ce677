"""Every accepted Saleor webhook delivery, recorded once; its processing state lives here."""

from django.db import models


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received"
        PROCESSED = "processed"
        IGNORED = "ignored", "ignored (no handler)"
        FAILED = "failed"

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    event_type = models.CharField(max_length=64, help_text="Saleor-Event header, e.g. order_created")
    # Saleor re-sends the same payload bytes on a retry and every event carries its own issuedAt,
    # so the body's hash identifies a delivery.
    body_sha256 = models.CharField(max_length=64)
    body = models.TextField(help_text="the exact bytes Saleor signed (always ASCII)")
    issued_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("installation", "body_sha256"), name="webhook_delivery_once")
        ]
        indexes = [models.Index(fields=("status", "next_attempt_at"), name="webhook_delivery_due")]
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event_type} #{self.pk} ({self.status})"
