"""Books audits: money conservation per order and the rollups against the orders, in SQL."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from core.money import ZERO, quantize_yuan
from orders.models import (
    CheckoutPayment,
    LedgerKind,
    Order,
    OrderCoupon,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Refund,
    ShopLedgerEntry,
    ShopMonthlySales,
    VillageMonthlySales,
    Withdrawal,
    WithdrawalStatus,
)
from orders.services.presale_audit import presales_audit
from orders.services.rollups import _rollup_rows, rollup_orders

# (order condition name, message) in the order they are checked; the SQL below computes one flag per name.
_ORDER_CHECKS = (
    ("refunds_mismatch", "{number}: refunds {refund_sum} != refunded_amount {refunded}"),
    ("unpaid_with_money", "{number}: {status} but paid {paid}, refunds {refund_sum}, credit {credit}"),
    ("paid_not_total", "{number}: paid {paid} != total {total}"),
    ("completed_unbalanced", "{number}: paid {paid} != credit+commission {credit} + refunds {refund_sum}"),
    ("refunded_unbalanced", "{number}: refunded but paid {paid} != refunds {refund_sum} (credit {credit})"),
    ("in_progress_unbalanced", "{number}: {status} with credit {credit} and refunds {refund_sum} of {paid}"),
)


def _orders_audit_sql(order_ids: list[int] | None) -> tuple[str, list]:
    """One statement: every order with its payments, refunds and sale credit summed per order (hash joins,
    no per-order lookups), the conditions as flags, and only the orders breaking one of them returned.
    Sums are rounded to the cent before comparing: SQLite adds decimals as floats."""
    orders, payments, refunds, ledger = (
        Order._meta.db_table,
        Payment._meta.db_table,
        Refund._meta.db_table,
        ShopLedgerEntry._meta.db_table,
    )
    unpaid = (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED)
    flags = {
        "refunds_mismatch": "ROUND(COALESCE(r.total, 0), 2) <> ROUND(o.refunded_amount, 2)",
        "unpaid_with_money": "o.status IN (%s, %s) AND (COALESCE(p.total, 0) <> 0 OR COALESCE(r.total, 0) <> 0"
        " OR c.total IS NOT NULL)",
        "paid_not_total": "o.status NOT IN (%s, %s) AND ROUND(COALESCE(p.total, 0), 2) <> ROUND(o.total, 2)",
        "completed_unbalanced": "o.status = %s AND (c.total IS NULL"
        " OR ROUND(COALESCE(p.total, 0), 2) <> ROUND(c.total + COALESCE(r.total, 0), 2))",
        "refunded_unbalanced": "o.status = %s AND (c.total IS NOT NULL"
        " OR ROUND(COALESCE(p.total, 0), 2) <> ROUND(COALESCE(r.total, 0), 2))",
        "in_progress_unbalanced": "o.status NOT IN (%s, %s, %s, %s) AND (c.total IS NOT NULL"
        " OR ROUND(COALESCE(r.total, 0), 2) > ROUND(COALESCE(p.total, 0), 2))",
    }
    flag_params = {
        "refunds_mismatch": [],
        "unpaid_with_money": list(unpaid),
        "paid_not_total": list(unpaid),
        "completed_unbalanced": [OrderStatus.COMPLETED],
        "refunded_unbalanced": [OrderStatus.REFUNDED],
        "in_progress_unbalanced": [*unpaid, OrderStatus.COMPLETED, OrderStatus.REFUNDED],
    }
    names = [name for name, _message in _ORDER_CHECKS]
    flag_columns = ", ".join(f"CASE WHEN {flags[name]} THEN 1 ELSE 0 END AS {name}" for name in names)
    only = f"WHERE o.id IN ({', '.join(['%s'] * len(order_ids))})" if order_ids else ""
    sql = f"""
        SELECT * FROM (
            SELECT o.number, o.status, o.total, o.refunded_amount, p.total AS paid, r.total AS refund_sum,
                   c.total AS credit, {flag_columns}
            FROM {orders} o
            LEFT JOIN (SELECT order_id, SUM(amount) AS total FROM {payments} WHERE status = %s GROUP BY order_id) p
                   ON p.order_id = o.id
            LEFT JOIN (SELECT order_id, SUM(amount) AS total FROM {refunds} GROUP BY order_id) r ON r.order_id = o.id
            LEFT JOIN (SELECT order_id, SUM(amount + commission - platform_subsidy) AS total
                       FROM {ledger} WHERE kind = %s
                       GROUP BY order_id) c ON c.order_id = o.id
            {only}
        ) checked
        WHERE {" OR ".join(f"{name} = 1" for name in names)}
        ORDER BY number
    """  # noqa: S608 (table names come from the models, values are parameters)
    params = [p for name in names for p in flag_params[name]]
    params += [PaymentStatus.SUCCEEDED, LedgerKind.SALE, *(order_ids or [])]
    return sql, params


def orders_audit(*, order_ids: Iterable[int] | None = None) -> list[str]:
    """Money conservation, per order: what the buyer paid = shop credit + commission - the platform coupon's
    subsidy + refunds (completed),
    = refunds (refunded), >= refunds and not yet credited (in progress), nothing for unpaid ones.
    The monthly rollups are checked against the orders too. Returns one message per mismatch (empty when
    the books balance). The checks run in SQL; Python only words the orders that break one."""
    ids = None if order_ids is None else list(order_ids)
    if ids == []:
        return []
    sql, params = _orders_audit_sql(ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    problems = []
    for row in rows:
        values = {
            "number": row["number"],
            "status": row["status"],
            "total": quantize_yuan(Decimal(str(row["total"]))),
            "refunded": quantize_yuan(Decimal(str(row["refunded_amount"]))),
            "paid": quantize_yuan(Decimal(str(row["paid"] or 0))),
            "refund_sum": quantize_yuan(Decimal(str(row["refund_sum"] or 0))),
            "credit": None if row["credit"] is None else quantize_yuan(Decimal(str(row["credit"]))),
        }
        problems.extend(message.format(**values) for name, message in _ORDER_CHECKS if row[name])
    if order_ids is None:
        problems.extend(checkout_payments_audit())
        problems.extend(coupons_audit())
        problems.extend(rollups_audit())
        problems.extend(withdrawals_audit())
        problems.extend(presales_audit())
    return problems


def coupons_audit() -> list[str]:
    """Orders with coupons (issue 23): the coupons applied add up to the order's discounts, the lines' shares to
    the same, and the total is the goods and freight less the discounts. One query."""
    coupon_sum = (
        OrderCoupon.objects.filter(order=OuterRef("pk")).values("order").annotate(sum=Sum("amount")).values("sum")
    )
    line_sum = OrderLine.objects.filter(order=OuterRef("pk")).values("order").annotate(sum=Sum("discount"))
    line_platform = line_sum.annotate(platform=Sum("platform_discount")).values("platform")
    rows = (
        Order.objects.filter(Q(shop_discount__gt=0) | Q(platform_discount__gt=0))
        .annotate(
            coupon_sum=Coalesce(Subquery(coupon_sum), ZERO),
            line_sum=Coalesce(Subquery(line_sum.values("sum")), ZERO),
            line_platform_sum=Coalesce(Subquery(line_platform), ZERO),
        )
        .values_list(
            "number",
            "subtotal",
            "shipping_fee",
            "shop_discount",
            "platform_discount",
            "total",
            "coupon_sum",
            "line_sum",
            "line_platform_sum",
        )
        .order_by("number")
    )
    problems = []
    for number, subtotal, freight, shop, platform, total, coupons, lines, lines_platform in rows:
        coupons, lines, lines_platform = (quantize_yuan(Decimal(str(v))) for v in (coupons, lines, lines_platform))
        if coupons != shop + platform or lines != shop + platform or lines_platform != platform:
            problems.append(
                f"{number}: discounts {shop} + {platform}, coupons {coupons}, lines {lines} (platform {lines_platform})"
            )
        if total != subtotal + freight - shop - platform:
            problems.append(f"{number}: total {total} != {subtotal} + {freight} - {shop} - {platform}")
    return problems


def withdrawals_audit() -> list[str]:
    """Each withdrawal's ledger entries against its status, in one query: every withdrawal holds its amount once;
    a paid one has released the hold and booked one payout of the same amount; a refused or failed one released
    the hold and paid nothing; a pending one, or one under review (paid another amount), holds and nothing else."""
    rows = Withdrawal.objects.annotate(
        hold=Coalesce(Sum("ledger_entries__amount", filter=Q(ledger_entries__kind=LedgerKind.WITHDRAWAL_HOLD)), ZERO),
        release=Coalesce(
            Sum("ledger_entries__amount", filter=Q(ledger_entries__kind=LedgerKind.WITHDRAWAL_RELEASE)), ZERO
        ),
        payout=Coalesce(Sum("ledger_entries__amount", filter=Q(ledger_entries__kind=LedgerKind.PAYOUT)), ZERO),
    ).values_list("pk", "status", "amount", "hold", "release", "payout")
    problems = []
    for pk, status, amount, hold, release, payout in rows:
        hold, release, payout = (quantize_yuan(Decimal(str(value))) for value in (hold, release, payout))
        zero = Decimal("0.00")
        if status == WithdrawalStatus.PAID:
            expected = (-amount, amount, -amount)
        elif status in (WithdrawalStatus.REFUSED, WithdrawalStatus.FAILED):
            expected = (-amount, amount, zero)
        else:
            expected = (-amount, zero, zero)
        if (hold, release, payout) != expected:
            problems.append(
                f"withdrawal {pk} ({status}, {amount}): hold {hold}, release {release}, payout {payout}, "
                f"expected {expected[0]}, {expected[1]}, {expected[2]}"
            )
    return problems


def checkout_payments_audit() -> list[str]:
    """A checkout payment and its parts move together: decided ones whose parts disagree with them (status, or
    the sum of the amounts) are reported. One query."""
    rows = (
        CheckoutPayment.objects.exclude(status=PaymentStatus.PENDING)
        .annotate(
            parts_total=Sum("parts__amount"),
            parts_other=Count("parts", filter=~Q(parts__status=F("status"))),
        )
        .filter(Q(parts_other__gt=0) | ~Q(parts_total=F("amount")) | Q(parts_total__isnull=True))
        .values_list("reference", "status", "amount", "parts_total", "parts_other")
        .order_by("pk")
    )
    return [
        f"checkout payment {reference}: {status} {amount}, parts sum {total}, {other} part(s) in another status"
        for reference, status, amount, total, other in rows
    ]


def rollups_audit() -> list[str]:
    """The shop rollups against what the orders say (the rebuild's own query, read only), and the village
    rollups against the sums of their shops' rollups."""
    orders = rollup_orders()
    expected = {(shop, month): (volume, count) for shop, month, volume, count in _rollup_rows(orders)}
    actual = {
        (shop, month): (volume, count)
        for shop, month, volume, count in ShopMonthlySales.objects.values_list(
            "shop_id", "month", "sales_volume", "order_count"
        )
    }
    nothing = (Decimal("0.00"), 0)
    problems = [
        f"rollup shop {shop} {month:%Y-%m}: stored {actual.get((shop, month), nothing)}, "
        f"orders say {expected.get((shop, month), nothing)}"
        for shop, month in sorted(set(expected) | set(actual))
        if actual.get((shop, month), nothing) != expected.get((shop, month), nothing)
    ]
    shop_sums = {
        (village, month): (volume, count)
        for village, month, volume, count in ShopMonthlySales.objects.values("shop__village_id", "month")
        .annotate(volume=Sum("sales_volume"), count=Sum("order_count"))
        .values_list("shop__village_id", "month", "volume", "count")
        .order_by()
    }
    villages = {
        (village, month): (volume, count)
        for village, month, volume, count in VillageMonthlySales.objects.values_list(
            "village_id", "month", "sales_volume", "order_count"
        )
    }
    problems += [
        f"rollup village {village} {month:%Y-%m}: stored {villages.get((village, month), nothing)}, "
        f"its shops' rollups say {shop_sums.get((village, month), nothing)}"
        for village, month in sorted(set(shop_sums) | set(villages))
        if villages.get((village, month), nothing) != shop_sums.get((village, month), nothing)
    ]
    return problems
