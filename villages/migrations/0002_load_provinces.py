from django.db import migrations

from villages.provinces import PROVINCES


def load_provinces(apps, schema_editor):
    Province = apps.get_model("villages", "Province")
    for code, name, name_zh in PROVINCES:
        Province.objects.update_or_create(code=code, defaults={"name": name, "name_zh": name_zh})


def unload_provinces(apps, schema_editor):
    apps.get_model("villages", "Province").objects.filter(code__in=[code for code, _, _ in PROVINCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("villages", "0001_initial")]

    operations = [migrations.RunPython(load_provinces, unload_provinces)]
