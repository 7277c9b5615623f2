from django.db import migrations

from villages.divisions import divisions_load


def load(apps, schema_editor):
    divisions_load(apps)


class Migration(migrations.Migration):
    dependencies = [("villages", "0003_address_book")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
