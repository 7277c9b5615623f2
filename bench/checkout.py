"""Checkout throughput and latency with concurrent clients on PostgreSQL (threads, one connection each).

Every client checks out two products from two shops that every other client also buys, so the stock rows
are contended as on a busy harvest day; the run also checks that stock went down by exactly what was sold.
"""

from __future__ import annotations

import datetime
import threading
import time
from decimal import Decimal

from bench.report import Row, median_p95

SCALES = {"small": {8: 5, 32: 2}, "full": {8: 50, 32: 25}}  # clients -> checkouts per client
P95_GOAL_MS = 500


def _fixtures():
    from accounts.models import Role, User
    from shops.models import Category, Product, Shop
    from villages.models import County, Province, Township, Village

    province = Province.objects.get(code="52")
    county, _ = County.objects.get_or_create(province=province, name="Bench county")
    township, _ = Township.objects.get_or_create(county=county, name="Bench township")
    village, _ = Village.objects.get_or_create(township=township, name="Bench village")
    category, _ = Category.objects.get_or_create(slug="bench-produce", defaults={"name": "Bench produce"})
    products = []
    for index in range(2):
        farmer, _ = User.objects.get_or_create(
            username=f"bench_farmer_{index}", defaults={"role": Role.FARMER, "home_village": village}
        )
        shop, _ = Shop.objects.get_or_create(
            slug=f"bench-shop-{index}",
            defaults={
                "village": village,
                "owner": farmer,
                "name": f"Bench shop {index}",
                "opened_on": datetime.date(2024, 1, 1),
            },
        )
        product, _ = Product.objects.get_or_create(
            shop=shop,
            name=f"Bench cabbage {index}",
            defaults={
                "category": category,
                "unit_price": Decimal("18.50"),
                "stock": Decimal("0"),
                "order_step": Decimal("0.5"),
                "order_minimum": Decimal("1"),
                "status": "published",
                "listed_by": farmer,
            },
        )
        products.append(product)
    Product.objects.filter(pk__in=[p.pk for p in products]).update(stock=Decimal("1000000"))
    buyers = [
        User.objects.get_or_create(username=f"bench_buyer_{i}", defaults={"role": Role.BUYER})[0] for i in range(32)
    ]
    return province, products, buyers


def _run(clients: int, per_client: int, province, products, buyers) -> tuple[list[float], float, int, int]:
    from django.db import connections

    from orders import services
    from orders.models import Order

    ship_to = services.ShipTo("Bench", "138", province.pk, "Guiyang", "Yunyan", "1 Road")
    items = [(p.pk, Decimal("1.5")) for p in products]
    samples: list[float] = []
    failures = 0
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client(index: int) -> None:
        nonlocal failures
        local, failed = [], 0
        try:
            barrier.wait()
            for _ in range(per_client):
                start = time.perf_counter()
                try:
                    services.order_place(buyer=buyers[index % len(buyers)], items=items, ship_to=ship_to)
                except Exception:  # noqa: BLE001 - counted, reported
                    failed += 1
                local.append((time.perf_counter() - start) * 1000)
        finally:
            connections.close_all()
            with lock:
                samples.extend(local)
                failures += failed

    before = Order.objects.count()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    placed = Order.objects.count() - before
    return samples, elapsed, placed, failures


def run(*, scale: str) -> list[Row]:
    from shops.models import Product

    province, products, buyers = _fixtures()
    rows = []
    for clients, per_client in SCALES[scale].items():
        stock_before = sum(Product.objects.filter(pk__in=[p.pk for p in products]).values_list("stock", flat=True))
        samples, elapsed, placed, failures = _run(clients, per_client, province, products, buyers)
        stock_after = sum(Product.objects.filter(pk__in=[p.pk for p in products]).values_list("stock", flat=True))
        checkouts = len(samples)
        # Each checkout makes one order per shop, each order one line of 1.5 kg.
        consistent = not failures and stock_before - stock_after == Decimal("1.5") * placed
        median, p95 = median_p95(samples)
        setting = f"{clients} clients, {checkouts} checkouts (2 shops each)"
        rows.append(
            Row(
                what="checkouts per second",
                setting=setting,
                median=f"{checkouts / elapsed:.1f}/s",
                p95_or_time=f"{elapsed:.1f} s",
                goal="stock moved = sold",
                met=consistent,
            )
        )
        rows.append(
            Row(
                what="checkout latency",
                setting=setting,
                median=f"{median:.0f} ms",
                p95_or_time=f"{p95:.0f} ms",
                goal=f"p95 <= {P95_GOAL_MS} ms",
                met=p95 <= P95_GOAL_MS,
            )
        )
    return rows
