"""Bench data for certification: N villages with their shops, orders and monthly rollups, built in SQL.

The rollups are the orders app's own rebuild (shop rollups, each with its shop's village) and, since the load
runs with triggers off, one INSERT ... SELECT of the village rollups from the shop rollups.

Everything is generated inside PostgreSQL with generate_series (no row crosses the wire), in batches
so a progress bar moves. The bench villages live in their own counties ("Bench cert county ...") so
other scenarios' data in the same database is left alone. A marker row remembers the scale: the same
scale is reused, a different one is deleted and rebuilt.

Spread (deterministic, by village number): 70 % far below the thresholds (20-80 shops, 80 % of them
active, 0.5-5 M yuan), 10 % just under (95-99 active shops with 10.3 M, or 100-104 with 9.4-9.8 M),
10 % just over (100-110 active shops, 10.3-10.7 M), 10 % large (380-580 shops, 15-60 M). Inactive
shops are closed, suspended, opened days before the cut-off, or dormant (orders 4-15 months back, partly
outside the window); 3 % of orders cancelled, 4 % refunded, 1 % partly refunded.

Orders per shop are skewed as on a real marketplace: a Pareto draw (alpha 1.16, the "80/20" shape, capped at
20,000 a year) per shop, normalised so the total is exactly the scale's orders. An active shop has at least
the 3 orders of the look-back, sold in one month; a dormant one at least 1. Small shops sell in their season
(3 months, a season start per shop): the more a shop sells, the longer its season, up to all year for the big
ones. So most shops have a few rollup rows and the big shops' thousands of orders fold into 12.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from core.progress import progress

MARKER_TABLE = "bench_certification_scale_v5"  # a new name when the data's shape changes
COUNTY_PREFIX = "Bench cert county"
VILLAGES_PER_TOWNSHIP = 10
TOWNSHIPS_PER_COUNTY = 10
ROLLUP_BATCH = 20_000


@dataclass(frozen=True)
class Scale:
    villages: int
    shops: int
    orders: int


SCALES = {
    "small": Scale(villages=200, shops=20_000, orders=200_000),
    "medium": Scale(villages=1_000, shops=100_000, orders=1_000_000),
    "full": Scale(villages=10_000, shops=1_000_000, orders=10_000_000),
}


def _execute(sql: str, params: list | tuple | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def _scalar(sql: str, params: list | tuple | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
        return row[0] if row else None


def existing_scale() -> Scale | None:
    _execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (villages int, shops int, orders int, cutoff date)")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT villages, shops, orders FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
    return Scale(*row) if row else None


def _delete_existing() -> None:
    """Remove the previous bench villages and everything under them (FK triggers off: we delete whole trees)."""
    _execute("SET session_replication_role = replica")
    try:
        bench_villages = (
            "SELECT v.id FROM villages_village v JOIN villages_township t ON t.id = v.township_id "
            "JOIN villages_county c ON c.id = t.county_id WHERE c.name LIKE %s"
        )
        like = [f"{COUNTY_PREFIX}%"]
        bench_shops = f"SELECT id FROM shops_shop WHERE village_id IN ({bench_villages})"  # noqa: S608
        for sql in (
            f"DELETE FROM orders_order WHERE shop_id IN ({bench_shops})",  # noqa: S608
            f"DELETE FROM orders_shopmonthlysales WHERE shop_id IN ({bench_shops})",  # noqa: S608
            f"DELETE FROM orders_villagemonthlysales WHERE village_id IN ({bench_villages})",  # noqa: S608
            f"DELETE FROM orders_villageactiveshops WHERE village_id IN ({bench_villages})",  # noqa: S608
            f"DELETE FROM orders_shopactivity WHERE village_id IN ({bench_villages})",  # noqa: S608
            f"DELETE FROM certification_villageevidence WHERE village_id IN ({bench_villages})",  # noqa: S608
            f"DELETE FROM shops_shop WHERE village_id IN ({bench_villages})",  # noqa: S608
            "DELETE FROM accounts_user WHERE username LIKE 'bench_cert_%%'",
            f"DELETE FROM villages_village WHERE id IN ({bench_villages})",  # noqa: S608
            "DELETE FROM villages_township WHERE county_id IN (SELECT id FROM villages_county WHERE name LIKE %s)",
            "DELETE FROM villages_county WHERE name LIKE %s",
        ):
            _execute(sql, like if "%s" in sql else None)
        _execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
    finally:
        _execute("SET session_replication_role = origin")


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes that back no constraint: dropped for the load, rebuilt after."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = %s AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
            """,
            [table],
        )
        return cursor.fetchall()


def indexes_restore(models) -> list[str]:
    """Create the indexes the models declare that the database lacks; returns their names.

    A load drops secondary indexes and builds them after: a load interrupted in between (or an older
    generator) left the orders without any (the certification run's exclusions query then read all
    10,000,000 orders a chunk: 41 s instead of 2). Taken from the models, not the catalogue, so nothing
    dropped is forgotten.
    """
    created = []
    for model in models:
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
            existing = {row[0] for row in cursor.fetchall()}
        with connection.schema_editor(atomic=False) as editor:
            statements = editor._model_indexes_sql(model)
        for statement in statements:
            name = str(statement.parts["name"]).strip('"')
            if name not in existing:
                with connection.cursor() as cursor:
                    cursor.execute("SET maintenance_work_mem = '256MB'")
                    cursor.execute(str(statement))
                    cursor.execute("RESET maintenance_work_mem")
                created.append(name)
    return created


def _loaded_models():
    from orders.models import Order, ShopActivity, ShopMonthlySales, VillageActiveShops, VillageMonthlySales
    from shops.models import Shop
    from villages.models import Village

    return [Village, Shop, Order, ShopMonthlySales, VillageMonthlySales, ShopActivity, VillageActiveShops]


def generate(*, scale: Scale, cutoff: datetime.date, quiet: bool = False) -> dict:
    """Build the bench data for `scale` (reused if already there). Returns counts and the seconds it took."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the certification bench generator needs PostgreSQL")
    if existing_scale() == scale:
        restored = indexes_restore(_loaded_models())
        if restored:
            _execute("ANALYZE orders_order")
        return {"reused": True, "seconds": 0.0, "restored_indexes": restored, **scale.__dict__}
    started = time.perf_counter()
    _delete_existing()
    shops_per_village = scale.shops / scale.villages
    steps = ["geography", *[f"shops {i + 1}/4" for i in range(4)], *[f"orders {i + 1}/10" for i in range(10)]]
    steps.insert(5, "order plan")
    steps += ["indexes", "rollups", "analyze"]
    bar = progress(steps, desc="certification bench data", disable=quiet)
    order_indexes: list[tuple[str, str]] = []
    _execute("SET session_replication_role = replica")  # FK triggers off: the data is consistent by construction
    try:
        for step in bar:
            if step == "geography":
                _geography(scale=scale, shops_per_village=shops_per_village)
            elif step.startswith("shops"):
                part = int(step.split()[1].split("/")[0]) - 1
                _shops(part=part, parts=4, cutoff=cutoff)
            elif step == "order plan":
                _order_plan(total=scale.orders, cutoff=cutoff)
            elif step.startswith("orders"):
                part = int(step.split()[1].split("/")[0]) - 1
                if part == 0:
                    order_indexes = _secondary_indexes("orders_order")
                    for name, _definition in order_indexes:
                        _execute(f'DROP INDEX IF EXISTS "{name}"')
                _orders(part=part, parts=10, cutoff=cutoff)
            elif step == "indexes":
                for _name, definition in order_indexes:
                    _execute(definition)
                indexes_restore(_loaded_models())
            elif step == "rollups":
                from orders.services import sales_rollup_rebuild, village_rollup_rebuild
                from orders.services.activity import activity_rules_rebuild

                bench_shops = (
                    "SELECT s.id FROM shops_shop s JOIN villages_village v ON v.id = s.village_id "
                    "JOIN villages_township t ON t.id = v.township_id JOIN villages_county c ON c.id = t.county_id "
                    "WHERE c.name LIKE %s"
                )
                with connection.cursor() as cursor:
                    cursor.execute(bench_shops, [f"{COUNTY_PREFIX}%"])
                    shop_ids = [row[0] for row in cursor.fetchall()]
                # The orders app's own rebuild (INSERT ... SELECT), a slice of shops per call.
                for start in range(0, len(shop_ids), ROLLUP_BATCH):
                    sales_rollup_rebuild(shop_ids=shop_ids[start : start + ROLLUP_BATCH])
                # The triggers that keep the village rollups are off (replica role): sum the shop rollups once.
                village_rollup_rebuild(village_ids=_village_ids())
                # Likewise the kept active shops: every kept rule (the policy's one at least) filled again from
                # the shop rollups, with the triggers on (they set which shops are active and count them per
                # village), before the VACUUM ANALYZE below.
                from certification.selectors import policy_in_force
                from certification.services import policy_default_ensure
                from orders.services.activity import activity_rule_get_or_add

                policy = policy_in_force(on=cutoff) or policy_default_ensure()
                activity_rule_get_or_add(
                    lookback_months=policy.active_lookback_months,
                    min_orders_per_month=policy.active_min_orders_per_month,
                )
                _execute("SET session_replication_role = origin")
                activity_rules_rebuild()
                _execute("SET session_replication_role = replica")
            elif step == "analyze":
                for table in (
                    "villages_village",
                    "shops_shop",
                    "orders_order",
                    "orders_shopmonthlysales",
                    "orders_villagemonthlysales",
                    # The kept active shops: without a vacuum their index-only scans visit the heap (run 4.0 s
                    # right after the backfill, 1.7-2.5 s after VACUUM ANALYZE, full scale, load 8-12).
                    "orders_shopactivity",
                    "orders_villageactiveshops",
                ):
                    _execute(f"VACUUM ANALYZE {table}")
    finally:
        _execute("SET session_replication_role = origin")
    counts = {
        "villages": _scalar("SELECT count(*) FROM bench_cert_villages"),
        "shops": _scalar("SELECT count(*) FROM shops_shop s JOIN bench_cert_villages b ON b.id = s.village_id"),
        "orders": _scalar(
            "SELECT count(*) FROM orders_order o JOIN shops_shop s ON s.id = o.shop_id "
            "JOIN bench_cert_villages b ON b.id = s.village_id"
        ),
        "rollups": _scalar(
            "SELECT count(*) FROM orders_shopmonthlysales m JOIN shops_shop s ON s.id = m.shop_id "
            "JOIN bench_cert_villages b ON b.id = s.village_id"
        ),
        "village_rollups": _scalar(
            "SELECT count(*) FROM orders_villagemonthlysales m JOIN bench_cert_villages b ON b.id = m.village_id"
        ),
    }
    _execute(
        f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, %s)",  # noqa: S608
        [scale.villages, scale.shops, scale.orders, cutoff],
    )
    return {"reused": False, "seconds": time.perf_counter() - started, **counts}


def _village_ids() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM bench_cert_villages ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def _geography(*, scale: Scale, shops_per_village: float) -> None:
    """Counties, townships, villages with a tier each, and the two bench users."""
    from accounts.models import Role, User

    province_id = _scalar("SELECT id FROM villages_province ORDER BY code LIMIT 1")
    townships = -(-scale.villages // VILLAGES_PER_TOWNSHIP)
    counties = -(-townships // TOWNSHIPS_PER_COUNTY)
    _execute(
        "INSERT INTO villages_county (province_id, name, name_zh, is_poverty_county) "
        "SELECT %s, %s || ' ' || n, '', n %% 3 = 0 FROM generate_series(1, %s) n",
        [province_id, COUNTY_PREFIX, counties],
    )
    _execute(
        """
        INSERT INTO villages_township (county_id, name, name_zh)
        SELECT c.id, 'Bench township ' || n, ''
        FROM generate_series(1, %s) n
        JOIN villages_county c ON c.name = %s || ' ' || ((n - 1) / %s + 1)
        """,
        [townships, COUNTY_PREFIX, TOWNSHIPS_PER_COUNTY],
    )
    # tier by village number: 0-69 far, 70-79 just under, 80-89 just over, 90-99 large (per hundred).
    _execute(
        """
        INSERT INTO villages_village (township_id, name, name_zh, population, households, is_poor_village, description)
        SELECT t.id, 'Bench village ' || n, '', 3000 + (n * 37) %% 4000, 800 + (n * 53) %% 1200, n %% 7 = 0, ''
        FROM generate_series(1, %s) n
        JOIN villages_township t ON t.name = 'Bench township ' || ((n - 1) / %s + 1)
        JOIN villages_county c ON c.id = t.county_id AND c.name LIKE %s
        """,
        [scale.villages, VILLAGES_PER_TOWNSHIP, f"{COUNTY_PREFIX}%"],
    )
    _execute("DROP TABLE IF EXISTS bench_cert_villages")
    # Shop counts per tier are scaled so the total matches the requested shops per village on average.
    factor = shops_per_village / 100.0
    _execute(
        """
        CREATE TABLE bench_cert_villages AS
        SELECT v.id, n.n AS number, n.n %% 100 AS tier_slot,
               CASE WHEN n.n %% 100 < 70 THEN 'far' WHEN n.n %% 100 < 80 THEN 'under'
                    WHEN n.n %% 100 < 90 THEN 'over' ELSE 'large' END AS tier
        FROM villages_village v
        JOIN LATERAL (SELECT substring(v.name from 'Bench village (\\d+)')::int AS n) n ON true
        JOIN villages_township t ON t.id = v.township_id
        JOIN villages_county c ON c.id = t.county_id AND c.name LIKE %s
        """,
        [f"{COUNTY_PREFIX}%"],
    )
    # Per tier: shops, the number of them that are active (the first `active_target` shops of the village;
    # the others are closed, suspended, opened days ago or dormant) and the target sales over the window.
    _execute(
        """
        ALTER TABLE bench_cert_villages ADD COLUMN shops int, ADD COLUMN active_target int, ADD COLUMN sales numeric;
        UPDATE bench_cert_villages SET
          shops = CASE tier WHEN 'far' THEN 20 + (number * 7919) %% 61 WHEN 'under' THEN 112 WHEN 'over' THEN 115
                            ELSE 380 + (number * 104729) %% 201 END,
          sales = CASE tier WHEN 'far' THEN 500000 + (number * 104729) %% 4500000
                            WHEN 'under' THEN CASE WHEN number %% 2 = 0 THEN 9400000 + (number * 31) %% 400000
                                                   ELSE 10300000 END
                            WHEN 'over' THEN 10300000 + (number * 131) %% 400000
                            ELSE 15000000 + (number * 7919) %% 45000000 END
        """
    )
    # 'under': odd villages have the sales but 95-99 active shops, even ones 100-104 shops but not the sales.
    _execute(
        """
        UPDATE bench_cert_villages SET active_target = CASE
            WHEN tier = 'far' THEN shops * 8 / 10
            WHEN tier = 'under' AND number %% 2 = 1 THEN 95 + number %% 5
            WHEN tier = 'under' THEN 100 + number %% 5
            WHEN tier = 'over' THEN 100 + number %% 11
            ELSE shops * 85 / 100 END
        """
    )
    if factor != 1.0:
        _execute(
            "UPDATE bench_cert_villages SET shops = GREATEST(1, round(shops * %s)), "
            "active_target = GREATEST(0, round(active_target * %s))",
            [factor, factor],
        )
    _execute("CREATE INDEX ON bench_cert_villages (id)")
    password = make_password(None)
    first_village = _scalar("SELECT min(id) FROM bench_cert_villages")
    for username, role in (("bench_cert_farmer", Role.FARMER), ("bench_cert_buyer", Role.BUYER)):
        User.objects.update_or_create(
            username=username, defaults={"role": role, "password": password, "home_village_id": first_village}
        )


@transaction.atomic
def _shops(*, part: int, parts: int, cutoff: datetime.date) -> None:
    """The shops of one slice of villages: shop k <= active_target is open for long and will sell every month;
    the others are in turn closed, suspended, opened under 25 days before the cut-off, or open but dormant."""
    owner = _scalar("SELECT id FROM accounts_user WHERE username = 'bench_cert_farmer'")
    _execute(
        """
        INSERT INTO shops_shop (village_id, owner_id, is_cooperative, name, slug, description, status, opened_on,
                                created_at, created_by_id, rating_average, rating_count)
        SELECT b.id, %(owner)s, k %% 17 = 0, 'Bench shop ' || b.id || '-' || k, 'bench-cert-' || b.id || '-' || k, '',
               CASE WHEN k <= b.active_target THEN 'open'
                    WHEN k %% 4 = 0 THEN 'closed' WHEN k %% 4 = 1 THEN 'suspended' ELSE 'open' END,
               CASE WHEN k > b.active_target AND k %% 4 = 2 THEN %(cutoff)s::date - (k %% 25)::int
                    ELSE %(cutoff)s::date - 120 - ((b.id * 7 + k * 13) %% 2500)::int END,
               now(), NULL, 0, 0
        FROM bench_cert_villages b
        CROSS JOIN LATERAL generate_series(1, b.shops) k
        WHERE b.number %% %(parts)s = %(part)s
        """,
        {"owner": owner, "cutoff": cutoff, "parts": parts, "part": part},
    )


PARETO_ALPHA = 1.16
MAX_ORDERS_PER_SHOP = 20_000


@transaction.atomic
def _order_plan(*, total: int, cutoff: datetime.date) -> None:
    """Per bench shop: its kind (monthly-active, recent, dormant), its number of orders and its season.

    Orders per shop: min + (Pareto draw - min) * f, with f chosen so the sum is `total`; the rounding
    remainder goes to the biggest shop. A draw comes from the md5 of the shop id (deterministic).
    """
    _execute("DROP TABLE IF EXISTS bench_cert_order_plan")
    _execute(
        """
        CREATE TABLE bench_cert_order_plan AS
        SELECT s.id AS shop_id, s.village_id, kind.kind,
               CASE WHEN kind.kind = 'monthly' THEN 3 ELSE 1 END AS minimum,
               LEAST(%(cap)s, CASE WHEN kind.kind = 'monthly' THEN 3 ELSE 1 END
                              * power(GREATEST(u.u, 1e-9), -1.0 / %(alpha)s)) AS draw,
               0::int AS n,
               ((s.id * 7919) %% 12) AS season
        FROM shops_shop s
        JOIN bench_cert_villages b ON b.id = s.village_id
        CROSS JOIN LATERAL (SELECT ('x' || substr(md5(s.id::text), 1, 8))::bit(32)::bigint / 4294967296.0 AS u) u
        CROSS JOIN LATERAL (
            SELECT CASE WHEN split_part(s.slug, '-', 4)::int <= b.active_target THEN 'monthly'
                        WHEN s.opened_on > %(cutoff)s::date - 30 THEN 'recent' ELSE 'dormant' END AS kind
        ) kind
        """,
        {"cap": MAX_ORDERS_PER_SHOP, "alpha": PARETO_ALPHA, "cutoff": cutoff},
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(minimum), sum(draw - minimum) FROM bench_cert_order_plan")
        minimum, spread = cursor.fetchone()
    factor = max(0.0, (total - int(minimum)) / float(spread or 1))
    _execute("UPDATE bench_cert_order_plan SET n = minimum + round((draw - minimum) * %s)::int", [factor])
    remainder = total - int(_scalar("SELECT sum(n) FROM bench_cert_order_plan"))
    _execute(
        "UPDATE bench_cert_order_plan SET n = n + %s WHERE shop_id = "
        "(SELECT shop_id FROM bench_cert_order_plan ORDER BY n DESC, shop_id LIMIT 1)",
        [remainder],
    )
    # What a village's counted window orders will be (for the order amounts): dormant orders are 3/4 inside.
    _execute("ALTER TABLE bench_cert_villages ADD COLUMN IF NOT EXISTS window_orders numeric")
    _execute(
        """
        UPDATE bench_cert_villages b SET window_orders = GREATEST(1, p.expected)
        FROM (SELECT village_id, sum(CASE WHEN kind = 'dormant' THEN n * 0.75 ELSE n END) * 0.927 AS expected
              FROM bench_cert_order_plan GROUP BY village_id) p
        WHERE p.village_id = b.id
        """
    )
    _execute("CREATE INDEX ON bench_cert_order_plan (shop_id)")
    _execute("ANALYZE bench_cert_order_plan")


@transaction.atomic
def _orders(*, part: int, parts: int, cutoff: datetime.date) -> None:
    """The orders of one slice of shops, as many as the shop's plan says.

    An active shop sells its first 3 orders in one of the 3 look-back months (never cancelled or refunded:
    the shop's tier decides whether it is active), the rest in its season: 3 months for a small shop, one
    more month per 20 orders, all 12 for big shops. A dormant shop sells 4 to 15 months back (partly
    outside the window); a shop opened days ago sells since its opening. An order's total is the village's
    target sales over its expected number of counted window orders, +-30 %.
    """
    buyer = _scalar("SELECT id FROM accounts_user WHERE username = 'bench_cert_buyer'")
    province = _scalar("SELECT id FROM villages_province ORDER BY code DESC LIMIT 1")
    _execute(
        """
        INSERT INTO orders_order (number, checkout_id, status, recipient_name, recipient_phone, ship_city, ship_county,
            ship_address, subtotal, shipping_fee, total, refunded_amount, carrier, tracking_number, cancel_reason,
            placed_at, paid_at, buyer_id, ship_province_id, shop_id, suspect_reasons, trust_review, trust_review_note,
            freight_detail, pickup_code)
        SELECT 'BC' || s.id || '-' || k,
               md5(s.id || '-' || k)::uuid,
               st.status, 'Bench buyer', '13800000000', 'Nanjing', 'Xuanwu', '1 Zhongshan Road',
               amount.total, 0, amount.total,
               CASE st.status WHEN 'refunded' THEN amount.total
                              ELSE CASE WHEN k %% 97 = 0 THEN round(amount.total / 3, 2) ELSE 0 END END,
               '', '', '',
               moment.at - interval '1 hour',
               CASE WHEN st.status = 'cancelled' THEN NULL ELSE moment.at END,
               %(buyer)s, %(province)s, s.id, '[]'::jsonb, '', '', '{}'::jsonb, ''
        FROM bench_cert_order_plan p
        JOIN shops_shop s ON s.id = p.shop_id
        JOIN bench_cert_villages b ON b.id = p.village_id
        CROSS JOIN LATERAL generate_series(1, p.n) k
        CROSS JOIN LATERAL (SELECT LEAST(12, 3 + p.n / 20) AS length) season
        CROSS JOIN LATERAL (SELECT CASE WHEN p.kind = 'monthly' AND k <= 3 THEN 'completed'
                                        WHEN (s.id + k) %% 33 = 0 THEN 'cancelled'
                                        WHEN (s.id + k) %% 25 = 0 THEN 'refunded'
                                        WHEN (s.id + k) %% 50 = 1 THEN 'paid'
                                        WHEN (s.id + k) %% 50 = 2 THEN 'shipped'
                                        ELSE 'completed' END AS status) st
        CROSS JOIN LATERAL (
            SELECT round(b.sales / b.window_orders * (0.7 + ((s.id * 31 + k * 17) %% 61) / 100.0), 2) AS total
        ) amount
        CROSS JOIN LATERAL (
            SELECT CASE WHEN p.kind = 'recent'
                        THEN s.opened_on::timestamp
                             + ((k * 7) %% GREATEST(1, %(cutoff)s::date - s.opened_on)) * interval '1 day'
                        ELSE %(cutoff)s::timestamp
                             - (CASE WHEN p.kind = 'monthly' AND k <= 3 THEN 1 + s.id %% 3
                                     WHEN p.kind = 'monthly' THEN 1 + (p.season + k %% season.length) %% 12
                                     ELSE 4 + (p.season + k %% season.length) %% 12 END)
                               * interval '1 month'
                             + ((s.id * 131 + k * 977) %% 28) * interval '1 day'
                   END + ((k * 3571) %% 86400) * interval '1 second' AS at
        ) moment
        WHERE s.id %% %(parts)s = %(part)s
        """,
        {"buyer": buyer, "province": province, "cutoff": cutoff, "parts": parts, "part": part},
    )
