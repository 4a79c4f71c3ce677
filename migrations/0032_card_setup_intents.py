"""A card saved at a checkout with nothing due remembers its SetupIntent: the order's subscription finds it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0031_mail_templates'),
    ]

    operations = [
        migrations.AddField(
            model_name='paymentmethod',
            name='setup_intent_id',
            field=models.CharField(blank=True, db_index=True, help_text='seti_…: the checkout SetupIntent that saved it (nothing was due then)', max_length=255),
        ),
    ]
