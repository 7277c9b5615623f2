"""Races on PostgreSQL: threads, each with its own database connection."""

import threading
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection, connections

from core.errors import Conflict, DomainError
from orders import services
from orders.models import Order, Payment, ShopMonthlySales
from tests.factories import BuyerFactory, ProductFactory, waybill
from tests.orders.factories import options, pay, place, ship_to

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks and concurrent connections need PostgreSQL (set DATABASE_URL)",
    ),
]


def _race(count: int, action) -> list:
    """Run action(i) in `count` threads released together; return each result or exception."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = action(i)
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_50_concurrent_checkouts_of_stock_10_sell_exactly_10():
    product = ProductFactory(stock=Decimal("10"), order_step=Decimal("1"))
    buyers = [BuyerFactory() for _ in range(50)]
    address = ship_to()
    results = _race(
        50, lambda i: services.order_place(buyer=buyers[i], variants=options((product, Decimal("1"))), ship_to=address)
    )
    won = [r for r in results if isinstance(r, list)]
    lost = [r for r in results if isinstance(r, services.InsufficientStock)]
    assert (len(won), len(lost)) == (10, 40), [r for r in results if not isinstance(r, list | Conflict)]
    product.refresh_from_db()
    assert product.stock == Decimal("0")
    assert Order.objects.count() == 10


def test_same_payment_replayed_20_times_with_one_key_is_one_payment():
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    key = uuid.uuid4().hex
    results = _race(20, lambda i: services.payment_start(order_id=order.pk, payer=order.buyer, idempotency_key=key))
    assert all(not isinstance(r, Exception) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Payment.objects.count() == 1
    # The provider's callback replayed 20 times concurrently pays once.
    payment = results[0]
    _race(20, lambda i: services.payment_simulate(payment=payment))
    order.refresh_from_db()
    assert order.status == "paid"
    row = ShopMonthlySales.objects.get(shop=order.shop)
    assert (row.sales_volume, row.order_count) == (Decimal("37.00"), 1)
    assert order.events.filter(to_status="paid").count() == 1


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_ship_and_cancel_exactly_one_wins(round_):
    product = ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    pay(order)
    farmer, buyer = order.shop.owner, order.buyer

    def act(i):
        if i == 0:
            return services.order_ship(order_id=order.pk, actor=farmer, carrier="SF", tracking_number=waybill())
        return services.order_cancel(order_id=order.pk, actor=buyer, reason="race")

    results = _race(2, act)
    errors = [r for r in results if isinstance(r, DomainError)]
    assert len(errors) == 1 and errors[0].status_code == 409, results
    order.refresh_from_db()
    product.refresh_from_db()
    row = ShopMonthlySales.objects.get(shop=order.shop)
    if order.status == "shipped":
        assert product.stock == Decimal("8")
        assert (row.sales_volume, row.order_count) == (Decimal("37.00"), 1)
    else:
        assert order.status == "refunded"
        assert product.stock == Decimal("10")
        assert (row.sales_volume, row.order_count) == (Decimal("0.00"), 0)
    assert services.orders_audit() == []
    assert connection.vendor == "postgresql"


def test_concurrent_payouts_never_exceed_the_balance():
    from tests.factories import AdminFactory

    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    services.order_complete(order_id=order.pk, actor=order.buyer)
    admin = AdminFactory()
    results = _race(5, lambda i: services.payout_record(admin=admin, shop_id=order.shop_id, amount=Decimal("20.00")))
    assert sum(1 for r in results if not isinstance(r, Exception)) == 1
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, Exception))
    assert services.shop_balance(shop_id=order.shop_id) == Decimal("17.00")


def test_two_orders_shipped_at_once_with_one_waybill_only_one_gets_it():
    orders = []
    for _i in range(2):
        (order,) = place(BuyerFactory(), (ProductFactory(stock=Decimal("10")), 2))
        pay(order)
        orders.append(order)
    number = waybill()

    def act(i):
        order = orders[i]
        return services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=number)

    results = _race(2, act)
    errors = [r for r in results if isinstance(r, DomainError)]
    assert len(errors) == 1 and errors[0].code == "waybill_used", results
    assert Order.objects.filter(tracking_number=number).count() == 1


def test_one_push_delivered_twice_at_once_is_recorded_once():
    from logistics.models import TrackingEvent
    from logistics.tracking import tracking_push_body, tracking_sign

    (order,) = place(BuyerFactory(), (ProductFactory(stock=Decimal("10")), 2))
    pay(order)
    order = services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    event = {"id": "e-1", "status": "delivered", "time": "2026-12-07T10:00:00+08:00", "place": "杭州"}
    body = tracking_push_body(carrier="SF", number=order.tracking_number, events=[event])
    results = _race(3, lambda i: services.tracking_callback_handle(body=body, signature=tracking_sign(body)))
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sum(len(r.recorded) for r in results) == 1 and sum(r.delivered for r in results) == 1
    assert TrackingEvent.objects.count() == 1
    assert Order.objects.get(pk=order.pk).status == "delivered"
    assert services.orders_audit() == []
