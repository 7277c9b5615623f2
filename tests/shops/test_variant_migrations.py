"""Migrations shops 0014-0015 and orders 0012-0013: every product from before options becomes a one-option
product with its price, stock, step, minimum, weight and sales; order lines, cart items and assisted purchases
name that option. Nothing is lost."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from orders.models import AssistedPurchase, CartItem, OrderLine
from shops.models import Product, ProductVariant
from tests.factories import BuyerFactory, OrderLineFactory, ProductFactory
from tests.orders.factories import AssistedPurchaseFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("orders", "0011_order_line_batch"), ("shops", "0013_produce_batches")]


@pytest.fixture
def back_to_latest():
    """Whatever happens, leave the test database at the latest migrations for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_products_from_before_options_become_one_option_products_with_nothing_lost(back_to_latest):
    products = [
        ProductFactory(unit_price=Decimal("18.50"), stock=Decimal("7.5"), order_step=Decimal("0.5")),
        ProductFactory(
            unit="box",
            unit_price=Decimal("128.00"),
            stock=Decimal("0"),
            order_step=Decimal("1"),
            order_minimum=Decimal("2"),
            shipping_weight_kg=Decimal("1.250"),
            units_sold=Decimal("42"),
        ),
    ]
    line = OrderLineFactory(product=products[0], order__shop=products[0].shop)
    buyer = BuyerFactory()
    from orders.models import Cart

    cart = Cart.objects.create(user=buyer)
    CartItem.objects.create(cart=cart, product=products[1], variant=products[1].variants.get(), quantity=Decimal("2"))
    purchase = AssistedPurchaseFactory(product=products[1], price=Decimal("256.00"))

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    with connection.cursor() as cursor:  # what the rows were before options: no option tables or columns
        cursor.execute("SELECT to_regclass('shops_productvariant')")
        assert cursor.fetchone()[0] is None
        # Sold and restocked since the skeleton: the migration copies today's figures.
        cursor.execute("UPDATE shops_product SET units_sold = 5 WHERE id = %s", [products[0].pk])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    for before in products:
        product = Product.objects.get(pk=before.pk)
        (option,) = ProductVariant.objects.filter(product=product)
        assert (option.name, option.position, option.is_active) == ("", 0, True)
        for field in ("unit_price", "stock", "order_step", "order_minimum", "shipping_weight_kg", "units_sold"):
            assert getattr(option, field) == getattr(product, field), field
        assert product.price_max == product.unit_price and not product.has_price_range
    assert ProductVariant.objects.get(product=products[0].pk).units_sold == Decimal("5")
    line = OrderLine.objects.get(pk=line.pk)
    assert line.variant.product_id == products[0].pk and line.variant_name == ""
    item = CartItem.objects.get(cart__user=buyer)
    assert item.variant.product_id == products[1].pk and item.quantity == Decimal("2")
    assert AssistedPurchase.objects.get(pk=purchase.pk).variant.product_id == products[1].pk
