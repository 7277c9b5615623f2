"""Bench data for the national certification run: villages, shops, 24 months of rollups and the kept active shops.

Generated at the rollup level (no orders): what the payments' transactions and the database's triggers would
have left behind, written directly in SQL, set-based, in slices of villages so a progress bar moves:
- villages_village, shops_shop;
- orders.ShopMonthlySales, 24 months ending with the month before the cut-off, and orders.VillageMonthlySales
  (their sums, in the same statement);
- for the policy's active-shop rule: orders.ShopActivity (per shop and month, the orders over the look-back
  ending with that month, and `active` from the same SQL function as the triggers) and
  orders.VillageActiveShops (their count per village and month, in the same statement); the rule is marked
  ready, so a run reads one kept row per village.
`tests/certification/test_national_data.py` checks at a tiny scale that these are exactly what the app's own
rebuilds (village rollups, the rule's backfill) make from the shop rollups, and that the run agrees with the
figures computed from the rollups.

The load runs with triggers and foreign-key checks off (session_replication_role = replica: the data is
consistent by construction), the secondary indexes dropped and built again after it, the plans in UNLOGGED
staging tables; then VACUUM ANALYZE. It needs a database of its own (the `national` scenario's): regenerating
empties its villages, shops and everything under them.

Shape (by village number, in blocks of 100 villages and exactly 1,000 shops): 98 small villages (3-11 shops,
60 % active, 0.1-3 M yuan a year), one near the thresholds (110-120 shops; by block: 95-99 active with the
sales, 100-104 active short of sales, or 100-110 active and 10.3-10.7 M) and one large (192-202 shops, 85 %
active, 15-60 M): about 1.5 % of villages eligible, like the ~7,800 Taobao villages of 2022 among China's half
a million. A shop sells the same number of orders (a Pareto draw, alpha 1.16) each month of one season; active
shops sell in the look-back months (a few opened in the look-back's second month: the pro-rata rule), the
others are closed, suspended, opened days before the cut-off (active for the month, too young for the rule)
or dormant (season 4-15 months back, or a single order in the look-back: not enough).
"""

from __future__ import annotations

import datetime
import json
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from core.progress import progress

MARKER_TABLE = "bench_national_scale_v1"  # a new name when the data's shape changes
COUNTY_PREFIX = "Bench national county"
VILLAGES_PER_TOWNSHIP = 10
TOWNSHIPS_PER_COUNTY = 10
MONTHS = 24
SLICE_VILLAGES = 25_000
PARETO_ALPHA = 1.16
MAX_ORDERS_PER_MONTH = 400


@dataclass(frozen=True)
class NationalScale:
    villages: int
    months: int = MONTHS

    def __post_init__(self):
        if self.villages % 100:
            raise ValueError("national bench villages come in blocks of 100")

    @property
    def shops(self) -> int:
        return self.villages * 10  # 1,000 shops per block of 100 villages


SCALES = {
    "tiny": NationalScale(villages=200),
    "small": NationalScale(villages=5_000),
    "full": NationalScale(villages=500_000),
}


def _execute(sql: str, params: list | tuple | dict | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def _scalar(sql: str, params: list | tuple | dict | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
        return row[0] if row else None


def existing() -> tuple[int, datetime.date, dict] | None:
    """(villages, cut-off, row counts) of the data in this database, if generated."""
    _execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (villages int, months int, cutoff date, counts jsonb)")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT villages, cutoff, counts FROM {MARKER_TABLE}")  # noqa: S608
        row = cursor.fetchone()
    if not row:
        return None
    return row[0], row[1], row[2] if isinstance(row[2], dict) else json.loads(row[2])


def _secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, definition) of the table's indexes that back no constraint: dropped for the load, built after."""
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


LOADED_TABLES = (
    "villages_village",
    "shops_shop",
    "orders_shopmonthlysales",
    "orders_villagemonthlysales",
    "orders_shopactivity",
    "orders_villageactiveshops",
)


def _empty() -> None:
    """Empty the bench database's villages and all under them (TRUNCATE: DELETE of millions of rows takes long)."""
    _execute(f"DELETE FROM {MARKER_TABLE}")  # noqa: S608
    if _scalar("SELECT NOT EXISTS (SELECT 1 FROM villages_village)"):
        return
    database = connection.settings_dict["NAME"]
    if not database.endswith("_national"):
        raise RuntimeError(f"the national bench data needs a database of its own (*_national), not {database}")
    _execute(
        "TRUNCATE orders_shopactivity, orders_villageactiveshops, orders_shopmonthlysales, "
        "orders_villagemonthlysales, certification_villageevidence, shops_shop, villages_village, "
        "villages_township, villages_county CASCADE"
    )


def generate(
    *, scale: NationalScale, cutoff: datetime.date, quiet: bool = False, regenerate: bool = False, vacuum: bool = True
) -> dict:
    """Build the national bench data (reused if there for the same scale and cut-off). Returns what it did.

    `vacuum=False` (tests, inside a transaction) leaves out the closing VACUUM ANALYZE."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the national bench generator needs PostgreSQL")
    found = existing()
    if found and found[:2] == (scale.villages, cutoff) and not regenerate:
        return {"reused": True, "seconds": 0.0, "counts": found[2]}
    started = time.perf_counter()
    _empty()
    from certification.selectors import policy_in_force
    from certification.services import policy_default_ensure
    from orders.models import ActivityRule

    policy = policy_in_force(on=cutoff) or policy_default_ensure()
    rule, _ = ActivityRule.objects.get_or_create(
        lookback_months=policy.active_lookback_months, min_orders_per_month=policy.active_min_orders_per_month
    )
    slices = -(-scale.villages // SLICE_VILLAGES)
    steps = ["plan"] + [f"{what} {i + 1}/{slices}" for what in ("shops", "rollups", "activity") for i in range(slices)]
    steps += ["indexes", "vacuum analyze"] if vacuum else ["indexes"]
    indexes = {table: _secondary_indexes(table) for table in LOADED_TABLES}
    bar = progress(steps, desc="national certification bench data", disable=quiet)
    _execute("SET session_replication_role = replica")  # triggers and FK checks off: consistent by construction
    _execute("SET work_mem = '64MB'")
    try:
        for step in bar:
            if step == "plan":
                _geography(scale=scale)
                _plan(scale=scale, cutoff=cutoff)
                for found in indexes.values():
                    for name, _definition in found:
                        _execute(f'DROP INDEX IF EXISTS "{name}"')
            elif step == "indexes":
                _execute("SET maintenance_work_mem = '512MB'")
                for found in indexes.values():
                    for _name, definition in found:
                        _execute(definition)
                _execute("RESET maintenance_work_mem")
            elif step == "vacuum analyze":
                for table in LOADED_TABLES:
                    _execute(f"VACUUM ANALYZE {table}")
            else:
                what, numbers = step.split()
                part = int(numbers.split("/")[0]) - 1
                low, high = part * SLICE_VILLAGES, min(scale.villages, (part + 1) * SLICE_VILLAGES)
                {"shops": _shops, "rollups": _rollups, "activity": _activity}[what](
                    low=low, high=high, cutoff=cutoff, rule=rule
                )
    finally:
        _execute("SET session_replication_role = origin")
        _execute("RESET work_mem")
    _execute("SELECT setval(pg_get_serial_sequence('shops_shop', 'id'), (SELECT max(id) FROM shops_shop))")
    last_village = _scalar("SELECT max(id) FROM villages_village") or 0
    # The loaded rule is complete; any other kept rule is filled again by the next run that needs it.
    ActivityRule.objects.filter(pk=rule.pk).update(ready=True, built_upto_village=last_village)
    ActivityRule.objects.exclude(pk=rule.pk).update(ready=False, built_upto_village=0)
    found = counts()
    _execute(
        f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, %s, %s)",  # noqa: S608
        [scale.villages, scale.months, cutoff, json.dumps(found)],
    )
    return {"reused": False, "seconds": time.perf_counter() - started, "counts": found}


def counts() -> dict[str, int]:
    """Rows of the loaded tables (exact counts: a few seconds at national scale)."""
    return {table: _scalar(f"SELECT count(*) FROM {table}") for table in LOADED_TABLES}  # noqa: S608


@transaction.atomic
def _geography(*, scale: NationalScale) -> None:
    """Counties, townships and villages (ids in village-number order), the owner of the shops, and the village
    plan (UNLOGGED): per village its tier, shops, active shops and yearly sales target."""
    from accounts.models import Role, User

    province_id = _scalar("SELECT id FROM villages_province ORDER BY code LIMIT 1")
    townships = -(-scale.villages // VILLAGES_PER_TOWNSHIP)
    counties = -(-townships // TOWNSHIPS_PER_COUNTY)
    _execute(
        "INSERT INTO villages_county (province_id, name, name_zh, is_poverty_county) "
        "SELECT %s, %s || ' ' || n, '', n %% 3 = 0 FROM generate_series(1, %s) n ORDER BY n",
        [province_id, COUNTY_PREFIX, counties],
    )
    _execute(
        """
        INSERT INTO villages_township (county_id, name, name_zh)
        SELECT c.id, 'Bench township ' || n, ''
        FROM generate_series(1, %s) n
        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS number FROM villages_county WHERE name LIKE %s) c
          ON c.number = (n - 1) / %s + 1
        ORDER BY n
        """,
        [townships, f"{COUNTY_PREFIX}%", TOWNSHIPS_PER_COUNTY],
    )
    _execute(
        """
        INSERT INTO villages_village (township_id, name, name_zh, population, households, is_poor_village, description)
        SELECT t.id, 'Bench village ' || n, '', 1000 + (n * 37) %% 4000, 250 + (n * 53) %% 1200, n %% 7 = 0, ''
        FROM generate_series(1, %s) n
        JOIN (SELECT t.id, row_number() OVER (ORDER BY t.id) AS number
              FROM villages_township t JOIN villages_county c ON c.id = t.county_id WHERE c.name LIKE %s) t
          ON t.number = (n - 1) / %s + 1
        ORDER BY n
        """,
        [scale.villages, f"{COUNTY_PREFIX}%", VILLAGES_PER_TOWNSHIP],
    )
    _execute("DROP TABLE IF EXISTS bench_national_villages")
    # slot 0-97 small, 98 near the thresholds, 99 large; each block of 100 villages has exactly 1,000 shops
    # (the small ones 688: 3 + slot * 7 % 9 over 98 slots).
    _execute(
        """
        CREATE UNLOGGED TABLE bench_national_villages AS
        SELECT v.id, v.number, (v.number - 1) / 100 AS block, (v.number - 1) %% 100 AS slot
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS number FROM villages_village) v
        """
    )
    _execute(
        """
        ALTER TABLE bench_national_villages ADD COLUMN shops int, ADD COLUMN active_target int,
            ADD COLUMN sales numeric, ADD COLUMN price numeric;
        UPDATE bench_national_villages SET
          shops = CASE WHEN slot < 98 THEN 3 + slot * 7 %% 9 WHEN slot = 98 THEN 110 + block %% 11
                       ELSE 1000 - 688 - (110 + block %% 11) END,
          active_target = CASE WHEN slot < 98 THEN (3 + slot * 7 %% 9) * 6 / 10
                               WHEN slot = 98 AND block %% 4 = 0 THEN 95 + block %% 5
                               WHEN slot = 98 AND block %% 4 = 1 THEN 100 + block %% 5
                               WHEN slot = 98 THEN 100 + block %% 11
                               ELSE (1000 - 688 - (110 + block %% 11)) * 85 / 100 END,
          sales = CASE WHEN slot < 98 THEN 100000 + (number * 104729) %% 2900000
                       WHEN slot = 98 AND block %% 4 = 1 THEN 9400000 + (number * 31) %% 400000
                       WHEN slot = 98 THEN 10300000 + (number * 131) %% 400000
                       ELSE 15000000 + (number * 7919) %% 45000000 END;
        ALTER TABLE bench_national_villages ADD PRIMARY KEY (id);
        """
    )
    User.objects.update_or_create(
        username="bench_national_farmer",
        defaults={"role": Role.FARMER, "password": make_password(None), "home_village_id": None},
    )


@transaction.atomic
def _plan(*, scale: NationalScale, cutoff: datetime.date) -> None:
    """The shop plan (UNLOGGED): per shop its id (in village order), kind, status, opening day, selling months
    (indexes 0-23 into the 24 months, 21-23 the look-back) and orders a month; then each village's price per
    order, so that its window's sales come to its target."""
    base = _scalar("SELECT COALESCE(max(id), 0) FROM shops_shop")
    _execute("DROP TABLE IF EXISTS bench_national_shops")
    _execute(
        """
        CREATE UNLOGGED TABLE bench_national_shops AS
        WITH shop AS (
            SELECT %(base)s + row_number() OVER (ORDER BY b.id, k) AS id, b.id AS village_id, k, b.active_target,
                   b.number
            FROM bench_national_villages b CROSS JOIN LATERAL generate_series(1, b.shops) k
        ), drawn AS (
            SELECT shop.*,
                   GREATEST(1, LEAST(%(cap)s, floor(power(
                       GREATEST(((shop.id * 2654435761) %% 4294967296)::float8 / 4294967296.0, 1e-9),
                       -1.0 / %(alpha)s::float8))))::int AS per_month,
                   CASE WHEN k <= active_target AND k %% 20 = 7 THEN 'prorata'
                        WHEN k <= active_target THEN 'monthly'
                        WHEN k %% 4 = 0 THEN 'closed' WHEN k %% 4 = 1 THEN 'suspended'
                        WHEN k %% 4 = 2 THEN 'recent'
                        WHEN k %% 8 = 3 THEN 'once' ELSE 'dormant' END AS kind
            FROM shop
        ), season AS (
            SELECT drawn.*, LEAST(%(months)s, 3 + per_month / 4) AS length,
                   CASE kind WHEN 'prorata' THEN %(months)s - 2 WHEN 'recent' THEN %(months)s - 1
                             WHEN 'once' THEN %(months)s - 3
                             WHEN 'closed' THEN %(months)s - 1 - k %% 6 WHEN 'suspended' THEN %(months)s - 1 - k %% 6
                             WHEN 'dormant' THEN %(months)s - 5 - k %% 12
                             ELSE %(months)s - 1 END AS last
            FROM drawn
        )
        SELECT id, village_id, kind,
               CASE kind WHEN 'closed' THEN 'closed' WHEN 'suspended' THEN 'suspended' ELSE 'open' END AS status,
               CASE kind WHEN 'prorata'
                         THEN %(first)s::date + make_interval(months => %(months)s - 2, days => (id %% 20)::int)
                         WHEN 'recent' THEN %(cutoff)s::date - (id %% 25)::int
                         ELSE LEAST(%(cutoff)s::date - 120 - ((village_id * 7 + k * 13) %% 2500)::int,
                                    %(first)s::date + make_interval(months => GREATEST(0, last - length + 1)))
               END::date AS opened_on,
               CASE kind WHEN 'prorata' THEN %(months)s - 2 WHEN 'recent' THEN %(months)s - 1
                         WHEN 'once' THEN %(months)s - 3
                         ELSE GREATEST(0, last - length + 1) END AS first_month,
               -- a shop opened on the cut-off day itself has sold nothing yet
               CASE WHEN kind = 'recent' AND id %% 25 = 0 THEN -1 ELSE last END AS last_month,
               CASE kind WHEN 'once' THEN 1 ELSE per_month END AS per_month,
               k %% 17 = 0 AS cooperative
        FROM season
        """,
        {
            "base": base,
            "cap": MAX_ORDERS_PER_MONTH,
            "alpha": PARETO_ALPHA,
            "months": scale.months,
            "cutoff": cutoff,
            "first": _first_month(cutoff=cutoff, months=scale.months),
        },
    )
    _execute("ALTER TABLE bench_national_shops ADD PRIMARY KEY (id)")
    # The window is the last 12 months (indexes 12-23): price per order = target / the window's orders.
    _execute(
        """
        UPDATE bench_national_villages b SET price = b.sales / GREATEST(1, w.orders)
        FROM (SELECT village_id,
                     sum(per_month * GREATEST(0, LEAST(last_month, %(last)s) - GREATEST(first_month, %(window)s) + 1))
                         AS orders
              FROM bench_national_shops GROUP BY village_id) w
        WHERE w.village_id = b.id
        """,
        {"last": scale.months - 1, "window": scale.months - 12},
    )
    _execute("ANALYZE bench_national_villages")
    _execute("ANALYZE bench_national_shops")


def _first_month(*, cutoff: datetime.date, months: int) -> datetime.date:
    index = cutoff.year * 12 + cutoff.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _village_range(low: int, high: int) -> list[int]:
    """Village ids of numbers low+1 .. high (ids follow numbers)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(id), max(id) FROM bench_national_villages WHERE number > %s AND number <= %s", [low, high]
        )
        return list(cursor.fetchone())


@transaction.atomic
def _shops(*, low: int, high: int, cutoff: datetime.date, rule) -> None:
    owner = _scalar("SELECT id FROM accounts_user WHERE username = 'bench_national_farmer'")
    first, last = _village_range(low, high)
    _execute(
        """
        INSERT INTO shops_shop (id, village_id, owner_id, is_cooperative, name, slug, description, status, opened_on,
                                created_at, created_by_id, rating_average, rating_count)
        SELECT p.id, p.village_id, %s, p.cooperative, 'Bench shop ' || p.id,
               'bench-national-' || lpad(p.id::text, 9, '0'), '', p.status, p.opened_on, now(), NULL, 0, 0
        FROM bench_national_shops p
        WHERE p.village_id BETWEEN %s AND %s
        ORDER BY p.id
        """,
        [owner, first, last],
    )


@transaction.atomic
def _rollups(*, low: int, high: int, cutoff: datetime.date, rule) -> None:
    """The shop rollups of a slice of villages, and their village rollups from the rows just written."""
    first, last = _village_range(low, high)
    _execute(
        """
        WITH written AS (
            INSERT INTO orders_shopmonthlysales (month, sales_volume, order_count, shop_id, village_id)
            SELECT (%(first_month)s::date + make_interval(months => i))::date,
                   round(p.per_month * b.price * (0.85 + ((p.id * 31 + i * 17) %% 31) / 100.0), 2),
                   p.per_month, p.id, p.village_id
            FROM bench_national_shops p
            JOIN bench_national_villages b ON b.id = p.village_id
            CROSS JOIN LATERAL generate_series(p.first_month, p.last_month) i
            WHERE p.village_id BETWEEN %(low)s AND %(high)s
            ORDER BY p.id, i
            RETURNING village_id, month, sales_volume, order_count
        )
        INSERT INTO orders_villagemonthlysales (village_id, month, sales_volume, order_count)
        SELECT village_id, month, sum(sales_volume), sum(order_count) FROM written GROUP BY 1, 2 ORDER BY 1, 2
        """,
        {"first_month": _first_month(cutoff=cutoff, months=MONTHS), "low": first, "high": last},
    )


@transaction.atomic
def _activity(*, low: int, high: int, cutoff: datetime.date, rule) -> None:
    """The kept active shops of a slice: per shop and month M (from its first selling month to the look-back's
    end after its last), the orders of the look-back ending with M, `active` by the triggers' own SQL function;
    and per village and month the count of active shops, from the rows just written.

    A shop sells the same orders each month of one season [first, last], so the orders over the look-back
    ending with M are per_month times the months of the season in (M - look-back, M]: no grouping needed."""
    first, last = _village_range(low, high)
    _execute(
        """
        WITH written AS (
            INSERT INTO orders_shopactivity (rule_id, shop_id, village_id, month, orders, shop_open, opened_on, active)
            SELECT %(rule)s, p.id, p.village_id, month.month, orders.orders, p.status = 'open', p.opened_on,
                   orders_activity_is_active(p.status = 'open', p.opened_on, month.month, orders.orders,
                                             %(lookback)s, %(per_month)s)
            FROM bench_national_shops p
            CROSS JOIN LATERAL generate_series(p.first_month, p.last_month + %(lookback)s - 1) m
            CROSS JOIN LATERAL (SELECT (%(first_month)s::date + make_interval(months => m))::date AS month) month
            CROSS JOIN LATERAL (
                SELECT p.per_month * (LEAST(m, p.last_month) - GREATEST(m - %(lookback)s + 1, p.first_month) + 1)
                    AS orders
            ) orders
            WHERE p.village_id BETWEEN %(low)s AND %(high)s AND p.last_month >= p.first_month
            ORDER BY p.id, m
            RETURNING rule_id, village_id, month, active
        )
        INSERT INTO orders_villageactiveshops (rule_id, village_id, month, active_shops)
        SELECT rule_id, village_id, month, count(*) FROM written WHERE active GROUP BY 1, 2, 3 ORDER BY 1, 3, 2
        """,
        {
            "rule": rule.pk,
            "lookback": rule.lookback_months,
            "per_month": rule.min_orders_per_month,
            "first_month": _first_month(cutoff=cutoff, months=MONTHS),
            "low": first,
            "high": last,
        },
    )
