"""Checkout with freight (issue 16): latency and SQL queries per checkout as the cart grows.

One client on PostgreSQL checks out carts of 1, 5 and 20 lines per shop, from one shop and from three shops, every shop
with a freight template (a default row, province rows, an excluded province, free shipping from an amount),
to a province with its own row. The queries per checkout must not grow with the lines (only with the shops:
each shop's order, its lines and its event); p95 stays under the checkout goal.
"""

from __future__ import annotations

import datetime
import os
import time
from decimal import Decimal

from bench.report import Row, median_p95, queries_counted

SAMPLES = {"small": 10, "full": 60}
LINES = (1, 5, 20)
SHOPS = (1, 3)
P95_GOAL_MS = 500


def _fixtures() -> tuple[int, list[list[int]], int]:
    """Three bench shops with 20 products each and a freight template; one buyer. Returns (province, products
    per shop, buyer id)."""
    from accounts.models import Role, User
    from logistics.freight_services import FreightRuleInput, _template_write
    from logistics.models import FreightTemplate
    from shops.models import Category, Product, ProductVariant, Shop
    from shops.services import variants_default_create
    from villages.models import County, Province, Township, Village

    provinces = dict(Province.objects.values_list("code", "pk"))
    county, _ = County.objects.get_or_create(province_id=provinces["52"], name="Freight bench county")
    township, _ = Township.objects.get_or_create(county=county, name="Freight bench township")
    village, _ = Village.objects.get_or_create(township=township, name="Freight bench village")
    category, _ = Category.objects.get_or_create(slug="bench-produce", defaults={"name": "Bench produce"})
    products = []
    for index in range(max(SHOPS)):
        farmer, _ = User.objects.get_or_create(
            username=f"freight_bench_farmer_{index}", defaults={"role": Role.FARMER, "home_village": village}
        )
        shop, _ = Shop.objects.get_or_create(
            slug=f"freight-bench-shop-{index}",
            defaults={
                "village": village,
                "owner": farmer,
                "name": f"Freight bench {index}",
                "opened_on": datetime.date(2024, 1, 1),
            },
        )
        if not FreightTemplate.objects.filter(shop=shop).exists():
            _template_write(
                FreightTemplate(shop=shop),
                name="Bench",
                basis="weight",
                is_default=True,
                free_over_amount="100000.00",
                free_over_weight=None,
                excluded_province_ids=[provinces["54"]],
                rules=[
                    FreightRuleInput(None, "1", "8.00", "1", "2.00"),
                    FreightRuleInput(provinces["33"], "1", "6.00", "1", "1.00"),
                    FreightRuleInput(provinces["65"], "1", "18.00", "0.5", "4.50"),
                ],
            )
        column = []
        for number in range(max(LINES)):
            product, created = Product.objects.get_or_create(
                shop=shop,
                name=f"Freight bench oranges {number}",
                defaults={
                    "category": category,
                    "unit_price": Decimal("6.60"),
                    "order_step": Decimal("0.5"),
                    "order_minimum": Decimal("1"),
                    "status": "published",
                    "listed_by": farmer,
                },
            )
            if created:
                variants_default_create([product])
            column.append(product.pk)
        products.append(column)
    Product.objects.filter(pk__in=[pk for column in products for pk in column]).update(stock=Decimal("1000000"))
    ProductVariant.objects.filter(product__in=[pk for column in products for pk in column]).update(
        stock=Decimal("1000000")
    )
    buyer, _ = User.objects.get_or_create(username="freight_bench_buyer", defaults={"role": Role.BUYER})
    return provinces["33"], products, buyer.pk


def run(*, scale: str) -> list[Row]:
    from accounts.models import User
    from orders import services

    province_id, products, buyer_id = _fixtures()
    buyer = User.objects.get(pk=buyer_id)
    ship_to = services.ShipTo("Bench", "13800000000", province_id, "Hangzhou", "Xihu", "1 Road")
    rows = []
    queries_by_shops: dict[int, set[int]] = {}
    for shops in SHOPS:
        for lines in LINES:
            per_shop = lines
            items = services.variants_resolve(
                (pk, None, Decimal("2.5")) for column in products[:shops] for pk in column[:per_shop]
            )
            with queries_counted() as captured:
                services.order_place(buyer=buyer, variants=items, ship_to=ship_to)
            queries_by_shops.setdefault(shops, set()).add(len(captured))
            samples = []
            for _ in range(SAMPLES[scale]):
                start = time.perf_counter()
                services.order_place(buyer=buyer, variants=items, ship_to=ship_to)
                samples.append((time.perf_counter() - start) * 1000)
            median, p95 = median_p95(samples)
            rows.append(
                Row(
                    what="checkout with freight",
                    setting=f"{len(items)} lines from {shops} shop(s), templates with province rows; "
                    f"{len(captured)} queries per checkout; load {os.getloadavg()[0]:.1f}",
                    median=f"{median:.0f} ms",
                    p95_or_time=f"{p95:.0f} ms",
                    goal=f"p95 <= {P95_GOAL_MS} ms",
                    met=p95 <= P95_GOAL_MS,
                )
            )
    constant = all(len(counts) == 1 for counts in queries_by_shops.values())
    rows.append(
        Row(
            what="queries per checkout with freight",
            setting="; ".join(
                f"{shops} shop(s): {sorted(counts)} for {', '.join(map(str, LINES))} lines"
                for shops, counts in queries_by_shops.items()
            ),
            goal="constant in the number of lines",
            met=constant,
        )
    )
    return rows
