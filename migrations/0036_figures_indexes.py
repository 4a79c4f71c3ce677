"""Indexes for the cohort, trial and dunning figures: a channel's start months, and renewals by due date; the first
order's amount of each subscription (its revenue before the renewals)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0035_figure_days'),
    ]

    operations = [
        migrations.AddField(
            model_name='subscription',
            name='first_order_amount',
            field=models.DecimalField(blank=True, decimal_places=3, help_text='its lines in the order that started it (gross; null: not recorded)', max_digits=14, null=True),
        ),
        migrations.AddIndex(
            model_name='renewal',
            index=models.Index(fields=['scheduled_for'], name='renewal_due_date'),
        ),
        migrations.AddIndex(
            model_name='subscription',
            index=models.Index(fields=['installation', 'channel_slug', 'started_on'],
                               include=('currency', 'deliveries', 'status', 'plan', 'first_order_amount'), name='subscription_cohort'),
        ),
    ]
