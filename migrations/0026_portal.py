import secrets

from django.db import migrations, models

import saleor_subscriptions.installations.models


def give_portal_keys(apps, schema_editor):
    Installation = apps.get_model("saleor_subscriptions", "Installation")
    for installation in Installation.objects.filter(portal_key__isnull=True):
        installation.portal_key = secrets.token_urlsafe(9)
        installation.save(update_fields=["portal_key"])


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0025_membership'),
    ]

    operations = [
        # each installation, old ones too, gets its own random key for its portal's URLs
        migrations.AddField(
            model_name='installation',
            name='portal_key',
            field=models.CharField(max_length=16, null=True),
        ),
        migrations.RunPython(give_portal_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='installation',
            name='portal_key',
            field=models.CharField(default=saleor_subscriptions.installations.models.new_portal_key, help_text="names the installation in its customer portal's URLs (/portal/<key>/): stable, and not its row id, so the shops of one deployment cannot be listed by counting", max_length=16, unique=True),
        ),
        migrations.CreateModel(
            name='UsedSignInLink',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('nonce', models.CharField(max_length=32, unique=True)),
                ('used_at', models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
        ),
    ]
