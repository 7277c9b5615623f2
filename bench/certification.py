"""Certification run over the monthly rollups vs the naive GROUP BY over raw orders (same data, same run).

`python -m bench --only certification` runs this scenario alone (it then leaves bench/RESULTS.md as it is).

Scales: small = 200 villages / 20,000 shops / 200,000 orders; full = 10,000 / 1,000,000 / 10,000,000
(BENCH_CERT_SCALE=medium picks 2,000 / 200,000 / 2,000,000). Goal: the full run under 30 s and at
least 10 times faster than the naive scan. The run's per-village results are checked against the naive ones.
"""

from __future__ import annotations

import datetime
import os
import time
from decimal import Decimal

from django.conf import settings
from django.db import connection

from bench.certification_data import SCALES, generate
from bench.report import Row

CUTOFF = datetime.date(2026, 11, 1)
RUN_GOAL_SECONDS = 30.0
SPEEDUP_GOAL = 10.0


def _naive(*, policy, window) -> dict[int, tuple[int, int, Decimal, int]]:
    """The same figures from raw orders: one GROUP BY over orders_order joined to shops (what rollups avoid)."""
    from certification.selectors import _months_open_case, add_months
    from orders.models import SALE_STATUSES

    lookback_start = add_months(window.end, -(policy.active_lookback_months - 1))
    lookback_starts = [add_months(lookback_start, i) for i in range(policy.active_lookback_months)]
    months_open_sql, months_open_params = _months_open_case(lookback_starts=lookback_starts, window_end=window.end)
    tz = settings.TIME_ZONE
    sales = tuple(str(status) for status in SALE_STATUSES)
    sql = f"""
        SELECT village_id, COUNT(*), SUM(is_active), COALESCE(SUM(volume), 0), COALESCE(SUM(orders), 0)
        FROM (
            SELECT s.village_id,
                   SUM(o.total - o.refunded_amount) AS volume,
                   COUNT(o.id) FILTER (WHERE o.status IN %s) AS orders,
                   CASE WHEN s.status = 'open' AND s.opened_on <= %s AND {months_open_sql} > 0
                         AND COUNT(o.id) FILTER (
                                 WHERE o.status IN %s AND o.paid_at >= (%s::date)::timestamp AT TIME ZONE %s
                             ) >= %s * ({months_open_sql})
                        THEN 1 ELSE 0 END AS is_active
            FROM shops_shop s
            LEFT JOIN orders_order o ON o.shop_id = s.id AND o.status <> 'cancelled' AND o.paid_at IS NOT NULL
                 AND o.paid_at >= (%s::date)::timestamp AT TIME ZONE %s
                 AND o.paid_at < (%s::date)::timestamp AT TIME ZONE %s
            GROUP BY s.id, s.village_id, s.status, s.opened_on
        ) per_shop
        GROUP BY village_id
    """  # noqa: S608
    params = [
        sales,
        CUTOFF - datetime.timedelta(days=policy.active_min_days_open),
        *months_open_params,
        sales,
        lookback_start,
        tz,
        policy.active_min_orders_per_month,
        *months_open_params,
        window.start,
        tz,
        window.end + datetime.timedelta(days=1),
        tz,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: (int(row[1]), int(row[2]), Decimal(row[3]), int(row[4])) for row in cursor.fetchall()}


def run(*, scale: str) -> list[Row]:
    from certification import selectors, services
    from certification.models import AssessmentRun, RunStatus, RunTrigger, VillageEvidence

    name = os.environ.get("BENCH_CERT_SCALE", scale)
    size = SCALES[name]
    data = generate(scale=size, cutoff=CUTOFF, quiet=False)
    AssessmentRun.objects.filter(status=RunStatus.RUNNING).update(status=RunStatus.FAILED, error="bench: cleared")
    rollups, village_rollups = _rollup_counts()
    # The policy's active-shop rule, kept by the database: filled from the shop rollups the first time (what a
    # new policy's first run does, step by step), then kept by the triggers; timed apart from the run.
    from certification.selectors import policy_in_force
    from orders.services.activity import activity_rule_build, activity_rule_get_or_add

    policy = policy_in_force(on=CUTOFF)
    rule = activity_rule_get_or_add(
        lookback_months=policy.active_lookback_months, min_orders_per_month=policy.active_min_orders_per_month
    )
    started = time.perf_counter()
    backfilled = not rule.ready
    activity_rule_build(rule_id=rule.pk)
    backfill_seconds = time.perf_counter() - started
    if backfilled:
        # As after any bulk write: without it the planner sees the tables as they were (empty) and the run's
        # index-only scans visit the heap.
        with connection.cursor() as cursor:
            for table in ("orders_shopactivity", "orders_villageactiveshops"):
                cursor.execute(f"VACUUM ANALYZE {table}")

    started = time.perf_counter()
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    run = services.assessment_run_execute(run_id=run.pk)
    run_seconds = time.perf_counter() - started

    window = selectors.Window(start=run.window_start, end=run.window_end)
    started = time.perf_counter()
    naive = _naive(policy=run.policy, window=window)
    naive_seconds = time.perf_counter() - started

    evidence = {
        e[0]: e[1:]
        for e in VillageEvidence.objects.filter(run=run).values_list(
            "village_id", "shops_total", "active_shops", "sales_volume", "order_count"
        )
    }
    same = all(evidence.get(village_id) == figures for village_id, figures in naive.items())
    eligible = VillageEvidence.objects.filter(run=run, eligible=True).count()
    short = VillageEvidence.objects.filter(run=run, eligible=False)
    near = (
        short.filter(shops_shortfall__lte=5, sales_shortfall=0).count()
        + short.filter(shops_shortfall=0, sales_shortfall__lte=Decimal("1000000")).count()
    )
    speedup = naive_seconds / run_seconds if run_seconds else 0.0
    setting = (
        f"{name}: {size.villages:,} villages, {size.shops:,} shops, {size.orders:,} orders, "
        f"{rollups:,} shop + {village_rollups:,} village rollups"
    )
    full = name == "full"
    load = "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    rows = [
        Row(
            "certification data generator",
            setting,
            p95_or_time="reused" if data["reused"] else f"{data['seconds']:.1f} s",
        ),
        Row(
            "certification active-shop rule backfill (once per rule)",
            setting,
            p95_or_time=f"{backfill_seconds:.1f} s" if backfilled else "kept",
        ),
        Row(
            "certification full run (rollups, SQL per chunk)",
            f"{setting}; {run.villages_done:,} villages assessed, {eligible} eligible, {near} just under",
            p95_or_time=f"{run_seconds:.2f} s",
            goal=f"< {RUN_GOAL_SECONDS:.0f} s at full scale",
            met=(run_seconds < RUN_GOAL_SECONDS) if full else None,
        ),
        Row(
            "certification naive GROUP BY over orders",
            f"{setting}; same figures as the run: {'yes' if same else 'NO'}",
            p95_or_time=f"{naive_seconds:.2f} s",
            met=same,
        ),
        Row(
            "certification run speed-up vs naive",
            f"{setting}; {load}",
            p95_or_time=f"{speedup:.1f}x",
            goal=f">= {SPEEDUP_GOAL:.0f}x at full scale",
            met=(speedup >= SPEEDUP_GOAL) if full else None,
        ),
    ]
    return rows


def _rollup_counts() -> tuple[int, int]:
    """The bench villages' shop rollup rows and village rollup rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM orders_shopmonthlysales m JOIN bench_cert_villages b ON b.id = m.village_id"
        )
        shops = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM orders_villagemonthlysales m JOIN bench_cert_villages b ON b.id = m.village_id"
        )
        return shops, cursor.fetchone()[0]
