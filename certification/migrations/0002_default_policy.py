import datetime

from django.db import migrations


def create_default_policy(apps, schema_editor):
    """Version 1: AliResearch's published criteria (10 M yuan, 100 active shops, 12 months)."""
    policy = apps.get_model("certification", "CertificationPolicy")
    if not policy.objects.exists():
        policy.objects.create(
            version=1,
            name="AliResearch default",
            effective_from=datetime.date(2020, 1, 1),
            note="Defaults of the platform rule: >= 10,000,000.00 yuan and >= 100 active shops over 12 months.",
        )


class Migration(migrations.Migration):
    dependencies = [("certification", "0001_initial")]

    operations = [migrations.RunPython(create_default_policy, migrations.RunPython.noop)]
