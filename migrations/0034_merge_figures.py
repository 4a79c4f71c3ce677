# The figures' tables (figures-revenue) and indexes (figures-cohorts) were made side by side from 0031.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('saleor_subscriptions', '0032_figure_days'),
        ('saleor_subscriptions', '0033_figures_indexes'),
    ]

    operations = []
