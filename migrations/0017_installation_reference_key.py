from django.db import migrations, models

import saleor_subscriptions.installations.models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0016_mail_sending_until'),
    ]

    operations = [
        # installations from before keep "" (their renewal orders keep `sub-<id>-…`); new ones get a key
        migrations.AddField(
            model_name='installation',
            name='reference_key',
            field=models.CharField(blank=True, default='', max_length=16),
        ),
        migrations.AlterField(
            model_name='installation',
            name='reference_key',
            field=models.CharField(blank=True, default=saleor_subscriptions.installations.models.new_reference_key, help_text="in every renewal order's externalReference: a new database installed into the same Saleor never takes an old database's orders for its own (rows from before it have none and keep their own id)", max_length=16),
        ),
    ]
