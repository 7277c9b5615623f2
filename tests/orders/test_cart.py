"""Issue 18, the cart in the database: a signed-in user's cart is the same on every device and on the API, the
anonymous session's cart joins it at log-in, and lines that changed are flagged at checkout."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from orders.models import CartItem
from tests.factories import PASSWORD, BuyerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def add(client, product, quantity="1"):
    return client.post("/orders/cart/add/", {"product": product.pk, "quantity": quantity})


def test_the_cart_follows_the_user_to_another_device_and_the_api():
    buyer, product = BuyerFactory(), ProductFactory()
    phone, laptop = Client(), Client()
    phone.force_login(buyer)
    laptop.force_login(buyer)
    add(phone, product, "2")
    assert product.name in laptop.get("/orders/cart/").content.decode()
    api = APIClient()
    api.force_authenticate(buyer)
    (line,) = api.get("/api/cart/").json()
    assert line["product"] == product.pk and Decimal(line["quantity"]) == 2
    # And back: a line the API sets shows on the page.
    other = ProductFactory()
    api.post("/api/cart/", {"product": other.pk, "quantity": "1"}, format="json")
    assert other.name in phone.get("/orders/cart/").content.decode()


def test_the_session_cart_joins_the_users_cart_at_log_in():
    buyer = BuyerFactory()
    kept, both = ProductFactory(), ProductFactory()
    CartItem.objects.create(
        cart=__import__("orders.models").models.Cart.objects.create(user=buyer),
        product=both,
        variant=both.variants.get(),
        quantity=Decimal("1"),
        unit_price_seen=both.unit_price,
    )
    anonymous = Client()
    add(anonymous, kept, "2")
    add(anonymous, both, "3")
    assert anonymous.post("/accounts/login/", {"username": buyer.username, "password": PASSWORD}).status_code == 302
    lines = dict(CartItem.objects.filter(cart__user=buyer).values_list("product_id", "quantity"))
    assert lines == {kept.pk: Decimal("2"), both.pk: Decimal("4")}
    assert not anonymous.session.get("cart_options") and not anonymous.session.get("cart")


def test_lines_that_changed_are_flagged_at_checkout(client):
    buyer = BuyerFactory()
    repriced, sold_out, withdrawn, fine = (ProductFactory(stock=Decimal("50")) for _ in range(4))
    client.force_login(buyer)
    for product in (repriced, sold_out, withdrawn, fine):
        add(client, product, "2")
    # The options hold the price and stock (issue 18).
    repriced.variants.update(unit_price=F("unit_price") + Decimal("3.00"))
    sold_out.variants.update(stock=Decimal("1"))
    withdrawn.status = "draft"
    withdrawn.save()
    page = client.get("/orders/checkout/").content.decode()
    assert "The price changed from" in page
    assert "left in stock" in page and "No longer on sale" in page
    assert "Some lines changed since you put them in the cart" in page
    assert page.count("⚠") == 3
    # Changing the quantity takes the new price as seen.
    client.post("/orders/cart/update/", {"variant": repriced.variants.get().pk, "quantity": "3"})
    assert "The price changed" not in client.get("/orders/cart/").content.decode()


def test_the_cart_page_query_count_does_not_grow_with_lines(client):
    buyer = BuyerFactory()
    client.force_login(buyer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/orders/cart/").status_code == 200
        return len(queries.captured_queries)

    for _ in range(2):
        add(client, ProductFactory())
    small = count()
    for _ in range(6):
        add(client, ProductFactory())
    assert count() == small


def test_the_api_flags_a_line_whose_price_moved():
    buyer, product = BuyerFactory(), ProductFactory()
    api = APIClient()
    api.force_authenticate(buyer)
    api.post("/api/cart/", {"product": product.pk, "quantity": "1"}, format="json")
    assert api.get("/api/cart/").json()[0]["stale"] == []
    product.variants.update(unit_price=F("unit_price") + Decimal("1.00"))
    (line,) = api.get("/api/cart/").json()
    assert len(line["stale"]) == 1 and "price changed" in line["stale"][0]


def test_the_menu_counts_the_database_cart_without_a_query_per_page():
    """The menu's count read the session cart, which a signed-in user no longer has: it reads a hint the cart's
    reads and writes keep, and log-in sets (no COUNT on every page)."""
    buyer, first, second = BuyerFactory(), ProductFactory(), ProductFactory()
    client = Client()
    assert client.post("/accounts/login/", {"username": buyer.username, "password": PASSWORD}).status_code == 302
    add(client, first, "1")
    add(client, second, "2")
    assert "(2)</small>" in client.get("/shop/").content.decode()
    other_device = Client()  # the same user elsewhere: log-in counts what the database holds
    assert other_device.post("/accounts/login/", {"username": buyer.username, "password": PASSWORD}).status_code == 302
    assert "(2)</small>" in other_device.get("/shop/").content.decode()
