"""Catalogue page latency (median, p95) and SQL queries per request, with 10,000 and 100,000 products.

The products are bulk-inserted once into bench shops (slugs starting with "bench-") and reused by later
runs: a run only adds what is missing to reach each size. Requests go through Django's test client, so
the figures include URL routing, the filter form, the queries and the template, but not a network.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from bench.report import Row, median_p95, timings_ms
from core.progress import progress

SIZES = {"small": [2_000], "full": [10_000, 100_000]}
REPEAT = {"small": 10, "full": 30}
GOAL_P95_MS = 300
GOAL_QUERIES = 8
BATCH = 5_000

WORDS = [
    ("Pickled cabbage", "酸菜", "pickles", "kg"),
    ("Sour soup", "酸汤", "sour-soup", "portion"),
    ("Rice tofu", "米豆腐", "tofu", "kg"),
    ("Green tea", "绿茶", "green-tea", "box"),
    ("Black tea", "红茶", "black-tea", "box"),
    ("Kiwi fruit", "猕猴桃", "kiwi", "kg"),
    ("Shiitake", "香菇", "mushrooms", "jin"),
    ("Late rice", "晚稻米", "rice", "kg"),
    ("Free-range eggs", "土鸡蛋", "eggs", "piece"),
    ("Mountain honey", "蜂蜜", "honey", "bottle"),
    ("Bamboo basket", "竹篮", "bamboo-and-wicker", "piece"),
    ("Walnuts", "核桃", "nuts-and-seeds", "kg"),
    ("Rice cakes", "年糕", "rice-cakes", "kg"),
    ("Smoked bacon", "腊肉", "cured-meat", "kg"),
]
PLACES = ["Libei", "Xifeng", "Dinglou", "Shuyang", "Jinyun", "Cheng", "Kaiyang", "Yaoping"]

REQUESTS = [
    ("newest, page 1", "/shop/"),
    ("search 酸菜", "/shop/?q=酸菜"),
    ("category + price sort", "/shop/?category=preserved-foods&sort=price_asc"),
    ("province + in stock + best selling", "/shop/?province={province}&in_stock=on&sort=best_selling"),
    ("deep page", "/shop/?sort=price_desc&page=40"),
    ("API: search + filter", "/api/products/?q=tea&specialty=true&page_size=24"),
]


def _bench_geography():
    from accounts.models import Role, User
    from villages.models import County, Province, Township, Village

    province = Province.objects.get(code="52")
    county, _ = County.objects.get_or_create(province=province, name="Bench county", defaults={"name_zh": "测试县"})
    township, _ = Township.objects.get_or_create(county=county, name="Bench township")
    villages = [
        Village.objects.get_or_create(township=township, name=f"Bench village {n}", defaults={"households": 500})[0]
        for n in range(20)
    ]
    farmers = []
    for n in range(200):
        village = villages[n % len(villages)]
        farmer, _ = User.objects.get_or_create(
            username=f"bench_farmer_{n}", defaults={"role": Role.FARMER, "home_village": village}
        )
        farmers.append(farmer)
    return province, farmers


def _bench_shops(farmers):
    from shops.models import Shop

    shops = []
    for n, farmer in enumerate(farmers):
        shop, _ = Shop.objects.get_or_create(
            slug=f"bench-{n}",
            defaults={
                "name": f"Bench shop {n}",
                "owner": farmer,
                "village_id": farmer.home_village_id,
                "opened_on": datetime.date(2020, 1, 1),
                "created_by": farmer,
            },
        )
        shops.append(shop)
    return shops


def _fill(target: int, shops, *, rng: random.Random) -> int:
    """Bulk-insert bench products until there are `target`; returns how many were added."""
    from django.db import transaction

    from shops.models import Category, Product, ProductStatus

    existing = Product.objects.filter(shop__slug__startswith="bench-").count()
    missing = max(0, target - existing)
    if not missing:
        return 0
    categories = {category.slug: category for category in Category.objects.all()}
    batches = range(0, missing, BATCH)
    for start in progress(batches, desc=f"bench products to {target:,}", total=len(batches)):
        rows = []
        for i in range(start, min(missing, start + BATCH)):
            name, name_zh, category, unit = rng.choice(WORDS)
            place = rng.choice(PLACES)
            shop = rng.choice(shops)
            step = Decimal(rng.choice(["0.5", "1", "1.5", "2.5"]))
            rows.append(
                Product(
                    shop=shop,
                    category=categories[category],
                    name=f"{place} {name} {name_zh} #{existing + i}",
                    description=f"{name} from {place} village, {name_zh}, harvested this season.",
                    unit=unit,
                    unit_price=Decimal(rng.randint(300, 30_000)) / 100,
                    stock=Decimal(rng.choice([0, 5, 20, 100, 500])),
                    order_step=step,
                    order_minimum=step,
                    status=ProductStatus.PUBLISHED if rng.random() < 0.9 else ProductStatus.DRAFT,
                    is_local_specialty=rng.random() < 0.25,
                    units_sold=Decimal(rng.randint(0, 5_000)),
                    listed_by_id=shop.owner_id,
                )
            )
            rows[-1].search_fields_fill()  # bulk_create does not call save()
        with transaction.atomic():
            Product.objects.bulk_create(rows, batch_size=1_000)
    return missing


def _measure(client, url: str, repeat: int) -> tuple[float, float, int, int]:
    from django.db import connection

    # Count with an execute wrapper: the DEBUG query log is capped and may already be full after the bulk load.
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        status = client.get(url).status_code
    samples = timings_ms(lambda: client.get(url), repeat=repeat, warmup=1)
    median, p95 = median_p95(samples)
    return median, p95, len(executed), status


def run(*, scale: str) -> list[Row]:
    from django.db import connection
    from django.test import Client

    rng = random.Random(3)
    province, farmers = _bench_geography()
    shops = _bench_shops(farmers)
    client = Client()
    rows = []
    for size in SIZES[scale]:
        _fill(size, shops, rng=rng)
        with connection.cursor() as cursor:
            # What autovacuum would have done after a bulk load: planner statistics for every table.
            cursor.execute("ANALYZE")
        for label, url in REQUESTS:
            median, p95, queries, status = _measure(client, url.format(province=province.pk), REPEAT[scale])
            rows.append(
                Row(
                    what=f"catalogue: {label}",
                    setting=f"{size:,} bench products, {queries} queries",
                    median=f"{median:.0f} ms",
                    p95_or_time=f"{p95:.0f} ms",
                    goal=f"p95 < {GOAL_P95_MS} ms, <= {GOAL_QUERIES} queries",
                    met=status == 200 and p95 < GOAL_P95_MS and queries <= GOAL_QUERIES,
                )
            )
    return rows
