"""Red-team campaign on one payment per checkout (合并付款): a buyer who pays one order of a checkout twice, once on
its own and once inside the checkout payment, or whose checkout payment lands after an order was cancelled. Each
order is paid once, and the money the provider took for nothing is put in front of the admins to return."""

from __future__ import annotations

import pytest

from notifications.models import Notification
from orders import services
from orders.models import Order, OrderStatus, PaymentStatus
from tests.factories import AdminFactory, BuyerFactory
from tests.orders.test_checkout_payment import callback, three_shop_checkout

pytestmark = pytest.mark.django_db


def flags_about(reference: str) -> list[Notification]:
    return [n for n in Notification.objects.filter(event="flagged") if reference in n.params.get("reason", "")]


def test_an_order_paid_on_its_own_and_in_the_checkout_is_paid_once_and_the_surplus_flagged():
    admin = AdminFactory()
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="all"
    )
    single = services.payment_start(order_id=orders[0].pk, payer=buyer, idempotency_key="one")
    services.payment_simulate(payment=single)
    units = Order.objects.get(pk=orders[0].pk).lines.first().product.units_sold
    # The provider took the checkout's whole amount too.
    assert callback(checkout_payment).status == PaymentStatus.FAILED
    assert Order.objects.get(pk=orders[0].pk).lines.first().product.units_sold == units
    assert list(
        Order.objects.filter(pk__in=[o.pk for o in orders]).order_by("pk").values_list("status", flat=True)
    ) == [
        OrderStatus.PAID,
        OrderStatus.PENDING_PAYMENT,
        OrderStatus.PENDING_PAYMENT,
    ]
    flagged = flags_about(checkout_payment.reference)
    assert flagged and {n.recipient_id for n in flagged} == {admin.pk}
    # A replay of the same confirmation flags nothing more and pays nothing.
    assert callback(checkout_payment).status == PaymentStatus.FAILED
    assert len(flags_about(checkout_payment.reference)) == len(flagged)
    assert services.orders_audit() == []


def test_a_single_payment_landing_after_the_checkout_paid_the_order_is_flagged_not_booked():
    AdminFactory()
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    single = services.payment_start(order_id=orders[1].pk, payer=buyer, idempotency_key="one")
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="all"
    )
    assert callback(checkout_payment).status == PaymentStatus.SUCCEEDED
    late = services.payment_simulate(payment=single)
    assert late.status == PaymentStatus.FAILED
    assert flags_about(single.reference)
    assert Order.objects.get(pk=orders[1].pk).payments.filter(status=PaymentStatus.SUCCEEDED).count() == 1
    assert services.orders_audit() == []
