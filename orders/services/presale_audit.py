"""The pre-sales' books (issue 23): each reservation's money against its status, each pre-sale's reserved quantity
against its reservations. Part of orders_audit."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Sum

from core.money import quantize_yuan
from orders.models import (
    PRESALE_HOLDING,
    LedgerKind,
    PaymentStatus,
    PreSaleOrder,
    PreSaleOrderStatus,
    PreSalePayment,
    PreSaleRefund,
    ShopLedgerEntry,
)
from promotions.models import PreSale

S = PreSaleOrderStatus
ZERO = Decimal("0.00")


def presales_audit() -> list[str]:
    """Each pre-sale order's money against its status (payments in; unearned, forfeited and refunded out) and each
    pre-sale's reserved quantity against its orders: four grouped queries, whatever the number of orders."""
    paid = dict(
        PreSalePayment.objects.filter(status=PaymentStatus.SUCCEEDED)
        .values("presale_order_id")
        .annotate(total=Sum("amount"))
        .values_list("presale_order_id", "total")
        .order_by()
    )
    refunds = dict(
        PreSaleRefund.objects.values("presale_order_id")
        .annotate(total=Sum("amount"))
        .values_list("presale_order_id", "total")
        .order_by()
    )
    ledger: dict[tuple[int, str], Decimal] = {
        (order_id, kind): total
        for order_id, kind, total in ShopLedgerEntry.objects.filter(presale_order__isnull=False)
        .values("presale_order_id", "kind")
        .annotate(total=Sum(F("amount") + F("commission")))
        .values_list("presale_order_id", "kind", "total")
        .order_by()
    }
    problems = []
    held: dict[int, Decimal] = {}
    rows = PreSaleOrder.objects.values_list(
        "pk", "number", "presale_id", "status", "quantity", "deposit_amount", "total", "order__total"
    ).order_by("pk")
    for pk, number, presale_id, status, quantity, deposit, total, order_total in rows:
        money = [
            quantize_yuan(Decimal(str(value or 0)))
            for value in (
                paid.get(pk),
                refunds.get(pk),
                ledger.get((pk, LedgerKind.PRESALE_UNEARNED)),
                ledger.get((pk, LedgerKind.PRESALE_FORFEIT)),
            )
        ]
        expected = {
            S.AWAITING_DEPOSIT: (ZERO, ZERO, ZERO, ZERO),
            S.CANCELLED: (ZERO, ZERO, ZERO, ZERO),
            S.DEPOSIT_PAID: (deposit, ZERO, deposit, ZERO),
            S.BALANCE_DUE: (deposit, ZERO, deposit, ZERO),
            S.PAID_IN_FULL: (total, ZERO, total, ZERO),
            S.SHIPPED: (total, ZERO, ZERO, ZERO),
            S.FORFEITED: (deposit, ZERO, ZERO, deposit),
            S.REFUNDED: (money[0], money[0], ZERO, ZERO),
        }[status]
        if tuple(money) != expected:
            problems.append(
                f"pre-sale order {number} ({status}): paid {money[0]}, refunded {money[1]}, unearned {money[2]}, "
                f"forfeited {money[3]}; expected {', '.join(str(v) for v in expected)}"
            )
        if status == S.REFUNDED and money[0] not in (deposit, total):
            problems.append(f"pre-sale order {number}: refunded {money[0]}, neither the deposit nor the total")
        if status == S.SHIPPED and (order_total is None or order_total != total):
            problems.append(f"pre-sale order {number}: shipped as an order of {order_total}, not {total}")
        if status in PRESALE_HOLDING:
            held[presale_id] = held.get(presale_id, Decimal("0")) + quantity
    for pk, offered, reserved in PreSale.objects.values_list("pk", "quantity_offered", "quantity_reserved"):
        if reserved != held.get(pk, Decimal("0")) or reserved > offered:
            problems.append(
                f"pre-sale {pk}: reserved {reserved} of {offered}, its orders hold {held.get(pk, Decimal('0'))}"
            )
    return problems
