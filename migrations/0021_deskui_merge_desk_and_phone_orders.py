"""Joins the desk's and the phone orders' migrations (made in parallel); nothing to change."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("saleor_subscriptions", "0020_deskapi_desk"),
        ("saleor_subscriptions", "0019_entry_phone_orders"),
    ]
    operations = []
