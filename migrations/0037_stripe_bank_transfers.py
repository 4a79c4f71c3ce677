"""Bank transfers reconciled by Stripe: the channels that use them, and each renewal's virtual account and receipts."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0036_figures_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='installation',
            name='bank_transfer_via_stripe',
            field=models.JSONField(blank=True, default=list, help_text="channel slugs (JPY) whose bank-transfer renewals are paid into each customer's Stripe virtual account and reconciled by Stripe; other channels: the account above, confirmed by staff"),
        ),
        migrations.AlterField(
            model_name='paymentinstructions',
            name='expires_at',
            field=models.DateTimeField(blank=True, help_text='empty: no deadline (a bank transfer)', null=True),
        ),
        migrations.AddField(
            model_name='paymentinstructions',
            name='bank_account',
            field=models.JSONField(blank=True, default=dict, help_text="bank transfer: the customer's virtual account (zengin), as Stripe gave it"),
        ),
        migrations.AddField(
            model_name='paymentinstructions',
            name='funded',
            field=models.JSONField(blank=True, default=list, help_text='bank transfer: each amount received so far (minor units) Stripe reported, ascending'),
        ),
    ]
