"""Indexes for the cohort, trial and dunning figures: a channel's start months, and renewals by due date."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0031_mail_templates'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='renewal',
            index=models.Index(fields=['scheduled_for'], name='renewal_due_date'),
        ),
        migrations.AddIndex(
            model_name='subscription',
            index=models.Index(fields=['installation', 'channel_slug', 'started_on'],
                               include=('currency', 'deliveries', 'status', 'plan'), name='subscription_cohort'),
        ),
    ]
