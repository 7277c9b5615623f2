"""One payment per checkout under races on PostgreSQL: replayed callbacks at once, and the checkout payment
against a single order's payment (threads, each with its own connection)."""

import uuid
from decimal import Decimal

import pytest
from django.conf import settings

from core.payments import callback_body, callback_sign
from orders import services
from orders.models import Order, OrderStatus, Payment, PaymentStatus, ShopMonthlySales
from tests.factories import BuyerFactory, ProductFactory, ShopFactory
from tests.orders.factories import place
from tests.orders.test_concurrency import _race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks and concurrent connections need PostgreSQL (set DATABASE_URL)",
    ),
]


def _checkout(buyer):
    products = [ProductFactory(shop=ShopFactory(), unit_price=Decimal("12.00")) for _ in range(3)]
    return place(buyer, *[(product, 2) for product in products])


def _deliver(reference, amount):
    body = callback_body(reference=reference, status="succeeded", amount=amount)
    return services.payment_callback_handle(body=body, signature=callback_sign(body))


def test_ten_replays_of_one_checkout_callback_at_once_pay_each_order_once():
    buyer = BuyerFactory()
    orders = _checkout(buyer)
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key=uuid.uuid4().hex
    )
    results = _race(10, lambda _i: _deliver(checkout_payment.reference, checkout_payment.amount))
    assert all(getattr(r, "status", None) == PaymentStatus.SUCCEEDED for r in results), results
    assert Payment.objects.filter(status=PaymentStatus.SUCCEEDED).count() == 3
    assert sum(ShopMonthlySales.objects.values_list("order_count", flat=True)) == 3
    assert services.orders_audit() == []


def test_checkout_payment_and_a_single_payment_at_once_pay_each_order_once():
    buyer = BuyerFactory()
    orders = _checkout(buyer)
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="all"
    )
    single = services.payment_start(order_id=orders[1].pk, payer=buyer, idempotency_key="one")
    calls = [(checkout_payment.reference, checkout_payment.amount), (single.reference, single.amount)]
    _race(2, lambda i: _deliver(*calls[i]))
    paid = Order.objects.filter(pk__in=[o.pk for o in orders], status=OrderStatus.PAID).count()
    # Either the whole checkout was paid (and the single payment failed) or only the single order was.
    assert paid in (1, 3)
    assert Payment.objects.filter(order=orders[1], status=PaymentStatus.SUCCEEDED).count() == 1
    assert services.orders_audit() == []
