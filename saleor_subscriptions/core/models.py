"""The append-only event log: who did what, when, to which installation or subscription."""

from django.db import models
from django.db.models.signals import post_save

from . import rows


class Event(models.Model):
    class Actor(models.TextChoices):
        SYSTEM = "system"
        SALEOR = "saleor"
        STAFF = "staff"
        CUSTOMER = "customer"
        APP = "app"

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="events"
    )
    type = models.CharField(max_length=64)
    actor = models.CharField(max_length=16, choices=Actor.choices, default=Actor.SYSTEM)
    actor_id = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("created_at", "id")

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("events are append-only")

    def __str__(self):
        return f"{self.type} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M:%S}"


def record_event(installation, type, *, actor=Event.Actor.SYSTEM, actor_id="", **data):
    """Append an event: one `INSERT` (the ORM's `create` built its query anew for each of a renewal's events), then
    `post_save` as `create` sends it (mails are queued from it)."""
    event = Event(installation=installation, type=type, actor=actor, actor_id=actor_id, data=data)
    rows.insert([event])
    post_save.send(sender=Event, instance=event, created=True, update_fields=None, raw=False, using=event._state.db)
    return event
