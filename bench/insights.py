"""Insights: county dashboard latency over many orders (issue 8: 10,000,000 orders; warm < 200 ms, cold < 2 s).

The data is generated in SQL (INSERT ... SELECT generate_series) on PostgreSQL: counties of villages of
shops (one farmer, one product each), orders spread over three years and all 31 provinces, one line per
order, then the monthly rollups rebuilt in SQL. A scale is generated once and kept (its marker county
name says which), so a second run only measures.

Measured: GET /insights/counties/<id>/?year=<last year> as an admin through Django's test client, with
the figures' cache entry deleted before each request (cold: every aggregate query runs) and kept
(warm: one cache hit).
"""

from __future__ import annotations

import datetime
import time
import zlib

from bench.report import Row, median_p95, timings_ms

SCALES = {
    # counties, villages per county, shops per village, orders
    "small": (10, 10, 5, 100_000),
    # The full scale's load per county (100,000 orders over three years) with a tenth of the orders:
    # `python -c "import bench.insights as b; print(b.run(scale='medium'))"` when full is too big to generate.
    "medium": (10, 20, 10, 1_000_000),
    "full": (100, 20, 10, 10_000_000),
}
YEARS = 3


def _marker(scale: str) -> str:
    return f"Insights bench {scale}"


def _generate(scale: str) -> tuple[int, float]:
    """Create the data set of `scale` unless it exists; returns (the first county's id, seconds spent)."""
    from django.db import connection, transaction

    from villages.models import County

    existing = County.objects.filter(name=f"{_marker(scale)} 0").first()
    if existing is not None:
        return existing.pk, 0.0
    started = time.perf_counter()
    with transaction.atomic():  # all or nothing: a failed run leaves no marker behind
        county_ids = _insert(scale)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return county_ids[0], time.perf_counter() - started


def _insert(scale: str) -> list[int]:
    from django.db import connection

    from insights.services import insights_rollup_rebuild
    from orders.services import sales_rollup_rebuild
    from villages.models import County, Province, Township, Village

    counties, villages_per_county, shops_per_village, orders = SCALES[scale]
    province = Province.objects.get(code="52")
    county_rows = County.objects.bulk_create(
        [County(province=province, name=f"{_marker(scale)} {n}", is_poverty_county=n % 3 == 0) for n in range(counties)]
    )
    townships = Township.objects.bulk_create([Township(county=county, name="Centre") for county in county_rows])
    Village.objects.bulk_create(
        [
            Village(township=township, name=f"Village {n}", population=2000, households=600)
            for township in townships
            for n in range(villages_per_county)
        ]
    )
    county_ids = [county.pk for county in county_rows]
    tag = f"ib{scale[0]}"
    today = datetime.date.today()
    start = datetime.date(today.year - YEARS + 1, 1, 1)
    span_seconds = (today - start).days * 86400
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM shops_category WHERE slug = 'bench-produce'")
        row = cursor.fetchone()
        if row is None:
            cursor.execute(
                "INSERT INTO shops_category (name, slug, position, parent_id)"
                " VALUES ('Produce', 'bench-produce', 0, NULL) RETURNING id"
            )
            row = cursor.fetchone()
        category_id = row[0]
        # One farmer per shop (a fifth of them registered poor households), and one buyer for every order.
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                is_active, date_joined, role, home_village_id, phone, preferred_language, is_disadvantaged)
            SELECT '!', false, %(tag)s || '_f_' || v.id || '_' || s, '', '', '', false, true, now(), 'farmer', v.id,
                   '', '', (s %% 5 = 0)
              FROM villages_village v
              JOIN villages_township t ON t.id = v.township_id
              CROSS JOIN generate_series(1, %(per)s) s
             WHERE t.county_id = ANY(%(counties)s)
            """,
            {"tag": tag, "per": shops_per_village, "counties": county_ids},
        )
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                is_active, date_joined, role, phone, preferred_language, is_disadvantaged)
            VALUES ('!', false, %s, '', '', '', false, true, now(), 'buyer', '', '', false) RETURNING id
            """,
            [f"{tag}_buyer"],
        )
        buyer_id = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO shops_shop (village_id, owner_id, is_cooperative, name, slug, description, status, opened_on,
                created_by_id, created_at, rating_average, rating_count)
            SELECT u.home_village_id, u.id, false, 'Shop ' || u.id, u.username, '', 'open', %s, u.id, now(), 0, 0
              FROM accounts_user u WHERE u.username LIKE %s ORDER BY u.id
            """,
            [start, f"{tag}\\_f\\_%"],
        )
        cursor.execute(
            """
            INSERT INTO shops_product (shop_id, category_id, name, description, unit, unit_price, stock, order_step,
                order_minimum, status, is_local_specialty, units_sold, listed_by_id, created_at, updated_at,
                rating_average, rating_count)
            SELECT s.id, %s, 'Product ' || s.id, '', 'kg', 10 + (s.id %% 50), (s.id %% 7), 1, 1, 'published',
                   false, 0, s.owner_id, now(), now(), 0, 0
              FROM shops_shop s WHERE s.slug LIKE %s ORDER BY s.id
            """,
            [category_id, f"{tag}\\_f\\_%"],
        )
        # Each product its one option, as every product creator makes it (shops.services.variants_default_create).
        cursor.execute(
            """
            INSERT INTO shops_productvariant (product_id, name, position, unit_price, stock, order_step, order_minimum,
                shipping_weight_kg, units_sold, is_active, created_at, updated_at)
            SELECT p.id, '', 0, p.unit_price, p.stock, p.order_step, p.order_minimum, p.shipping_weight_kg,
                   p.units_sold, true, p.created_at, p.updated_at
              FROM shops_product p JOIN shops_shop s ON s.id = p.shop_id WHERE s.slug LIKE %s ORDER BY p.id
            """,
            [f"{tag}\\_f\\_%"],
        )
        cursor.execute("SELECT min(id), count(*) FROM shops_shop WHERE slug LIKE %s", [f"{tag}\\_f\\_%"])
        first_shop, shop_count = cursor.fetchone()
        cursor.execute("SELECT min(id), count(*) FROM villages_province")
        first_province, province_count = cursor.fetchone()
        # Orders in chunks of a million so one statement never holds the whole set in memory.
        chunk = 1_000_000
        for offset in range(0, orders, chunk):
            cursor.execute(
                """
                INSERT INTO orders_order (number, buyer_id, shop_id, checkout_id, status, recipient_name,
                    recipient_phone, ship_province_id, ship_city, ship_county, ship_address, subtotal, shipping_fee,
                    total, refunded_amount, carrier, tracking_number, cancel_reason, placed_at, paid_at,
                    suspect_reasons, trust_review, trust_review_note, freight_detail, pickup_code)
                SELECT %(tag)s || lpad(g::text, 9, '0'), %(buyer)s, %(first_shop)s + (g * 7919) %% %(shops)s,
                       (%(uuid_prefix)s || lpad(to_hex(g), 12, '0'))::uuid,
                       CASE WHEN g %% 50 = 0 THEN 'refunded' ELSE 'completed' END, 'Bench', '138',
                       %(first_province)s + (g * 31) %% %(provinces)s, 'City ' || (g %% 300),
                       'District ' || (g %% 1900), '1 Road', a.amount, 0, a.amount,
                       CASE WHEN g %% 50 = 0 THEN a.amount ELSE 0 END, '', '', '', a.at, a.at,
                       '[]'::jsonb, '', '', '{}'::jsonb, ''
                  FROM generate_series(%(low)s::bigint, %(high)s::bigint) g
                  CROSS JOIN LATERAL (
                      SELECT (10 + (g * 37) %% 490)::numeric(14, 2) AS amount,
                             %(start)s::timestamptz + ((g * 104729) %% %(span)s) * interval '1 second' AS at
                  ) a
                """,
                {
                    "tag": f"{tag}-",
                    # Sequential numbers and checkout ids: the unique and uuid indexes fill in order, not at random.
                    "uuid_prefix": f"{zlib.crc32(tag.encode()):08x}-0000-4000-8000-",
                    "buyer": buyer_id,
                    "first_shop": first_shop,
                    "shops": shop_count,
                    "first_province": first_province,
                    "provinces": province_count,
                    "low": offset + 1,
                    "high": min(orders, offset + chunk),
                    "start": f"{start.isoformat()} 00:00:00+08",
                    "span": span_seconds,
                },
            )
            cursor.execute(
                """
                INSERT INTO orders_orderline (order_id, product_id, variant_id, product_name, variant_name, unit,
                    unit_price, quantity, line_total)
                SELECT o.id, p.id, v.id, p.name, '', 'kg', o.total, 1, o.total
                  FROM orders_order o JOIN shops_product p ON p.shop_id = o.shop_id
                  JOIN shops_productvariant v ON v.product_id = p.id
                 WHERE o.number LIKE %s AND o.id > coalesce((SELECT max(order_id) FROM orders_orderline), 0)
                """,
                [f"{tag}-%"],
            )
        # Product page views over the last 60 days.
        cursor.execute(
            """
            INSERT INTO insights_productdailyviews (product_id, day, views, views_while_out_of_stock)
            SELECT p.id, current_date - d, 1 + (p.id * d) %% 40, CASE WHEN p.stock <= 0 THEN 1 + (p.id * d) %% 40
                   ELSE 0 END
              FROM shops_product p CROSS JOIN generate_series(0, 59) d
             WHERE p.shop_id BETWEEN %s AND %s
            ON CONFLICT DO NOTHING
            """,
            [first_shop, first_shop + shop_count - 1],
        )
    sales_rollup_rebuild(shop_ids=range(first_shop, first_shop + shop_count))
    insights_rollup_rebuild()
    return county_ids


def run(*, scale: str) -> list[Row]:
    from django.core.cache import cache
    from django.test import Client

    from accounts.models import Role, User
    from insights.selectors import Scope, cache_key, period_parse

    counties, villages_per_county, shops_per_village, orders = SCALES[scale]
    county_id, seconds = _generate(scale)
    shops = counties * villages_per_county * shops_per_village
    setting = f"{orders:,} orders, {shops:,} shops in {counties} counties; county: {orders // counties:,} orders"
    year = str(datetime.date.today().year - 1)
    period = period_parse(year=year)
    key = cache_key(Scope("county", county_id), period)
    client = Client()
    admin, _ = User.objects.get_or_create(username="insights_bench_admin", defaults={"role": Role.ADMIN})
    client.force_login(admin)
    url = f"/insights/counties/{county_id}/?year={year}"

    def cold():
        cache.delete(key)
        assert client.get(url).status_code == 200

    def warm():
        assert client.get(url).status_code == 200

    cold_median, cold_p95 = median_p95(timings_ms(cold, repeat=5 if scale == "full" else 9, warmup=1))
    warm_median, warm_p95 = median_p95(timings_ms(warm, repeat=30, warmup=2))
    rows = []
    if seconds:
        rows.append(Row("insights: generate data (SQL)", setting, p95_or_time=f"{seconds:.1f} s"))
    rows += [
        Row(
            "insights: county dashboard, cold cache",
            setting,
            f"{cold_median:.0f} ms",
            f"{cold_p95:.0f} ms",
            "< 2000 ms",
            cold_p95 < 2000,
        ),
        Row(
            "insights: county dashboard, warm cache",
            setting,
            f"{warm_median:.1f} ms",
            f"{warm_p95:.1f} ms",
            "< 200 ms",
            warm_p95 < 200,
        ),
    ]
    return rows
