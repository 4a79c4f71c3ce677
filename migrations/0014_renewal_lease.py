from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0013_renewal_orders'),
    ]

    operations = [
        migrations.AddField(
            model_name='subscription',
            name='lease_owner',
            field=models.CharField(blank=True, help_text='the renewal worker holding this subscription', max_length=64),
        ),
        migrations.AddField(
            model_name='subscription',
            name='lease_until',
            field=models.DateTimeField(blank=True, help_text='after this, another worker may take it over', null=True),
        ),
        migrations.AlterField(
            model_name='renewal',
            name='state',
            field=models.CharField(choices=[('scheduled', 'Scheduled'), ('drafted', 'Drafted'), ('charging', 'Charging'), ('charged', 'Charged'), ('order_created', 'Order Created'), ('done', 'Done'), ('failed', 'Failed'), ('retry_scheduled', 'Retry Scheduled'), ('skipped', 'Skipped')], default='scheduled', max_length=16),
        ),
    ]
