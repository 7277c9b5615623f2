import pytest

from orders import demo, services
from orders.models import AssistedPurchase, Order
from shops.models import Shop
from tests.factories import ProductFactory
from villages import demo as villages_demo

pytestmark = pytest.mark.django_db


def test_demo_without_products_creates_no_order_and_is_idempotent():
    villages_demo.seed(quiet=True)
    demo.seed(quiet=True)
    demo.seed(quiet=True)
    assert Order.objects.count() == 0
    arrived = AssistedPurchase.objects.get(status="arrived")
    assert arrived.station.village.name == "Libei" and len(arrived.pickup_code) == 6
    assert AssistedPurchase.objects.count() == 2


def test_demo_orders_through_the_services_in_every_state():
    villages_demo.seed(quiet=True)
    from accounts.models import User

    farmer = User.objects.get(username="farmer_long")
    shop = Shop.objects.create(
        village=farmer.home_village, owner=farmer, name="Libei pickles", slug="libei-pickles", opened_on="2024-01-01"
    )
    ProductFactory(shop=shop)
    ProductFactory(shop=shop)
    demo.seed(quiet=True)
    demo.seed(quiet=True)
    statuses = set(Order.objects.values_list("status", flat=True))
    assert statuses == {"pending_payment", "paid", "shipped", "delivered", "completed", "cancelled"}
    assert Order.objects.count() == 6
    assert services.orders_audit() == []
