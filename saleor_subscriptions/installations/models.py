"""One row per Saleor instance that installed the app (the SDK calls this store the APL)."""

import secrets

from django.conf import settings
from django.db import models

from ..config import LANGUAGES
from ..core.secrets import decrypt, encrypt
from .cancellation import default_reasons


def default_time_zone() -> str:
    return settings.TIME_ZONE


def default_language() -> str:
    return settings.LANGUAGE_CODE


def new_reference_key() -> str:
    return f"i{secrets.token_hex(4)}"


def new_portal_key() -> str:
    return secrets.token_urlsafe(9)


class InstallationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Installation(models.Model):
    saleor_api_url = models.CharField(max_length=2048, unique=True, help_text="normalised API URL")
    saleor_domain = models.CharField(max_length=255, blank=True)
    app_id = models.CharField(max_length=255, help_text="Saleor's App GID; changes on re-install")
    app_token_encrypted = models.TextField(blank=True)
    permissions = models.JSONField(default=list, blank=True, help_text="permissions actually granted")
    saleor_version = models.CharField(max_length=32, blank=True)
    jwks = models.JSONField(default=dict, blank=True)
    jwks_fetched_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    reference_key = models.CharField(
        max_length=16, blank=True, default=new_reference_key,
        help_text="in every renewal order's externalReference: a new database installed into the same Saleor never "
                  "takes an old database's orders for its own (rows from before it have none and keep their own id)")
    portal_key = models.CharField(
        max_length=16, unique=True, default=new_portal_key,
        help_text="names the installation in its customer portal's URLs (/portal/<key>/): stable, and not its row id, "
                  "so the shops of one deployment cannot be listed by counting")
    installed_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    uninstalled_at = models.DateTimeField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default=default_time_zone)
    default_language = models.CharField(max_length=8, choices=LANGUAGES, default=default_language)
    change_cutoff_days = models.PositiveSmallIntegerField(
        default=7, help_text="customers may skip, change or cancel a delivery until this many days before it"
    )
    payment_methods = models.JSONField(
        default=dict, blank=True,
        help_text="per channel slug: the methods offered, e.g. {'jp': ['card', 'konbini', 'cod']}; unlisted: card",
    )
    order_lead_days = models.PositiveSmallIntegerField(
        default=0, help_text="create each renewal order this many days before its delivery date"
    )
    renewal_window_start_hour = models.PositiveSmallIntegerField(
        default=9, help_text="local hour at which the day's renewals start being charged and ordered"
    )
    renewal_window_hours = models.PositiveSmallIntegerField(
        default=6, help_text="the day's renewals are spread over this many hours (0: all at the start hour)"
    )
    closed_weekdays = models.JSONField(
        default=list, blank=True, help_text="weekdays without deliveries (Monday = 0), e.g. [6] for Sundays"
    )
    retry_offsets_days = models.JSONField(
        default=list, blank=True, help_text="days after a failed renewal to charge again; empty: [7, 14]"
    )
    renewal_orders = models.CharField(
        max_length=8, choices=(("draft", "draft"), ("bulk", "bulk")), default="draft",
        help_text="draft: each renewal is a completed draft order (every order webhook fires); "
        "bulk: orderBulkCreate, 50 per call (only ORDER_BULK_CREATED fires)",
    )
    after_last_retry = models.CharField(
        max_length=8, choices=(("cancel", "cancel"), ("pause", "pause")), default="cancel",
        help_text="what happens to a subscription whose last retry failed",
    )
    sender_name = models.CharField(max_length=200, blank=True, help_text="the shop's name, in every mail")
    sender_address = models.CharField(max_length=500, blank=True, help_text="postal address, in every mail")
    sender_email = models.EmailField(blank=True, help_text="From: address; empty: DEFAULT_FROM_EMAIL")
    merchant_email = models.EmailField(blank=True, help_text="where billing results are reported to the merchant")
    merchant_notifications = models.CharField(
        max_length=8, choices=(("each", "each"), ("daily", "daily"), ("off", "off")), default="daily",
        help_text="billing results: a mail per result, a daily digest, or none",
    )
    reminder_days = models.PositiveSmallIntegerField(
        default=3, help_text="remind customers this many days before a renewal (0: no reminder)"
    )
    bank_transfer_details = models.JSONField(
        default=dict, blank=True, help_text="per language: the account to pay into, for bank-transfer mails"
    )
    invoice_message = models.JSONField(
        default=dict, blank=True, help_text="per language: the shop's free message printed on invoices, e.g. a coupon"
    )
    invoice_registration_number = models.CharField(
        max_length=14, blank=True, default="", help_text="適格請求書発行事業者登録番号 (T and 13 digits), printed on invoices"
    )
    bank_transfer_via_stripe = models.JSONField(
        default=list, blank=True,
        help_text="channel slugs (JPY) whose bank-transfer renewals are paid into each customer's Stripe virtual account "
                  "and reconciled by Stripe; other channels: the account above, confirmed by staff",
    )
    cancellation_method = models.JSONField(
        default=dict, blank=True, help_text="per language: where customers cancel, e.g. {'ja': 'マイページ'}"
    )
    cancellation_reasons = models.JSONField(
        default=default_reasons, blank=True,
        help_text="what customers choose from when they cancel: code, labels per language, the offer shown (or none)",
    )
    offer_cooldown_days = models.PositiveSmallIntegerField(
        default=180, help_text="each kind of cancellation offer is shown to a subscription at most once in this many days"
    )

    mail_templates_version = models.PositiveIntegerField(
        default=0, help_text="counts saves of the shop's own mail templates (0: none ever): processes compare it with "
                             "the templates they remember"
    )

    objects = InstallationQuerySet.as_manager()

    def __str__(self):
        return self.saleor_api_url

    @property
    def app_token(self) -> str:
        return decrypt(self.app_token_encrypted) if self.app_token_encrypted else ""

    @app_token.setter
    def app_token(self, value: str):
        self.app_token_encrypted = encrypt(value) if value else ""


class ClosedDay(models.Model):
    """A day without deliveries (a carrier holiday, New Year): deliveries move to the next open day."""

    installation = models.ForeignKey(Installation, on_delete=models.CASCADE, related_name="closed_days")
    date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=("installation", "date"), name="closed_day_once")]

    def __str__(self):
        return f"{self.date} {self.reason}".strip()
