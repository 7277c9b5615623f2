"""Reads for certification: the policy in force, the window, the SQL aggregation, evidence, the queue, towns.

The aggregation reads only the monthly rollups (orders.VillageMonthlySales for sales, orders.ShopMonthlySales of
the look-back months for active shops) and shops.Shop, in SQL: its cost grows with villages x months and with
shops, never with the number of orders.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from certification.models import (
    AssessmentRun,
    CertificationDecision,
    CertificationPolicy,
    CertificationStatus,
    RunStatus,
    VillageCertification,
    VillageEvidence,
)
from core.money import quantize_yuan
from orders.models import EXCLUDED_REVIEWS, Order, OrderStatus, ShopMonthlySales, TrustReview, VillageMonthlySales
from orders.services.rollups import LOCAL_TZ
from shops.models import Shop, ShopStatus
from villages.models import County, Township, Village


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + (day.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Window:
    """The assessment window: whole calendar months, `start` the first day, `end` the last day (inclusive)."""

    start: datetime.date
    end: datetime.date

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def assessment_window(*, cutoff: datetime.date, months: int) -> Window:
    """The `months` whole calendar months before the cut-off date's month.

    Cut-off 2026-11-25 with 12 months: 2025-11-01 .. 2026-10-31 (November 2026 is not whole yet).
    """
    first_of_cutoff_month = cutoff.replace(day=1)
    return Window(start=add_months(cutoff, -months), end=first_of_cutoff_month - datetime.timedelta(days=1))


def policy_in_force(*, on: datetime.date | None = None) -> CertificationPolicy | None:
    """The policy version with the latest effective date on or before `on` (today in Shanghai by default)."""
    on = on or timezone.localdate()
    return CertificationPolicy.objects.filter(effective_from__lte=on).order_by("-effective_from", "-version").first()


def policy_list() -> QuerySet[CertificationPolicy]:
    return CertificationPolicy.objects.select_related("created_by").order_by("-effective_from", "-version")


@dataclass(frozen=True)
class VillageFigures:
    village_id: int
    shops_total: int
    active_shops: int
    sales_volume: Decimal
    order_count: int


def _months_open_case(
    *, lookback_starts: list[datetime.date], window_end: datetime.date, column: str = "s.opened_on"
) -> tuple[str, list]:
    """SQL CASE giving how many of the look-back months the shop was open in (at least one day of each).

    With 3 look-back months A, B, C: opened before B -> 3, before C -> 2, by the end of C -> 1, later -> 0.
    Used for the pro-rata rule: a shop open 1-3 months needs 1 order per month it was open.
    """
    adapt = connection.ops.adapt_datefield_value
    count = len(lookback_starts)
    branches, params = [], []
    for index, month_start in enumerate(lookback_starts[1:], start=1):
        branches.append(f"WHEN {column} < %s THEN {count - index + 1}")
        params.append(adapt(month_start))
    branches.append(f"WHEN {column} <= %s THEN 1")
    params.append(adapt(window_end))
    return "CASE " + " ".join(branches) + " ELSE 0 END", params


def village_figures(
    *, policy: CertificationPolicy, cutoff: datetime.date, window: Window, village_id_after: int, village_id_upto: int
) -> dict[int, VillageFigures]:
    """Per village in (village_id_after, village_id_upto]: shops, active shops, sales volume and orders.

    One SQL statement over the rollups and the shops, never over orders; every part is an index range over
    the chunk's villages, so a chunk costs its own villages, shops and look-back rows:
    - sales volume and orders: the village rollups (orders.VillageMonthlySales, the sum of the shops'
      rollups) of the window, about 12 rows per village whatever its number of shops or orders;
    - active shops: the shop rollups of the `active_lookback_months` look-back months only, summed per shop
      (index (village, shop, month) INCLUDE (order_count)), joined to the shops (index (village, id)
      INCLUDE (status, opened_on)). Both come in (village, shop) order, so PostgreSQL merges them with
      index-only scans and no hashing or sorting.
    Villages without shops are absent.

    Active shop: status open, opened at least `active_min_days_open` days before the cut-off, and at least
    `active_min_orders_per_month` orders per month over the last `active_lookback_months` months of the
    window, pro rata for a shop open in only some of those months (see _months_open_case).
    Sales volume and orders count every shop of the village (a shop closed since still sold in the window).
    """
    adapt = connection.ops.adapt_datefield_value
    lookback_start = add_months(window.end, -(policy.active_lookback_months - 1))
    lookback_starts = [add_months(lookback_start, i) for i in range(policy.active_lookback_months)]
    months_open_sql, months_open_params = _months_open_case(lookback_starts=lookback_starts, window_end=window.end)
    shops = Shop._meta.db_table
    shop_rollups = ShopMonthlySales._meta.db_table
    village_rollups = VillageMonthlySales._meta.db_table
    sql = f"""
        WITH recent AS (
            SELECT m.village_id, m.shop_id, SUM(m.order_count) AS orders
            FROM {shop_rollups} m
            WHERE m.village_id > %s AND m.village_id <= %s AND m.month >= %s AND m.month <= %s
            GROUP BY m.village_id, m.shop_id
        ), per_village AS (
            SELECT s.village_id,
                   COUNT(*) AS shops_total,
                   SUM(CASE WHEN s.status = %s
                             AND s.opened_on <= %s
                             AND {months_open_sql} > 0
                             AND COALESCE(recent.orders, 0) >= %s * ({months_open_sql})
                            THEN 1 ELSE 0 END) AS active_shops
            FROM {shops} s
            LEFT JOIN recent ON recent.village_id = s.village_id AND recent.shop_id = s.id
            WHERE s.village_id > %s AND s.village_id <= %s
            GROUP BY s.village_id
        ), sales AS (
            SELECT v.village_id, SUM(v.sales_volume) AS volume, SUM(v.order_count) AS orders
            FROM {village_rollups} v
            WHERE v.village_id > %s AND v.village_id <= %s AND v.month >= %s AND v.month <= %s
            GROUP BY v.village_id
        )
        SELECT per_village.village_id, per_village.shops_total, per_village.active_shops,
               COALESCE(sales.volume, 0), COALESCE(sales.orders, 0)
        FROM per_village LEFT JOIN sales ON sales.village_id = per_village.village_id
    """  # noqa: S608 (table names come from the models, values are parameters)
    village_range = [village_id_after, village_id_upto]
    params = [
        *village_range,
        adapt(lookback_start),
        adapt(window.end),
        ShopStatus.OPEN,
        adapt(cutoff - datetime.timedelta(days=policy.active_min_days_open)),
        *months_open_params,
        policy.active_min_orders_per_month,
        *months_open_params,
        *village_range,
        *village_range,
        adapt(window.start),
        adapt(window.end),
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # The plan's cost estimate can be high enough to trigger JIT compilation, which takes longer
            # (~0.6 s) than the chunk's index scans themselves.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        village_id: VillageFigures(
            village_id=village_id,
            shops_total=int(total),
            active_shops=int(active or 0),
            # SQLite hands back floats for sums of decimals; str() keeps the digits, quantize rounds once.
            sales_volume=quantize_yuan(volume if isinstance(volume, Decimal) else Decimal(str(volume))),
            order_count=int(orders),
        )
        for village_id, total, active, volume, orders in rows
    }


@dataclass(frozen=True)
class VillageExclusions:
    held_orders: int = 0
    held_volume: Decimal = Decimal("0.00")
    fraud_orders: int = 0
    fraud_volume: Decimal = Decimal("0.00")


def village_exclusions(*, window: Window, village_id_after: int, village_id_upto: int) -> dict[int, VillageExclusions]:
    """Per village: the orders paid in the window that the rollups leave out (held for a fraud review, or confirmed
    fraud), with their amounts. One query over the few flagged orders (a partial index holds only them)."""
    start = datetime.datetime.combine(window.start, datetime.time.min, tzinfo=LOCAL_TZ)
    end = datetime.datetime.combine(add_months(window.start, window.months), datetime.time.min, tzinfo=LOCAL_TZ)
    rows = (
        Order.objects.filter(
            trust_review__in=EXCLUDED_REVIEWS,
            shop__village_id__gt=village_id_after,
            shop__village_id__lte=village_id_upto,
            paid_at__gte=start,
            paid_at__lt=end,
        )
        .exclude(status=OrderStatus.CANCELLED)
        .values("shop__village_id", "trust_review")
        .annotate(n=Count("pk"), volume=Sum(F("total") - F("refunded_amount")))
        .values_list("shop__village_id", "trust_review", "n", "volume")
        .order_by()
    )
    found: dict[int, dict] = {}
    for village_id, review, n, volume in rows:
        prefix = "fraud" if review == TrustReview.FRAUD else "held"
        found.setdefault(village_id, {})[f"{prefix}_orders"] = n
        found[village_id][f"{prefix}_volume"] = quantize_yuan(Decimal(str(volume or 0)))
    return {village_id: VillageExclusions(**values) for village_id, values in found.items()}


def latest_completed_run() -> AssessmentRun | None:
    return AssessmentRun.objects.filter(status=RunStatus.COMPLETED).order_by("-finished_at", "-pk").first()


def run_list() -> QuerySet[AssessmentRun]:
    return AssessmentRun.objects.select_related("policy", "started_by").order_by("-created_at", "-pk")


def running_run() -> AssessmentRun | None:
    return run_list().filter(status=RunStatus.RUNNING).first()


def evidence_list(*, run: AssessmentRun | None = None) -> QuerySet[VillageEvidence]:
    qs = VillageEvidence.objects.select_related("village__township__county", "run", "policy")
    if run is not None:
        qs = qs.filter(run=run)
    return qs.order_by("village__name", "village_id")


def latest_evidence_for_village(*, village_id: int) -> VillageEvidence | None:
    """The village's evidence from the latest completed run (a running run's partial results are not shown)."""
    return (
        VillageEvidence.objects.select_related("run", "policy")
        .filter(village_id=village_id, run__status=RunStatus.COMPLETED)
        .order_by("-run__finished_at", "-run_id")
        .first()
    )


def certification_for_village(*, village_id: int) -> VillageCertification | None:
    return VillageCertification.objects.select_related("last_decision").filter(village_id=village_id).first()


def decision_list() -> QuerySet[CertificationDecision]:
    return CertificationDecision.objects.select_related(
        "village__township__county", "decided_by", "evidence__run"
    ).order_by("-decided_at", "-pk")


def _latest_evidence_subquery(field: str) -> Subquery:
    return Subquery(
        VillageEvidence.objects.filter(village=OuterRef("pk"), run__status=RunStatus.COMPLETED)
        .order_by("-run__finished_at", "-run_id")
        .values(field)[:1]
    )


def village_certification_list(*, search: str = "") -> QuerySet[Village]:
    """Villages with their current label and the id of their latest completed evidence (constant queries)."""
    qs = (
        Village.objects.select_related("township__county__province", "certification")
        .annotate(latest_evidence_id=_latest_evidence_subquery("pk"))
        .order_by("name", "pk")
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(name_zh__icontains=search) | Q(township__name__icontains=search))
    return qs


def attach_latest_evidence(villages: list[Village]) -> list[Village]:
    """Set `village.latest_evidence` on each village of a page with one query."""
    ids = [v.latest_evidence_id for v in villages if getattr(v, "latest_evidence_id", None)]
    by_id = {e.pk: e for e in VillageEvidence.objects.select_related("run", "policy").filter(pk__in=ids)}
    for village in villages:
        village.latest_evidence = by_id.get(getattr(village, "latest_evidence_id", None))
    return villages


def village_decisions(*, village_id: int) -> QuerySet[CertificationDecision]:
    return decision_list().filter(village_id=village_id)


def village_evidence_history(*, village_id: int) -> QuerySet[VillageEvidence]:
    return (
        VillageEvidence.objects.select_related("run", "policy")
        .filter(village_id=village_id)
        .order_by("-run__created_at", "-run_id")
    )


def _valid_certifications(on: datetime.date | None = None) -> QuerySet[VillageCertification]:
    on = on or timezone.localdate()
    return VillageCertification.objects.filter(status=CertificationStatus.CERTIFIED, valid_until__gte=on)


def review_queue(*, limit: int = 100) -> dict[str, list[VillageEvidence]]:
    """Villages an admin should decide on, from the latest completed run.

    `newly_eligible`: eligible and without a valid label (first label or renewal);
    `lost_eligibility`: holding a valid label but no longer eligible.
    """
    run = latest_completed_run()
    if run is None:
        return {"newly_eligible": [], "lost_eligibility": []}
    certified = Exists(_valid_certifications().filter(village=OuterRef("village")))
    evidence = evidence_list(run=run).annotate(is_certified=certified)
    return {
        "newly_eligible": list(evidence.filter(eligible=True, is_certified=False)[:limit]),
        "lost_eligibility": list(evidence.filter(eligible=False, is_certified=True)[:limit]),
    }


def certified_villages(*, on: datetime.date | None = None) -> QuerySet[Village]:
    return Village.objects.filter(Exists(_valid_certifications(on).filter(village=OuterRef("pk")))).select_related(
        "certification"
    )


@dataclass(frozen=True)
class TownStatus:
    certified_villages: int
    required_villages: int
    sales_volume: Decimal
    active_shops: int
    is_town: bool
    by_sales_rule: bool
    policy: CertificationPolicy | None


def township_status(*, township: Township) -> TownStatus:
    """A Taobao town: >= N certified villages, or (optional rule) > 30 M yuan and > 300 active shops."""
    policy = policy_in_force()
    certified = certified_villages().filter(township=township).count()
    required = policy.town_min_certified_villages if policy else 3
    run = latest_completed_run()
    totals = {"volume": None, "shops": None}
    if run is not None:
        totals = VillageEvidence.objects.filter(run=run, village__township=township).aggregate(
            volume=Sum("sales_volume"), shops=Sum("active_shops")
        )
    volume = quantize_yuan(totals["volume"] or Decimal("0"))
    shops = totals["shops"] or 0
    by_sales = bool(
        policy
        and policy.town_sales_rule_enabled
        and volume > policy.town_min_sales_volume
        and shops > policy.town_min_active_shops
    )
    return TownStatus(
        certified_villages=certified,
        required_villages=required,
        sales_volume=volume,
        active_shops=shops,
        is_town=certified >= required or by_sales,
        by_sales_rule=by_sales and certified < required,
        policy=policy,
    )


@dataclass(frozen=True)
class ClusterStatus:
    certified_villages: int
    required_villages: int
    is_cluster: bool
    villages: list


def county_status(*, county: County) -> ClusterStatus:
    """A Taobao village cluster: >= N certified villages in the county."""
    policy = policy_in_force()
    required = policy.cluster_min_certified_villages if policy else 10
    villages = list(certified_villages().filter(township__county=county).order_by("name"))
    return ClusterStatus(
        certified_villages=len(villages),
        required_villages=required,
        is_cluster=len(villages) >= required,
        villages=villages,
    )


def run_evidence_summary(*, run: AssessmentRun) -> dict:
    return VillageEvidence.objects.filter(run=run).aggregate(
        villages=Count("pk"), eligible=Count("pk", filter=Q(eligible=True))
    )


def home_certified_villages(*, limit: int = 6) -> dict:
    """For the home page: certified villages, largest sales first, with their latest evidence's sales and
    active shops, and the Taobao towns among their townships (3 queries whatever the number of villages)."""
    policy = policy_in_force()
    required = policy.town_min_certified_villages if policy else 3
    certified = certified_villages()
    villages = list(
        certified.select_related("township__county__province")
        .annotate(
            latest_sales=_latest_evidence_subquery("sales_volume"),
            latest_active_shops=_latest_evidence_subquery("active_shops"),
        )
        .order_by(F("latest_sales").desc(nulls_last=True), "name")[:limit]
    )
    towns = list(
        Township.objects.select_related("county")
        .annotate(certified=Count("villages", filter=Q(villages__in=certified.values("pk"))))
        .filter(certified__gte=required)
        .order_by("-certified", "name")
    )
    return {"villages": villages, "towns": towns}
