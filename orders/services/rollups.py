"""Monthly sales rollups per shop and village, kept in the transaction that pays or refunds."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, DateField, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from orders.models import (
    EXCLUDED_REVIEWS,
    SALE_STATUSES,
    Order,
    OrderStatus,
    ShopMonthlySales,
    VillageMonthlySales,
)

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


def month_of(moment: datetime.datetime) -> datetime.date:
    """The first day of the calendar month of `moment` in Asia/Shanghai (the rollup key)."""
    local = moment.astimezone(LOCAL_TZ)
    return local.date().replace(day=1)


def sales_rollup_add(*, shop_id: int, month: datetime.date, volume: Decimal, orders: int) -> None:
    """Add to a shop's monthly rollup with one atomic upsert (safe under concurrency).

    Call inside the transaction that pays or refunds, so the rollup and the order move together.
    """
    updated = ShopMonthlySales.objects.filter(shop_id=shop_id, month=month).update(
        sales_volume=F("sales_volume") + volume, order_count=F("order_count") + orders
    )
    if updated:
        return
    with transaction.atomic():  # a savepoint: a concurrent insert of the same row is retried as an update
        _, created = ShopMonthlySales.objects.get_or_create(
            shop_id=shop_id, month=month, defaults={"sales_volume": volume, "order_count": orders}
        )
    if not created:
        ShopMonthlySales.objects.filter(shop_id=shop_id, month=month).update(
            sales_volume=F("sales_volume") + volume, order_count=F("order_count") + orders
        )


def rollup_orders():
    """The orders the sales rollups count: paid, not cancelled, and not held or confirmed as fraud."""
    return (
        Order.objects.filter(paid_at__isnull=False)
        .exclude(status=OrderStatus.CANCELLED)
        .exclude(trust_review__in=EXCLUDED_REVIEWS)
        # Group buys (issue 23): a member's order counts once its group has succeeded.
        .exclude(Q(group_buy_member__isnull=False) & ~Q(group_buy_member__group__status="succeeded"))
    )


def _rollup_rows(orders):
    """(shop_id, month, volume, count) per shop and Shanghai month of payment, net of refunds."""
    return (
        orders.annotate(month=TruncMonth("paid_at", tzinfo=LOCAL_TZ, output_field=DateField()))
        .values("shop_id", "month")
        .annotate(
            volume=Coalesce(
                Sum(F("total") - F("refunded_amount"), output_field=DecimalField(max_digits=14, decimal_places=2)),
                Value(Decimal("0.00")),
            ),
            count=Count("pk", filter=Q(status__in=SALE_STATUSES)),
        )
        .values_list("shop_id", "month", "volume", "count")
        .order_by()
    )


@transaction.atomic
def sales_rollup_rebuild(*, shop_ids: Iterable[int] | None = None) -> int:
    """Recompute the monthly rollups from the orders in SQL (after bulk loads or to repair drift).

    Volume is what was paid less what was refunded; a fully refunded order does not count as an order.
    Returns the number of rollup rows written.
    """
    orders = rollup_orders()
    rollups = ShopMonthlySales.objects.all()
    if shop_ids is not None:
        shop_ids = list(shop_ids)
        orders = orders.filter(shop_id__in=shop_ids)
        rollups = rollups.filter(shop_id__in=shop_ids)
    rollups.delete()
    rows = _rollup_rows(orders).values_list("shop_id", "shop__village_id", "month", "volume", "count")
    select_sql, params = rows.query.sql_with_params()
    table = ShopMonthlySales._meta.db_table
    with connection.cursor() as cursor:
        # INSERT ... SELECT: the aggregation never leaves the database. The village is given (the trigger
        # would copy it too, but bulk loads may run with triggers off).
        cursor.execute(
            f"INSERT INTO {table} (shop_id, village_id, month, sales_volume, order_count) {select_sql}",  # noqa: S608
            params,
        )
        return cursor.rowcount


def village_rollup_rebuild(*, village_ids: Iterable[int] | None = None) -> int:
    """Recompute the village rollups from the shop rollups in SQL (for loads that bypass the triggers).

    The triggers of orders migration 0004 keep them in step otherwise. Returns the number of rows written.
    """
    rollups = VillageMonthlySales.objects.all()
    shop_rows = ShopMonthlySales.objects.all()
    if village_ids is not None:
        village_ids = list(village_ids)
        rollups = rollups.filter(village_id__in=village_ids)
        shop_rows = shop_rows.filter(village_id__in=village_ids)
    with transaction.atomic():
        rollups.delete()
        select_sql, params = (
            shop_rows.values("village_id", "month")
            .annotate(volume=Sum("sales_volume"), count=Sum("order_count"))
            .values_list("village_id", "month", "volume", "count")
            .order_by()
            .query.sql_with_params()
        )
        table = VillageMonthlySales._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (village_id, month, sales_volume, order_count) {select_sql}",  # noqa: S608
                params,
            )
            return cursor.rowcount
