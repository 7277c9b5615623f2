"""The station's tools (issue 22): a 5,000-row spreadsheet's dry run and import, and the public story page a
traceability label opens (time per scan and bytes).

200 villagers of one village with a shop each, 25 rows each. The import is timed twice: the first upload
creates every product, the same file again finds every row unchanged (what an operator re-uploading after
fixing three rows waits for). The import commits row by row as in production (a transaction around it all
would turn each row's savepoints into thousands of subtransactions of one transaction, which PostgreSQL slows
down on past 64), so the scenario deletes what it made at the end.
"""

from __future__ import annotations

import datetime
import io
import time
import uuid

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from bench.report import Row, median_p95, timings_ms
from core.spreadsheet import spreadsheet_writer

ROWS = {"small": 500, "full": 5000}
VILLAGERS = {"small": 20, "full": 200}
STORY_REPEAT = {"small": 50, "full": 300}
STORY_GOAL_MS = 50.0
STORY_GOAL_BYTES = 50 * 1024


def _sheet(usernames: list[str], rows: int) -> bytes:
    out = io.StringIO()
    writer = spreadsheet_writer(out)
    writer.writerow(["key", "villager", "category", "name", "unit", "unit_price", "order_step", "stock", "publish"])
    for index in range(rows):
        villager = usernames[index % len(usernames)]
        writer.writerow([f"R{index:05d}", villager, "pickles", f"酸菜 {index}", "kg", "18.50", "0.5", "20", "yes"])
    return out.getvalue().encode()


def run(*, scale: str) -> list[Row]:
    from shops.batches.services import batch_record
    from shops.imports import services
    from tests.factories import FarmerFactory, ProductFactory, ShopFactory, StationFactory
    from tests.reference_data import ensure_reference_data

    rows, villagers = ROWS[scale], VILLAGERS[scale]
    results: list[Row] = []
    with override_settings(SHOPS_IMPORTS_PER_HOUR=10**6):
        ensure_reference_data()
        tag = uuid.uuid4().hex[:8]  # factories' sequences restart in each process: names of its own
        station = StationFactory(
            village__name=f"Bench village {tag}", village__township__county__name=f"Bench county {tag}"
        )
        names, shops = [], []
        for index in range(villagers):
            farmer = FarmerFactory(username=f"bench-villager-{index}", home_village=station.village)
            shops.append(ShopFactory(owner=farmer, slug=f"bench-villager-shop-{index}"))
            names.append(farmer.username)
        data = _sheet(names, rows)
        operator = station.operator
        setting = f"{rows:,} rows, {villagers} villagers, {len(data) // 1024} KB CSV"

        for label in ("first upload", "same file again"):
            start = time.perf_counter()
            checked = services.product_import_check(actor=operator, upload=SimpleUploadedFile("s.csv", data))
            dry = time.perf_counter() - start
            services.product_import_confirm(actor=operator, product_import=checked)  # the task: run below
            start = time.perf_counter()
            done = services.product_import_run(import_id=checked.pk)
            write = time.perf_counter() - start
            counts = ", ".join(f"{n} {k}" for k, n in sorted(done.counts.items()))
            results.append(Row(f"station_tools: spreadsheet dry run ({label})", setting, "", f"{dry:.2f} s", "", None))
            results.append(
                Row(f"station_tools: spreadsheet import ({label}: {counts})", setting, "", f"{write:.1f} s", "", None)
            )

        product = ProductFactory(shop=shops[0], name="明前绿茶")
        batch = batch_record(
            actor=product.shop.owner,
            product=product,
            harvested_on=timezone.localdate() - datetime.timedelta(days=3),
            quantity="300",
            place="东山坡",
            notes="开花后不打农药。",
        )
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        url = batch.get_absolute_url()
        cache.clear()
        first = timings_ms(lambda: client.get(url), repeat=1, warmup=0)[0]
        size = len(client.get(url).content)
        samples = timings_ms(lambda: client.get(url), repeat=STORY_REPEAT[scale])
        median, p95 = median_p95(samples)
        results.append(
            Row(
                "station_tools: story page (a scan: cached page + one UPDATE)",
                f"{size:,} bytes; first draw {first:.1f} ms",
                f"{median:.1f} ms",
                f"{p95:.1f} ms",
                f"p95 < {STORY_GOAL_MS:.0f} ms, < 50 KB",
                p95 < STORY_GOAL_MS and size < STORY_GOAL_BYTES,
            )
        )
        _clean_up(station)
    return results


def _clean_up(station) -> None:
    from accounts.models import User
    from shops.imports.models import ProductImport, ProductImportKey
    from shops.models import ProduceBatch, Product, Shop

    with transaction.atomic():
        shops = Shop.objects.filter(village=station.village)
        ProduceBatch.objects.filter(product__shop__in=shops).delete()
        ProductImportKey.objects.filter(shop__in=shops).delete()
        ProductImport.objects.filter(created_by=station.operator).delete()
        Product.objects.filter(shop__in=shops).delete()
        shops.delete()
        station_operator = station.operator
        station.delete()
        village = station.village
        User.objects.filter(home_village=village).exclude(pk=station_operator.pk).delete()
        station_operator.delete()
        township = village.township
        village.delete()
        county = township.county
        township.delete()
        county.delete()
