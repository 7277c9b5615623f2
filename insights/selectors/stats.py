"""Sales figures for a village, a county, a province or a farmer, from SQL aggregates.

Every figure is one GROUP BY over monthly rollups (orders.ShopMonthlySales for volume and orders,
insights' ShopMonthlyDestination and ShopMonthlyProductSales, rebuilt from the orders in SQL by a beat
task) or the product views: a dashboard runs a fixed number of queries that scale with shops x months,
not with orders, and no Python loop ever walks orders. The whole result is cached (Redis when
REDIS_URL is set).

Conventions:
- A period is a range of whole calendar months (Asia/Shanghai), the rollups' key.
- Sales volume is net of refunds (the rollups'); cancelled and refunded orders do not count.
- Growth is year on year, in percent, rounded half up to 0.01; None (shown "—") when the earlier
  figure is zero or missing: no division by zero.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, DecimalField, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from core.money import ZERO, quantize_yuan
from insights.models import ProductDailyViews, ShopMonthlyDestination, ShopMonthlyProductSales
from insights.selectors.periods import Period, _add_months
from orders.models import ShopMonthlySales
from shops.models import ProductStatus, Shop, ShopStatus

CACHE_VERSION = 3
TOP = 10
MONEY = DecimalField(max_digits=14, decimal_places=2)
# Farmers (shop owners) behind a figure: the k of its k-anonymity.
SELLERS = Count("shop__owner_id", filter=Q(order_count__gt=0), distinct=True)
HUNDRED = Decimal(100)


# --- scopes


@dataclass(frozen=True)
class Scope:
    """Whose sales: the shops of a village, county or province, or the shops a farmer owns."""

    kind: str  # "village" | "county" | "province" | "farmer"
    pk: int

    _SHOP_LOOKUP = {
        "village": "village_id",
        "county": "village__township__county_id",
        "province": "village__township__county__province_id",
        "farmer": "owner_id",
    }

    def shops(self, prefix: str = "") -> Q:
        """A filter on the shop reached through `prefix` ("shop__", "order__shop__", "product__shop__")."""
        return Q(**{f"{prefix}{self._SHOP_LOOKUP[self.kind]}": self.pk})


def growth_percent(current: Decimal | None, previous: Decimal | None) -> Decimal | None:
    """Year-on-year growth in percent (0.01), or None when there is nothing to compare with."""
    if not previous:
        return None
    return ((Decimal(current or 0) - previous) * HUNDRED / previous).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- the figures, one query each


def _monthly(scope: Scope, period: Period) -> list[dict]:
    """Sales and orders per month of the period, with the same month a year earlier (one query)."""
    before = period.year_before()
    rows = (
        ShopMonthlySales.objects.filter(scope.shops("shop__"), month__gte=before.start, month__lte=period.end)
        .values("month")
        .annotate(volume=Sum("sales_volume"), orders=Sum("order_count"), farmers=SELLERS)
        .order_by("month")
    )
    by_month = {row["month"]: row for row in rows}
    series = []
    for month in period.months:
        row = by_month.get(month, {})
        earlier = by_month.get(_add_months(month, -12), {})
        volume = quantize_yuan(row.get("volume") or ZERO)
        previous = quantize_yuan(earlier.get("volume") or ZERO)
        series.append(
            {
                "month": month,
                "volume": volume,
                "orders": row.get("orders") or 0,
                "volume_year_before": previous,
                "growth": growth_percent(volume, previous),
                "farmers": row.get("farmers") or 0,
                "farmers_year_before": earlier.get("farmers") or 0,
            }
        )
    return series


def _yearly(scope: Scope, period: Period) -> list[dict]:
    """Sales per calendar year from the first year with sales to the period's last year (one query).

    A year with no sales is listed with 0 and no growth; so is the year after it.
    """
    rows = (
        ShopMonthlySales.objects.filter(scope.shops("shop__"), month__lte=period.end)
        .annotate(year=ExtractYear("month"))
        .values("year")
        .annotate(
            volume=Sum("sales_volume"),
            orders=Sum("order_count"),
            # The same months as the period's last year, when that year is not complete.
            to_date=Sum("sales_volume", filter=Q(month__month__lte=period.end.month)),
            farmers=SELLERS,
            farmers_to_date=Count(
                "shop__owner_id", filter=Q(order_count__gt=0, month__month__lte=period.end.month), distinct=True
            ),
        )
        .order_by("year")
    )
    by_year = {row["year"]: row for row in rows}
    if not by_year:
        return []
    years = []
    last = period.end.year
    for year in range(min(min(by_year), period.start.year), last + 1):
        row = by_year.get(year, {})
        volume = quantize_yuan(row.get("volume") or ZERO)
        months = period.end.month if year == last else 12
        before = by_year.get(year - 1, {}).get("to_date" if months < 12 else "volume") or ZERO
        growth = growth_percent(volume, quantize_yuan(before)) if year > min(by_year) else None
        earlier = by_year.get(year - 1, {}).get("farmers_to_date" if months < 12 else "farmers") or 0
        years.append(
            {
                "year": year,
                "months": months,
                "volume": volume,
                "orders": row.get("orders") or 0,
                "growth": growth,
                "farmers": row.get("farmers") or 0,
                "farmers_year_before": earlier,
            }
        )
    return years


def _totals(scope: Scope, period: Period) -> dict:
    """Period totals, the same months a year earlier, active shops and poverty-county sales (one query)."""
    before = period.year_before()
    in_period = Q(month__gte=period.start, month__lte=period.end)
    row = ShopMonthlySales.objects.filter(
        scope.shops("shop__"), month__gte=before.start, month__lte=period.end
    ).aggregate(
        volume=Coalesce(Sum("sales_volume", filter=in_period), ZERO, output_field=MONEY),
        orders=Coalesce(Sum("order_count", filter=in_period), 0),
        volume_year_before=Coalesce(
            Sum("sales_volume", filter=Q(month__gte=before.start, month__lte=before.end)), ZERO, output_field=MONEY
        ),
        active_shops=Count("shop_id", filter=in_period & Q(order_count__gt=0), distinct=True),
        farmers=Count("shop__owner_id", filter=in_period & Q(order_count__gt=0), distinct=True),
        farmers_year_before=Count(
            "shop__owner_id",
            filter=Q(month__gte=before.start, month__lte=before.end, order_count__gt=0),
            distinct=True,
        ),
        poverty_county_volume=Coalesce(
            Sum("sales_volume", filter=in_period & Q(shop__village__township__county__is_poverty_county=True)),
            ZERO,
            output_field=MONEY,
        ),
    )
    volume, before_volume = quantize_yuan(row["volume"]), quantize_yuan(row["volume_year_before"])
    return {
        "volume": volume,
        "orders": row["orders"],
        "volume_year_before": before_volume,
        "growth": growth_percent(volume, before_volume),
        "active_shops": row["active_shops"],
        "poverty_county_volume": quantize_yuan(row["poverty_county_volume"]),
        "farmers": row["farmers"],
        "farmers_year_before": row["farmers_year_before"],
    }


def _in_period(scope: Scope, period: Period) -> Q:
    return Q(scope.shops("shop__"), month__gte=period.start, month__lte=period.end)


def _destinations(scope: Scope, period: Period) -> dict:
    """Where the period's buyers live: distinct provinces, cities and counties, and sales by province.

    One GROUP BY (province, city, county) over the destination rollup; its rows are bounded by the
    country's geography (about 3,000 counties), so counting them in Python is cheap and costs one scan
    instead of three COUNT(DISTINCT) sorts. A city is a (province, city) pair and a county a (province,
    city, county) triple: two provinces may both have a "Chaoyang".
    """
    rows = (
        ShopMonthlyDestination.objects.filter(_in_period(scope, period))
        .values("province_id", "province__name", "province__name_zh", "city", "county")
        .annotate(count=Sum("orders"), total=Sum("volume"))
        .order_by()
    )
    provinces: dict[int, dict] = {}
    cities: set[tuple[int, str]] = set()
    counties = 0
    for row in rows:
        counties += 1
        cities.add((row["province_id"], row["city"]))
        province = provinces.setdefault(
            row["province_id"],
            {
                "province_id": row["province_id"],
                "province": row["province__name"],
                "province_zh": row["province__name_zh"],
                "orders": 0,
                "volume": ZERO,
            },
        )
        province["orders"] += row["count"]
        province["volume"] += row["total"] or ZERO
    sellers = (
        ShopMonthlyDestination.objects.filter(_in_period(scope, period))
        .values("province_id")
        .annotate(farmers=Count("shop__owner_id", distinct=True))
        .order_by()
    )
    for row in sellers:
        if row["province_id"] in provinces:
            provinces[row["province_id"]]["farmers"] = row["farmers"]
    by_province = sorted(provinces.values(), key=lambda item: (-item["volume"], item["province"]))
    for item in by_province:
        item["volume"] = quantize_yuan(item["volume"])
        item.setdefault("farmers", 0)
    return {"provinces": len(provinces), "cities": len(cities), "counties": counties, "by_province": by_province}


def _top_products(scope: Scope, period: Period) -> list[dict]:
    rows = (
        ShopMonthlyProductSales.objects.filter(_in_period(scope, period))
        .values("product_id", "product__name", "product__unit", "product__shop__name")
        .annotate(total=Sum("volume"), qty=Sum("quantity"), count=Sum("orders"))
        .order_by("-total", "product_id")[:TOP]
    )
    return [
        {
            "product_id": row["product_id"],
            "name": row["product__name"],
            "shop": row["product__shop__name"],
            "unit": row["product__unit"],
            "quantity": row["qty"],
            "orders": row["count"],
            "volume": quantize_yuan(row["total"] or ZERO),
        }
        for row in rows
    ]


def _top_categories(scope: Scope, period: Period) -> list[dict]:
    """Categories by sales; "orders" adds up each product's orders (an order of two teas counts twice)."""
    rows = (
        ShopMonthlyProductSales.objects.filter(_in_period(scope, period))
        .values("product__category_id", "product__category__name")
        .annotate(total=Sum("volume"), count=Sum("orders"), farmers=Count("product__shop__owner_id", distinct=True))
        .order_by("-total", "product__category_id")[:TOP]
    )
    return [
        {
            "category_id": row["product__category_id"],
            "name": row["product__category__name"],
            "orders": row["count"],
            "volume": quantize_yuan(row["total"] or ZERO),
            "farmers": row["farmers"],
        }
        for row in rows
    ]


def _farmers(scope: Scope, period: Period) -> dict:
    """Farmers (shop owners) with sales in the period and their income from Taocun (one query).

    Income is the net sales volume of the shops they own; registered poor households are counted apart.
    The loop below walks farmers (one row each, already aggregated in SQL), never orders.
    """
    rows = list(
        ShopMonthlySales.objects.filter(scope.shops("shop__"), month__gte=period.start, month__lte=period.end)
        .values(
            "shop__owner_id",
            "shop__owner__username",
            "shop__owner__first_name",
            "shop__owner__last_name",
            "shop__owner__is_disadvantaged",
        )
        .annotate(income=Sum("sales_volume"), orders=Sum("order_count"))
        .filter(income__gt=0)
        .order_by("-income", "shop__owner_id")
    )
    farmers = [
        {
            "user_id": row["shop__owner_id"],
            "name": " ".join(p for p in (row["shop__owner__first_name"], row["shop__owner__last_name"]) if p)
            or row["shop__owner__username"],
            "is_disadvantaged": row["shop__owner__is_disadvantaged"],
            "income": quantize_yuan(row["income"]),
            "orders": row["orders"],
        }
        for row in rows
    ]
    disadvantaged = [farmer for farmer in farmers if farmer["is_disadvantaged"]]
    total = sum((farmer["income"] for farmer in farmers), ZERO)
    disadvantaged_total = sum((farmer["income"] for farmer in disadvantaged), ZERO)
    return {
        "with_sales": len(farmers),
        "income": total,
        "average_income": quantize_yuan(total / len(farmers)) if farmers else None,
        "disadvantaged_with_sales": len(disadvantaged),
        "disadvantaged_income": disadvantaged_total,
        "disadvantaged_average_income": quantize_yuan(disadvantaged_total / len(disadvantaged))
        if disadvantaged
        else None,
        "top": farmers[:20],
    }


def _views(scope: Scope, period: Period, *, out_of_stock: bool) -> list[dict]:
    """Most viewed products, or stock-outs: published products with no stock that buyers looked for."""
    first, last = period.day_bounds()
    views = ProductDailyViews.objects.filter(scope.shops("product__shop__"), day__gte=first, day__lte=last)
    if out_of_stock:
        views = views.filter(product__status=ProductStatus.PUBLISHED, product__stock__lte=0)
        measure = Sum("views_while_out_of_stock")
    else:
        measure = Sum("views")
    rows = (
        views.values("product_id", "product__name", "product__shop__name", "product__stock", "product__status")
        .annotate(count=measure)
        .filter(count__gt=0)
        .order_by("-count", "product_id")[:TOP]
    )
    return [
        {
            "product_id": row["product_id"],
            "name": row["product__name"],
            "shop": row["product__shop__name"],
            "stock": row["product__stock"],
            "views": row["count"],
        }
        for row in rows
    ]


def _breakdown(scope: Scope, period: Period) -> list[dict]:
    """The county's villages, or the province's counties, side by side (one query)."""
    if scope.kind == "county":
        key, name, poverty = "shop__village_id", "shop__village__name", "shop__village__is_poor_village"
    else:
        key = "shop__village__township__county_id"
        name, poverty = "shop__village__township__county__name", "shop__village__township__county__is_poverty_county"
    before = period.year_before()
    in_period = Q(month__gte=period.start, month__lte=period.end)
    rows = (
        ShopMonthlySales.objects.filter(scope.shops("shop__"), month__gte=before.start, month__lte=period.end)
        .values(key, name, f"{name}_zh", poverty)
        .annotate(
            volume=Coalesce(Sum("sales_volume", filter=in_period), ZERO, output_field=MONEY),
            volume_year_before=Coalesce(
                Sum("sales_volume", filter=Q(month__gte=before.start, month__lte=before.end)), ZERO, output_field=MONEY
            ),
            orders=Coalesce(Sum("order_count", filter=in_period), 0),
            active_shops=Count("shop_id", filter=in_period & Q(order_count__gt=0), distinct=True),
        )
        .order_by("-volume", key)
    )
    return [
        {
            "id": row[key],
            "name": row[name],
            "name_zh": row[f"{name}_zh"],
            "flag": row[poverty],
            "volume": quantize_yuan(row["volume"]),
            "volume_year_before": quantize_yuan(row["volume_year_before"]),
            "growth": growth_percent(row["volume"], row["volume_year_before"]),
            "orders": row["orders"],
            "active_shops": row["active_shops"],
        }
        for row in rows
    ]


def _open_shops(scope: Scope) -> int:
    return Shop.objects.filter(scope.shops(), status=ShopStatus.OPEN).count()


def _compute(scope: Scope, period: Period) -> dict:
    stats: dict = {
        "scope": scope.kind,
        "id": scope.pk,
        "period": {"from": period.start, "to": period.end, "query": period.query},
        "totals": _totals(scope, period),
        "monthly": _monthly(scope, period),
        "yearly": _yearly(scope, period),
        "destinations": _destinations(scope, period),
        "top_products": _top_products(scope, period),
        "most_viewed": _views(scope, period, out_of_stock=False),
        "stock_outs": _views(scope, period, out_of_stock=True),
    }
    stats["totals"]["open_shops"] = _open_shops(scope)
    if scope.kind != "farmer":
        stats["top_categories"] = _top_categories(scope, period)
        stats["farmers"] = _farmers(scope, period)
    if scope.kind in ("county", "province"):
        stats["breakdown"] = _breakdown(scope, period)
    return stats


def cache_key(scope: Scope, period: Period) -> str:
    return f"insights:v{CACHE_VERSION}:{scope.kind}:{scope.pk}:{period.key}"


def scope_stats(*, scope: Scope, period: Period) -> dict:
    """Every figure of a dashboard, from the cache or from a fixed number of aggregate queries.

    Cached for INSIGHTS_CACHE_SECONDS (default 10 minutes): dashboards tolerate that delay, and a
    county with millions of orders is then read in one cache hit.
    """
    key = cache_key(scope, period)
    stats = cache.get(key)
    if stats is None:
        stats = _compute(scope, period)
        cache.set(key, stats, getattr(settings, "INSIGHTS_CACHE_SECONDS", 600))
    return stats


PUBLIC_TOTALS = (
    "volume",
    "orders",
    "volume_year_before",
    "growth",
    "active_shops",
    "open_shops",
    "farmers",
    "farmers_year_before",
)


def public_summary(stats: dict) -> dict:
    """What anyone may see of a county or province: headline totals, yearly sales, destination counts."""
    destinations = stats["destinations"]
    return {
        "scope": stats["scope"],
        "id": stats["id"],
        "period": stats["period"],
        "public": True,
        "totals": {key: stats["totals"][key] for key in PUBLIC_TOTALS},
        "yearly": stats["yearly"],
        "destinations": {key: destinations[key] for key in ("provinces", "cities", "counties")},
        **({"min_farmers": stats["min_farmers"]} if "min_farmers" in stats else {}),
    }


# --- k-anonymity: no figure about fewer than MIN_FARMERS farmers for those who may not see each farmer's


def _hide(row: dict, *keys: str) -> None:
    for key in keys:
        if key in row:
            row[key] = None


def _row_k_anonymous(row: dict, k: int, *, now: tuple[str, ...], before: tuple[str, ...] = ()) -> None:
    """Hide this period's figures when fewer than k farmers made them, and the year-before ones likewise; growth
    compares both, so it goes with either."""
    if row.get("farmers", 0) < k:
        _hide(row, *now, "growth")
    if before and row.get("farmers_year_before", 0) < k:
        _hide(row, *before, "growth")


def totals_k_anonymous(totals: dict, k: int | None = None) -> dict:
    """A copy of period totals without the sales figures that fewer than k farmers made (shop counts stay)."""
    k = k or settings.INSIGHTS_MIN_FARMERS
    totals = dict(totals)
    _row_k_anonymous(totals, k, now=("volume", "orders", "poverty_county_volume"), before=("volume_year_before",))
    return totals


def stats_k_anonymous(stats: dict, k: int | None = None) -> dict:
    """A copy of the figures where every sales figure that fewer than k farmers (INSIGHTS_MIN_FARMERS, 5) made is
    None, so that no household's income can be read or subtracted out: for viewers who may not see each farmer's
    figures (residents of a village, the public). A product's sales are one farmer's: top products go.
    Views (most viewed, stock-outs) are not income and stay."""
    k = k or settings.INSIGHTS_MIN_FARMERS
    stats = copy.deepcopy(stats)
    stats["totals"] = totals_k_anonymous(stats["totals"], k)
    for row in stats.get("monthly", []):
        _row_k_anonymous(row, k, now=("volume", "orders"), before=("volume_year_before",))
    for row in stats.get("yearly", []):
        _row_k_anonymous(row, k, now=("volume", "orders"), before=())
        if row.get("farmers_year_before", 0) < k:
            row["growth"] = None
    for row in stats.get("destinations", {}).get("by_province", []):
        _row_k_anonymous(row, k, now=("volume", "orders"))
    for row in stats.get("top_categories", []):
        _row_k_anonymous(row, k, now=("volume", "orders"))
    stats.pop("top_products", None)
    farmers = stats.get("farmers")
    if farmers is not None:
        farmers.pop("top", None)
        if farmers["with_sales"] < k:
            _hide(farmers, "income", "average_income")
        if farmers["disadvantaged_with_sales"] < k:
            _hide(farmers, "disadvantaged_income", "disadvantaged_average_income")
    stats["min_farmers"] = k
    return stats


# --- comparisons across the country and headline figures


def comparison(*, level: str, period: Period) -> list[dict]:
    """Every province or county with sales, side by side: volume, growth, orders, active shops (one query).

    A public page: `comparison_k_anonymous` hides the figures of places with fewer than INSIGHTS_MIN_FARMERS
    selling farmers."""
    key = f"insights:v{CACHE_VERSION}:compare:{level}:{period.key}"
    rows = cache.get(key)
    if rows is not None:
        return rows
    if level == "province":
        fields = ("shop__village__township__county__province_id", "shop__village__township__county__province__name")
        flag = None
    else:
        fields = ("shop__village__township__county_id", "shop__village__township__county__name")
        flag = "shop__village__township__county__is_poverty_county"
    before = period.year_before()
    in_period = Q(month__gte=period.start, month__lte=period.end)
    province = "shop__village__township__county__province__name"
    # dict.fromkeys: at province level the row's name and its province are the same column.
    values = list(dict.fromkeys([*fields, f"{fields[1]}_zh", province, f"{province}_zh"] + ([flag] if flag else [])))
    queryset = (
        ShopMonthlySales.objects.filter(month__gte=before.start, month__lte=period.end)
        .values(*values)
        .annotate(
            volume=Coalesce(Sum("sales_volume", filter=in_period), ZERO, output_field=MONEY),
            volume_year_before=Coalesce(
                Sum("sales_volume", filter=Q(month__gte=before.start, month__lte=before.end)), ZERO, output_field=MONEY
            ),
            orders=Coalesce(Sum("order_count", filter=in_period), 0),
            active_shops=Count("shop_id", filter=in_period & Q(order_count__gt=0), distinct=True),
            farmers=Count("shop__owner_id", filter=in_period & Q(order_count__gt=0), distinct=True),
            farmers_year_before=Count(
                "shop__owner_id",
                filter=Q(month__gte=before.start, month__lte=before.end, order_count__gt=0),
                distinct=True,
            ),
        )
        .order_by("-volume", fields[0])
    )
    rows = [
        {
            "id": row[fields[0]],
            "name": row[fields[1]],
            "name_zh": row[f"{fields[1]}_zh"],
            "province": row[province],
            "province_zh": row[f"{province}_zh"],
            "flag": bool(flag and row[flag]),
            "volume": quantize_yuan(row["volume"]),
            "volume_year_before": quantize_yuan(row["volume_year_before"]),
            "growth": growth_percent(row["volume"], row["volume_year_before"]),
            "orders": row["orders"],
            "active_shops": row["active_shops"],
            "farmers": row["farmers"],
            "farmers_year_before": row["farmers_year_before"],
        }
        for row in queryset
    ]
    cache.set(key, rows, getattr(settings, "INSIGHTS_CACHE_SECONDS", 600))
    return rows


def comparison_k_anonymous(rows: list[dict]) -> list[dict]:
    k = settings.INSIGHTS_MIN_FARMERS
    rows = [dict(row) for row in rows]
    for row in rows:
        _row_k_anonymous(row, k, now=("volume", "orders"), before=("volume_year_before",))
    return rows


def headline(*, scope: Scope) -> dict:
    """This year's sales, growth and active shops, for the village and county pages (one query, cached)."""
    today = timezone.localdate()
    period = Period(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 1))
    key = f"insights:v{CACHE_VERSION}:headline:{scope.kind}:{scope.pk}:{period.key}"
    figures = cache.get(key)
    if figures is None:
        figures = {**_totals(scope, period), "period": period}
        cache.set(key, figures, getattr(settings, "INSIGHTS_CACHE_SECONDS", 600))
    return figures
