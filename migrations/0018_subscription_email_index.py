import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0017_installation_reference_key'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='subscription',
            index=models.Index(django.db.models.functions.text.Lower('email'), models.F('installation'), name='subscription_email'),
        ),
    ]
