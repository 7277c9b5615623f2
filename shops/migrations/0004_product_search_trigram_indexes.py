"""Trigram indexes for the catalogue search on PostgreSQL (nothing on other databases).

Django's `icontains` is `UPPER(column::text) LIKE UPPER('%word%')`: a GIN index over UPPER(column) with
gin_trgm_ops serves it for words of three characters or more, Latin or Chinese.
"""

from django.db import migrations

INDEXES = [
    ("product_name_trgm", 'UPPER(("name")::text) gin_trgm_ops'),
    ("product_description_trgm", 'UPPER("description") gin_trgm_ops'),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON shops_product USING gin ({expression})")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("shops", "0003_best_selling_index")]

    operations = [migrations.RunPython(create, drop)]
