from django.db import models


class UsedSignInLink(models.Model):
    """The nonce of a sign-in link once used: a second use is refused (rows are dropped after the link's lifetime)."""

    nonce = models.CharField(max_length=32, unique=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        app_label = "saleor_subscriptions"
