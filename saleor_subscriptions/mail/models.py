"""Every mail the app sends (what, to whom, whether it went), and addresses opted out of marketing."""

from django.db import models
from django.db.models import Exists, OuterRef


class MailLog(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        SENT = "sent"
        FAILED = "failed"

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="mails"
    )
    key = models.CharField(max_length=255, help_text="one mail per key, ever: a redelivered event sends nothing")
    kind = models.CharField(max_length=64, help_text="the template's event, e.g. payment_failed")
    to = models.EmailField()
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=998)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    subscription_id = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sending_until = models.DateTimeField(null=True, blank=True, help_text="a sender holds the mail until then")
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "key"), name="mail_once_per_key")]
        indexes = [models.Index(fields=("status", "next_attempt_at"), name="mail_retry")]

    def __str__(self):
        return f"{self.kind} to {self.to} ({self.status})"


class MailOptOut(models.Model):
    """An address that asked for no more marketing mail (step mails); honoured from the moment it is saved."""

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="mail_opt_outs"
    )
    email = models.EmailField(help_text="lower-cased")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "email"), name="opt_out_once")]

    def __str__(self):
        return self.email


class MailTemplateVersion(models.Model):
    """One save of an installation's own template for a mail kind and language; the latest is in use.

    A reset is a version without texts (`is_default`): the mail goes back to the deployment's templates.
    """

    installation = models.ForeignKey(
        "saleor_subscriptions.Installation", on_delete=models.CASCADE, related_name="mail_template_versions"
    )
    kind = models.CharField(max_length=64, help_text="the mail, e.g. renewal_placed")
    language = models.CharField(max_length=8)
    number = models.PositiveIntegerField(help_text="1, 2, … per installation, kind and language")
    is_default = models.BooleanField(default=False, help_text="a reset: no override from this version on")
    subject = models.TextField(blank=True)
    text = models.TextField(blank=True)
    html = models.TextField(blank=True)
    actor_id = models.CharField(max_length=255, blank=True, help_text="the staff user who saved it")
    actor_email = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "kind", "language", "number"),
                                               name="mail_template_version_once")]

    def __str__(self):
        return f"{self.kind}/{self.language} v{self.number}"


def latest_template_versions(installation):
    """The latest version of each kind and language the shop has saved (resets included), in one query (on SQLite
    too, which has no DISTINCT ON)."""
    newer = MailTemplateVersion.objects.filter(installation=OuterRef("installation"), kind=OuterRef("kind"),
                                               language=OuterRef("language"), number__gt=OuterRef("number"))
    return (MailTemplateVersion.objects.filter(installation=installation).exclude(Exists(newer))
            .order_by("kind", "language"))
