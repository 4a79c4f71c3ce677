"""The shop's free message on invoices, per language."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0033_pending_payment_deadlines'),
    ]

    operations = [
        migrations.AddField(
            model_name='installation',
            name='invoice_message',
            field=models.JSONField(blank=True, default=dict, help_text="per language: the shop's free message printed on invoices, e.g. a coupon"),
        ),
    ]
