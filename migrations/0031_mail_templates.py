"""The shop's own mail templates, a version per save; the installation counts its saves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0030_stripe_accounts'),
    ]

    operations = [
        migrations.AddField(
            model_name='installation',
            name='mail_templates_version',
            field=models.PositiveIntegerField(default=0, help_text="counts saves of the shop's own mail templates (0: none ever): processes compare it with the templates they remember"),
        ),
        migrations.CreateModel(
            name='MailTemplateVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(help_text='the mail, e.g. renewal_placed', max_length=64)),
                ('language', models.CharField(max_length=8)),
                ('number', models.PositiveIntegerField(help_text='1, 2, … per installation, kind and language')),
                ('is_default', models.BooleanField(default=False, help_text='a reset: no override from this version on')),
                ('subject', models.TextField(blank=True)),
                ('text', models.TextField(blank=True)),
                ('html', models.TextField(blank=True)),
                ('actor_id', models.CharField(blank=True, help_text='the staff user who saved it', max_length=255)),
                ('actor_email', models.CharField(blank=True, max_length=255)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('installation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='mail_template_versions', to='saleor_subscriptions.installation')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('installation', 'kind', 'language', 'number'), name='mail_template_version_once')],
            },
        ),
    ]
