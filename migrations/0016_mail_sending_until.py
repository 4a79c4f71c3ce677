from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0015_checkout_lock'),
    ]

    operations = [
        migrations.AddField(
            model_name='maillog',
            name='sending_until',
            field=models.DateTimeField(blank=True, help_text='a sender holds the mail until then', null=True),
        ),
    ]
