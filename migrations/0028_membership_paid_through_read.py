"""A renewing membership is paid through its subscription's next renewal date, read with it: the copy goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("saleor_subscriptions", "0027_renewable_index")]

    operations = [migrations.RemoveField(model_name="membership", name="paid_through")]
