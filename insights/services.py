"""Writes of insights: product page views (one atomic upsert each) and the destination and product rollups."""

from __future__ import annotations

import datetime

from django.db import connection, transaction
from django.db.models import Count, DateField, DecimalField, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from insights.models import ProductDailyViews, ShopMonthlyDestination, ShopMonthlyProductSales
from orders.models import SALE_STATUSES, Order, OrderLine
from orders.services import LOCAL_TZ


@transaction.atomic
def product_view_record(*, product_id: int, day: datetime.date | None = None) -> bool:
    """Count one view of a published product's page on `day` (default: today in Shanghai).

    One INSERT ... SELECT ... ON CONFLICT DO UPDATE (PostgreSQL and SQLite): no read-modify-write, so
    concurrent views never lose a count. A view of a published product with no stock also counts as a
    view while out of stock. Returns False when the product is not published (nothing is counted).
    """
    day = day or timezone.localdate()
    table = ProductDailyViews._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (product_id, day, views, views_while_out_of_stock)
            SELECT id, %s, 1, CASE WHEN stock <= 0 THEN 1 ELSE 0 END
              FROM shops_product WHERE id = %s AND status = 'published'
            ON CONFLICT (product_id, day) DO UPDATE SET
              views = {table}.views + 1,
              views_while_out_of_stock = {table}.views_while_out_of_stock + excluded.views_while_out_of_stock
            """,  # noqa: S608 (table name from the model, values are parameters)
            [day, product_id],
        )
        return cursor.rowcount > 0


ROLLUP_LOCK = 0x1A5167  # pg_advisory_xact_lock key of insights_rollup_rebuild


def _insert_select(table: str, columns: str, queryset) -> int:
    select_sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # INSERT ... SELECT: the aggregation never leaves the database.
        cursor.execute(f"INSERT INTO {table} ({columns}) {select_sql}", params)  # noqa: S608
        return cursor.rowcount


@transaction.atomic
def insights_rollup_rebuild(*, since: datetime.date | None = None) -> int:
    """Recompute the destination and product rollups from the orders, for months >= `since` (all if None).

    Two INSERT ... SELECT ... GROUP BY: rows scale with shops x months x destinations (or products).
    Only orders that are sales count (paid, shipped, delivered, completed); volume is net of partial
    refunds for destinations, the lines' totals for products. Returns the number of rows written.
    """
    if connection.vendor == "postgresql":
        # One rebuild at a time (the 10-minute refresh may meet the nightly one): the second waits, then
        # deletes what the first wrote. SQLite serialises writers by itself.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ROLLUP_LOCK])
    orders = Order.objects.filter(status__in=SALE_STATUSES, paid_at__isnull=False)
    lines = OrderLine.objects.filter(order__status__in=SALE_STATUSES, order__paid_at__isnull=False)
    destinations = ShopMonthlyDestination.objects.all()
    products = ShopMonthlyProductSales.objects.all()
    if since is not None:
        since = since.replace(day=1)
        start = datetime.datetime(since.year, since.month, 1, tzinfo=LOCAL_TZ)
        orders, lines = orders.filter(paid_at__gte=start), lines.filter(order__paid_at__gte=start)
        destinations, products = destinations.filter(month__gte=since), products.filter(month__gte=since)
    destinations.delete()
    products.delete()
    money = DecimalField(max_digits=14, decimal_places=2)
    by_destination = (
        orders.annotate(month=TruncMonth("paid_at", tzinfo=LOCAL_TZ, output_field=DateField()))
        .values("shop_id", "month", "ship_province_id", "ship_city", "ship_county")
        .annotate(count=Count("pk"), volume=Sum(F("total") - F("refunded_amount"), output_field=money))
        .values_list("shop_id", "month", "ship_province_id", "ship_city", "ship_county", "count", "volume")
        .order_by()
    )
    by_product = (
        lines.annotate(month=TruncMonth("order__paid_at", tzinfo=LOCAL_TZ, output_field=DateField()))
        .values("order__shop_id", "month", "product_id")
        .annotate(qty=Sum("quantity"), count=Count("order_id", distinct=True), volume=Sum("line_total"))
        .values_list("order__shop_id", "month", "product_id", "qty", "count", "volume")
        .order_by()
    )
    written = _insert_select(
        ShopMonthlyDestination._meta.db_table,
        "shop_id, month, province_id, city, county, orders, volume",
        by_destination,
    )
    written += _insert_select(
        ShopMonthlyProductSales._meta.db_table, "shop_id, month, product_id, quantity, orders, volume", by_product
    )
    return written


def recent_months_start(*, months: int = 2) -> datetime.date:
    """The first day of the month `months - 1` months before this one (Shanghai): what the refresh redoes."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - (months - 1)
    return datetime.date(index // 12, index % 12 + 1, 1)
