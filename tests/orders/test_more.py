import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.errors import ValidationFailed
from orders import services
from orders.models import Order
from tests.factories import AdminFactory, BuyerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import AssistedPurchaseFactory, pay, place

pytestmark = pytest.mark.django_db


def test_beat_schedule_has_the_orders_tasks():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"orders.tasks.orders_cancel_unpaid", "orders.tasks.orders_auto_complete"} <= tasks


def test_client_prices_are_ignored(api_client):
    product = ProductFactory(unit_price=Decimal("18.50"))
    api_client.force_authenticate(BuyerFactory())
    from tests.orders.test_api import _address

    response = api_client.post(
        "/api/orders/",
        {**_address(), "items": [{"product": product.pk, "quantity": "2", "unit_price": "0.01"}], "total": "0.01"},
        format="json",
    )
    assert response.status_code == 201 and response.json()[0]["total"] == "37.00"


def test_rest_cart_delete_line(api_client):
    buyer = BuyerFactory()
    product = ProductFactory()
    api_client.force_authenticate(buyer)
    api_client.post("/api/cart/", {"product": product.pk, "quantity": "1"}, format="json")
    assert api_client.delete(f"/api/cart/{product.pk}/").status_code == 204
    assert api_client.get("/api/cart/").json() == []


def test_pickup_code_guessing_is_locked_out_after_five_tries(station):
    purchase = AssistedPurchaseFactory(station=station, status="arrived", pickup_code="424242")
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            services.assisted_collect(purchase_id=purchase.pk, operator=station.operator, code="000000")
    with pytest.raises(services.TooManyAttempts):
        services.assisted_collect(purchase_id=purchase.pk, operator=station.operator, code="424242")
    purchase.refresh_from_db()
    assert purchase.status == "arrived"


def test_commission_rate_history_applies_the_latest_in_effect():
    admin = AdminFactory()
    services.commission_rate_set(
        admin=admin, rate=Decimal("0.05"), effective_from=timezone.now() - datetime.timedelta(days=9)
    )
    services.commission_rate_set(
        admin=admin, rate=Decimal("0.03"), effective_from=timezone.now() - datetime.timedelta(days=1)
    )
    services.commission_rate_set(
        admin=admin, rate=Decimal("0.10"), effective_from=timezone.now() + datetime.timedelta(days=5)
    )
    assert services.commission_rate_current() == Decimal("0.03")
    with pytest.raises(ValidationFailed):
        services.commission_rate_set(admin=admin, rate=Decimal("1.5"))


def test_audit_command_passes_on_consistent_books(capsys):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    call_command("orders_audit")
    assert "balances" in capsys.readouterr().out


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_station_statement_and_dispute_pages_run_constant_queries(client, station):
    shop = ShopFactory(owner__home_village=station.village, village=station.village)
    admin = AdminFactory()

    def grow(n):
        for _ in range(n):
            AssistedPurchaseFactory(station=station, villager=BuyerFactory(home_village=station.village))
            (order,) = place(BuyerFactory(), (ProductFactory(shop=shop), 2))
            pay(order)
            services.order_ship(order_id=order.pk, actor=shop.owner, carrier="SF", tracking_number=waybill())
            services.order_deliver(order_id=order.pk, actor=order.buyer)
            services.dispute_open(order_id=order.pk, buyer=order.buyer, reason="late")
            (other,) = place(BuyerFactory(), (ProductFactory(shop=shop), 2))
            pay(other)

    pages = [
        (station.operator, "/orders/station/"),
        (station.operator, "/villages/my-station/"),
        (admin, "/orders/disputes/"),
        (admin, "/api/assisted-purchases/"),
        (admin, "/api/disputes/"),
    ]
    grow(2)
    small = []
    for user, url in pages:
        client.force_login(user)
        small.append(_count(client, url))
    grow(3)
    large = []
    for user, url in pages:
        client.force_login(user)
        large.append(_count(client, url))
    assert small == large


def test_statement_page_constant_queries(client):
    shop = ShopFactory()
    client.force_login(shop.owner)

    def complete(n):
        for _ in range(n):
            (order,) = place(BuyerFactory(), (ProductFactory(shop=shop), 2))
            pay(order)
            services.order_ship(order_id=order.pk, actor=shop.owner, carrier="SF", tracking_number=waybill())
            services.order_deliver(order_id=order.pk, actor=order.buyer)
            services.order_complete(order_id=order.pk, actor=order.buyer)

    complete(1)
    small = [_count(client, "/orders/statement/"), _count(client, "/api/shop-ledger/")]
    complete(4)
    assert [_count(client, "/orders/statement/"), _count(client, "/api/shop-ledger/")] == small
    assert Order.objects.filter(status="completed").count() == 5


def test_audit_reports_a_drifted_rollup():
    from orders.models import ShopMonthlySales

    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    assert services.orders_audit() == []
    ShopMonthlySales.objects.update(order_count=5)
    problems = services.orders_audit()
    assert len(problems) == 1 and "rollup" in problems[0]
    services.sales_rollup_rebuild()
    assert services.orders_audit() == []


def test_admin_adds_a_commission_rate_and_records_a_payout_through_the_services(client):
    from orders.models import CommissionRate, ShopLedgerEntry

    admin = AdminFactory(is_superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/orders/commissionrate/add/",
        {"rate": "0.0500", "effective_from_0": "2026-01-01", "effective_from_1": "00:00:00"},
    )
    assert response.status_code == 302, response.content[:500]
    assert CommissionRate.objects.get().created_by == admin
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    for step in (services.order_ship, services.order_deliver, services.order_complete):
        kwargs = {"carrier": "SF", "tracking_number": waybill()} if step is services.order_ship else {}
        step(order_id=order.pk, actor=order.shop.owner if step is services.order_ship else order.buyer, **kwargs)
    assert services.shop_balance(shop_id=order.shop_id) == Decimal("35.15")
    response = client.post(
        "/admin/orders/shopledgerentry/add/", {"shop": order.shop_id, "amount": "35.15", "note": "bank transfer"}
    )
    assert response.status_code == 302
    payout = ShopLedgerEntry.objects.get(kind="payout")
    assert payout.amount == Decimal("-35.15") and payout.created_by == admin
    assert services.shop_balance(shop_id=order.shop_id) == Decimal("0.00")
    assert client.get("/admin/orders/order/").status_code == 200
