"""Rows the data migrations load (provinces, cities and counties, sales channels, category tree, certification
policy v1).

A transactional test (e2e, real worker, races) flushes every table when it ends, data-migration rows
included. tests/conftest.py restores them before the next database test; this is idempotent.
"""

from importlib import import_module

from django.apps import apps


def ensure_reference_data() -> None:
    import_module("villages.migrations.0002_load_provinces").load_provinces(apps, None)
    import_module("villages.divisions").divisions_load(apps)
    import_module("shops.migrations.0002_channels_and_categories").load(apps, None)
    import_module("certification.migrations.0002_default_policy").create_default_policy(apps, None)
