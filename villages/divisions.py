"""Load the national prefecture- and county-level divisions (villages/data/divisions/) into City and District.

Two bulk inserts of new codes and two bulk updates of renamed ones (3,320 rows in a few queries); never deletes,
since saved addresses point at them. Used by the migration and by `manage.py divisions_load`.
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "divisions"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def divisions_load(apps=None) -> tuple[int, int]:
    """Add and rename cities and districts from the data files; returns (cities, districts) added or renamed."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Province = apps.get_model("villages", "Province")
    City = apps.get_model("villages", "City")
    District = apps.get_model("villages", "District")
    provinces = dict(Province.objects.values_list("code", "pk"))
    changed = []
    for model, rows, parent_field, parents in (
        (City, _rows("cities.csv"), "province_id", lambda: provinces),
        (District, _rows("counties.csv"), "city_id", lambda: dict(City.objects.values_list("code", "pk"))),
    ):
        parent_ids = parents()
        parent_key = "provinceCode" if model is City else "cityCode"
        existing = {row.code: row for row in model.objects.all()}
        new, renamed = [], []
        for row in rows:
            code, name = row["code"].strip(), row["name"].strip()
            parent = parent_ids.get(row[parent_key].strip())
            if parent is None:
                raise ValueError(f"{model.__name__} {code}: no parent {row[parent_key]}")
            current = existing.get(code)
            if current is None:
                new.append(model(code=code, name_zh=name, **{parent_field: parent}))
            elif current.name_zh != name:
                current.name_zh = name
                renamed.append(current)
        model.objects.bulk_create(new, batch_size=1000)
        model.objects.bulk_update(renamed, ["name_zh"], batch_size=1000)
        changed.append(len(new) + len(renamed))
    return changed[0], changed[1]
