"""The catalogue and its search over HTTP, side by side with a bare Django + DRF list (issue 25, issue 22).

Products are bulk-inserted once into bench shops (slugs starting with "bench-") and reused by later runs: a
run only adds what is missing. Taocun (config.wsgi) and the bare baseline (bench/baseline: 24 products with
their shop's name, nothing else) are each served by gunicorn with 2 workers, DEBUG off and persistent
connections, on the same database. For every request the load generator measures the baseline, then Taocun,
at 1 and then 8 connections, one after the other, so a load that other work puts on this shared machine
falls on both alike: the goals are ratios to the baseline (throughput at 8 connections) and the p95 at one
connection. SQL queries per request are counted in-process with Django's test client.
"""

from __future__ import annotations

import datetime
import os
import random
from decimal import Decimal
from unittest import mock

from bench import http
from bench.report import Row, median_p95, queries_counted, timings_ms
from core.progress import progress

SIZES = {"small": 2_000, "full": 100_000}
SECONDS = {"small": 2, "full": 5}
AFRESH_REPEAT = {"small": 5, "full": 20}
BATCH = 5_000
TAOCUN_PORT, BASELINE_PORT = 8391, 8392
BASELINE_URL = "/products/"
LIST, SEARCH, SUGGEST = "list", "search", "suggest"
GOALS = {
    LIST: (50, 100, "p95(c=1) < 100 ms, >= 50 % of bare"),
    SEARCH: (35, 100, "p95(c=1) < 100 ms, >= 35 % of bare"),
    SUGGEST: (0, 30, "p95(c=1) < 30 ms"),
}
MAX_QUERIES = 8

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
    ("API products", "/api/products/?page_size=24", LIST),
    ("catalogue page", "/shop/", LIST),
    ("page: category + price sort", "/shop/?category=preserved-foods&sort=price_asc", LIST),
    ("page: province + in stock + best selling", "/shop/?province={province}&in_stock=on&sort=best_selling", LIST),
    ("page: deep page, price sort", "/shop/?sort=price_desc&page=40", LIST),
    ("page: search 香菇 (2 characters)", "/shop/?q=香菇", SEARCH),
    ("API: search 香菇 (2 characters)", "/api/products/?q=香菇&page_size=24", SEARCH),
    ("page: pinyin xianggu", "/shop/?q=xianggu", SEARCH),
    ("API: pinyin xianggu", "/api/products/?q=xianggu&page_size=24", SEARCH),
    ("page: initials xg", "/shop/?q=xg", SEARCH),
    ("API: initials xg", "/api/products/?q=xg&page_size=24", SEARCH),
    ("page: search 米豆腐 (3 characters)", "/shop/?q=米豆腐", SEARCH),
    ("API: search 米豆腐 (3 characters)", "/api/products/?q=米豆腐&page_size=24", SEARCH),
    ("suggestions: xiangg", "/api/products/suggest/?q=xiangg", SUGGEST),
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
    from shops.services import variants_default_create

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
            variants_default_create(rows)  # each its one option, as every product creator makes it
    return missing


def _queries(client, url: str) -> tuple[int, int, int]:
    """(SQL queries drawn afresh, SQL queries from the cache, status) of one request through Django's test
    client, after a warm-up request: drawn afresh as after any write to the catalogue, then served again."""
    from shops import catalogue_cache

    client.get(url)

    def counted() -> tuple[int, int]:
        with queries_counted() as executed:
            status = client.get(url).status_code
        return len(executed), status

    catalogue_cache.changed()
    fresh, status = counted()
    cached, _status = counted()
    return fresh, cached, status


def _afresh_ms(client, url: str, repeat: int) -> tuple[float, float]:
    """Median and p95 of the request drawn afresh (each time after a write to the catalogue), in-process: what a
    buyer waits for when the cache cannot answer."""
    from shops import catalogue_cache

    def draw():
        catalogue_cache.changed()
        client.get(url)

    return median_p95(timings_ms(draw, repeat=repeat, warmup=1))


def run(*, scale: str) -> list[Row]:
    from django.db import connection
    from django.test import Client
    from rest_framework.throttling import SimpleRateThrottle

    from shops.models import Product

    rng = random.Random(3)
    province, farmers = _bench_geography()
    shops = _bench_shops(farmers)
    _fill(SIZES[scale], shops, rng=rng)
    size = Product.objects.count()  # a database filled by an earlier full run keeps its products
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: planner statistics, and the GIN index's pending list merged.
        cursor.execute("VACUUM ANALYZE shops_product")
        # And of the other tables the run filled (shops, villages, farmers): without statistics the planner takes
        # the 200 open shops for one and joins 90,000 products before sorting (1 s instead of 1.5 ms a page).
        cursor.execute("ANALYZE")
    urls = [(label, url.format(province=province.pk), kind) for label, url, kind in REQUESTS]
    # An address of its own, and the servers' raised API rates: the anonymous throttle (120/min otherwise)
    # must neither count the servers' requests from 127.0.0.1 that the shared cache remembers nor refuse the
    # timed requests below.
    client = Client(REMOTE_ADDR="192.0.2.25")
    rates = dict.fromkeys(("anon", "user", "suggest"), http.RAISED_RATE)
    with mock.patch.dict(SimpleRateThrottle.THROTTLE_RATES, rates):
        queries = {url: _queries(client, url) for _label, url, _kind in urls}
        afresh = {url: _afresh_ms(client, url, AFRESH_REPEAT[scale]) for _label, url, _kind in urls}
    settings = connection.settings_dict
    database_url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}"
    env = http.server_environment(database_url)
    http.collectstatic(env)
    seconds = SECONDS[scale]
    rows, measured = [], []
    with (
        http.Server("config.wsgi:application", TAOCUN_PORT, env) as taocun,
        http.Server("bench.baseline.wsgi:application", BASELINE_PORT, env) as bare,
    ):
        taocun.wait("/shop/")
        bare.wait(BASELINE_URL)
        for _label, url, _kind in urls:  # warm both up: imports, caches, the first query plans
            http.measure(taocun.base + url, connections=2, seconds=1)
        http.measure(bare.base + BASELINE_URL, connections=2, seconds=1)
        for label, url, kind in progress(urls, desc="catalogue over HTTP", total=len(urls)):
            figures = {}
            for connections in (1, 8):
                figures["bare", connections] = http.measure(
                    bare.base + BASELINE_URL, connections=connections, seconds=seconds
                )
                figures["taocun", connections] = http.measure(
                    taocun.base + url, connections=connections, seconds=seconds
                )
            rows.append(_row(label, kind, size, figures, queries[url], afresh[url]))
            measured.append((url, figures, queries[url], afresh[url], os.getloadavg()[0]))
    print(f"\nIssue 25's table, {size:,} products ({http.load_generator()}, c=8 unless said):\n")
    print(issue_table(measured) + "\n")
    return rows


def _row(label: str, kind: str, size: int, figures: dict, queries: tuple[int, int, int], afresh) -> Row:
    count, cached_count, status = queries
    least_share, p95_goal, goal = GOALS[kind]
    share = 100 * figures["taocun", 8].requests_per_second / figures["bare", 8].requests_per_second
    p95_one = figures["taocun", 1].p95_ms
    errors = sum(result.errors for result in figures.values())
    load = os.getloadavg()[0]
    bare = figures["bare", 8].requests_per_second
    trouble = f"; status {status}" if status != 200 else ""
    trouble += f"; {errors} failed requests" if errors else ""
    return Row(
        what=f"catalogue: {label}",
        setting=(
            f"{size:,} products, {count} queries ({cached_count} cached); bare list {bare:.0f} req/s (c=8), "
            f"p95 {figures['bare', 1].p95_ms:.0f} ms (c=1); drawn afresh (after a write) median {afresh[0]:.0f} ms, "
            f"p95 {afresh[1]:.0f} ms in-process; {http.load_generator()}, load {load:.1f}{trouble}"
        ),
        median=f"{figures['taocun', 8].requests_per_second:.0f} req/s = {share:.0f} %",
        p95_or_time=f"c=1 {p95_one:.0f} ms · c=8 {figures['taocun', 8].p95_ms:.0f} ms",
        goal=goal,
        met=status == 200 and not errors and count <= MAX_QUERIES and share >= least_share and p95_one < p95_goal,
    )


ISSUE_HEADER = [
    "request",
    "Taocun req/s",
    "bare list req/s",
    "Taocun as % of bare",
    "Taocun p95 at c=1",
    "Taocun p95 at c=8",
    "drawn afresh (after a write): median / p95",
    "queries afresh / cached",
    "load",
]


def issue_table(rows: list[tuple[str, dict, tuple[int, int, int], tuple[float, float], float]]) -> str:
    """Issue 25's table (Taocun beside the bare list measured in the same rounds), with the cold path and load."""
    lines = ["| " + " | ".join(ISSUE_HEADER) + " |", "|" + " --- |" * len(ISSUE_HEADER)]
    for url, figures, queries, afresh, load in rows:
        taocun, bare = figures["taocun", 8].requests_per_second, figures["bare", 8].requests_per_second
        cells = [
            f"`{url}`",
            f"{taocun:.1f}",
            f"{bare:.1f}",
            f"{100 * taocun / bare:.1f} %",
            f"{figures['taocun', 1].p95_ms:.0f} ms",
            f"{figures['taocun', 8].p95_ms:.0f} ms",
            f"{afresh[0]:.0f} / {afresh[1]:.0f} ms",
            f"{queries[0]} / {queries[1]}",
            f"{load:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
