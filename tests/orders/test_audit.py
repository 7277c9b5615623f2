"""orders_audit: each way an order's money can fail to balance is found, worded, and nothing else is."""

from decimal import Decimal

import pytest

from orders import services
from orders.models import LedgerKind, Order, Payment, PaymentStatus, ShopLedgerEntry
from tests.factories import BuyerFactory, ProductFactory, waybill
from tests.orders.factories import pay, place

pytestmark = pytest.mark.django_db


def _paid():
    (order,) = place(BuyerFactory(), (ProductFactory(unit_price=Decimal("18.50")), 2))
    pay(order)
    return order


def _completed():
    order = _paid()
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    services.order_complete(order_id=order.pk, actor=order.buyer)
    return order


def _sale_entry(order, amount="37.00"):
    ShopLedgerEntry.objects.create(shop=order.shop, order=order, kind=LedgerKind.SALE, amount=Decimal(amount))


def _tamper_credit(order):
    ShopLedgerEntry.objects.filter(order=order).update(amount=Decimal("1.00"))


def _tamper_refunded_amount(order):
    Order.objects.filter(pk=order.pk).update(refunded_amount=Decimal("5.00"))


def _tamper_total(order):
    Order.objects.filter(pk=order.pk).update(total=Decimal("40.00"))


def _money_on_unpaid(order):
    Payment.objects.create(
        order=order, payer=order.buyer, idempotency_key="x", provider="simulated", reference="ref-unpaid",
        amount=order.total, status=PaymentStatus.SUCCEEDED,
    )  # fmt: skip


def _refunded_yet_credited(order):
    services.order_refund(order_id=order.pk, actor=order.shop.owner)
    _sale_entry(order)


@pytest.mark.parametrize(
    ("make", "tamper", "expected"),
    [
        (_completed, _tamper_credit, "paid 37.00 != credit+commission 1.00"),
        (_paid, _tamper_refunded_amount, "refunds 0.00 != refunded_amount 5.00"),
        (_paid, _tamper_total, "paid 37.00 != total 40.00"),
        (lambda: place(BuyerFactory(), (ProductFactory(), 1))[0], _money_on_unpaid, "pending_payment but paid"),
        (_paid, _refunded_yet_credited, "refunded but paid 37.00 != refunds 37.00 (credit 37.00)"),
        (_paid, _sale_entry, "paid with credit 37.00 and refunds 0.00 of 37.00"),
    ],
    ids=["credit", "refunded_amount", "total", "unpaid_with_money", "refunded_credited", "credited_too_early"],
)
def test_each_imbalance_is_reported_for_that_order_only(make, tamper, expected):
    balanced = _completed()
    order = make()
    assert services.orders_audit() == []
    tamper(order)
    # (a changed total or refunded amount also shows in the monthly rollups' check: that is its own job)
    problems = [problem for problem in services.orders_audit() if not problem.startswith("rollup ")]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{order.number}: ") and expected in problems[0]
    assert services.orders_audit(order_ids=[balanced.pk]) == []
    assert services.orders_audit(order_ids=[]) == []
