"""Options (issue 18) through carts, checkout, payment, weighing, refunds and the money audit, on PostgreSQL."""

from decimal import Decimal

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token

from core.errors import ValidationFailed
from orders import services
from orders.models import CartItem, OrderLine
from shops import services as shop_services
from shops.models import Category, Product, ProductVariant
from tests.factories import BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import pay, place, ship_to

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def oranges(farmer) -> Product:
    """Oranges in 5-jin and 10-jin boxes, each with its own price, stock and packed weight."""
    return shop_services.product_create(
        actor=farmer,
        shop=ShopFactory(owner=farmer),
        category=Category.objects.get(slug="citrus"),
        name="脐橙",
        unit="box",
        unit_price=D("39.00"),
        publish=True,
        variants=[
            {"name": "5 斤装", "unit_price": "39.00", "stock": "5", "shipping_weight_kg": "2.8"},
            {"name": "10 斤装", "unit_price": "72.00", "stock": "3", "shipping_weight_kg": "5.5"},
        ],
    )


def options_of(product: Product) -> tuple[ProductVariant, ProductVariant]:
    small, large = product.variants.order_by("position")
    return small, large


def stocks(product: Product) -> tuple[Decimal, ...]:
    small, large = options_of(product)
    product.refresh_from_db()
    return small.stock, large.stock, product.stock


def test_checkout_of_two_options_records_them_and_takes_stock_per_option(oranges):
    small, large = options_of(oranges)
    (order,) = place(BuyerFactory(), (small, 2), (large, 1))
    lines = {line.variant_id: line for line in order.lines.all()}
    assert (lines[small.pk].variant_name, lines[small.pk].unit_price) == ("5 斤装", D("39.00"))
    assert (lines[large.pk].variant_name, lines[large.pk].unit_price) == ("10 斤装", D("72.00"))
    assert lines[large.pk].display_name == "脐橙 · 10 斤装"
    assert order.subtotal == D("150.00")
    assert stocks(oranges) == (D("3"), D("2"), D("5"))
    # Freight weighs each option by its own packed weight: 2 x 2.8 + 5.5 kg.
    (group,) = order.freight_detail["groups"]
    assert D(group["weight_kg"]) == D("11.1")
    assert {line["variant_id"] for line in group["lines"]} == {small.pk, large.pk}


def test_one_option_short_rolls_the_whole_checkout_back(oranges):
    small, large = options_of(oranges)
    with pytest.raises(services.InsufficientStock) as error:
        place(BuyerFactory(), (small, 1), (large, 4))
    assert "10 斤装" in error.value.detail
    assert stocks(oranges) == (D("5"), D("3"), D("8"))
    assert not OrderLine.objects.exists()


def test_a_retired_option_or_an_unpublished_product_is_not_sold(oranges, farmer):
    small, large = options_of(oranges)
    shop_services.product_variants_save(actor=farmer, product=oranges, variants=[{"id": small.pk}])
    with pytest.raises(ValidationFailed) as error:
        place(BuyerFactory(), (large, 1))
    assert error.value.code == "not_on_sale"
    assert stocks(oranges)[1] == D("3")


def test_payment_counts_units_sold_per_option_and_a_refund_puts_stock_back_on_its_option(oranges):
    small, large = options_of(oranges)
    (order,) = place(BuyerFactory(), (small, 2), (large, 1))
    pay(order)
    small.refresh_from_db()
    large.refresh_from_db()
    oranges.refresh_from_db()
    assert (small.units_sold, large.units_sold, oranges.units_sold) == (D("2"), D("1"), D("3"))
    services.order_cancel(order_id=order.pk, actor=order.buyer)  # paid, not shipped: a full refund
    assert stocks(oranges) == (D("5"), D("3"), D("8"))
    small.refresh_from_db()
    oranges.refresh_from_db()
    assert (small.units_sold, oranges.units_sold) == (D("0"), D("0"))
    assert services.orders_audit() == []


def test_shipped_weighed_and_refunded_two_option_order_balances_in_the_audit(farmer):
    shop = ShopFactory(owner=farmer)
    produce = shop_services.product_create(
        actor=farmer,
        shop=shop,
        category=Category.objects.get(slug="citrus"),
        name="Oranges",
        unit="kg",
        unit_price=D("8.00"),
        publish=True,
        variants=[
            {"name": "Grade A", "unit_price": "12.00", "stock": "50"},
            {"name": "Grade B", "unit_price": "8.00", "stock": "50"},
        ],
    )
    grade_a, grade_b = options_of(produce)
    (order,) = place(BuyerFactory(), (grade_a, 5), (grade_b, 5))
    pay(order)
    lines = {line.variant_id: line for line in order.lines.all()}
    services.order_ship(
        order_id=order.pk,
        actor=farmer,
        carrier="SF",
        tracking_number=waybill(),
        weighed={lines[grade_a.pk].pk: D("4.5")},  # grade A weighed lighter: re-priced at its own price
    )
    order.refresh_from_db()
    assert order.refunded_amount == D("6.00")
    services.order_refund(order_id=order.pk, actor=farmer)
    assert services.orders_audit() == []
    assert stocks(produce) == (D("45"), D("45"), D("90"))  # shipped: the stock does not come back


def test_buy_again_puts_the_same_option_back_in_the_cart(client, oranges):
    small, large = options_of(oranges)
    buyer = BuyerFactory()
    (order,) = place(buyer, (large, 1))
    services.order_cancel(order_id=order.pk, actor=buyer)
    client.force_login(buyer)
    assert client.post(f"/orders/{order.number}/buy-again/").status_code == 302
    assert list(CartItem.objects.filter(cart__user=buyer).values_list("variant_id", "quantity")) == [(large.pk, D("1"))]


# --- pages


def test_the_product_page_picks_an_option_with_radio_buttons(client, oranges):
    small, large = options_of(oranges)
    page = client.get(oranges.get_absolute_url()).content.decode()
    assert page.count('type="radio" name="variant"') == 2
    assert "¥72.00" in page and "10 斤装" in page
    client.post("/orders/cart/add/", {"product": oranges.pk, "variant": large.pk, "quantity": "1"})
    client.post("/orders/cart/add/", {"product": oranges.pk, "variant": small.pk, "quantity": "2"})
    cart = client.get("/orders/cart/").content.decode()
    assert "10 斤装" in cart and "5 斤装" in cart and "¥150.00" in cart
    # Without an option: refused with a message, nothing added.
    response = client.post("/orders/cart/add/", {"product": oranges.pk, "quantity": "1"}, follow=True)
    assert "choose one" in response.content.decode()


def test_the_session_cart_of_a_visitor_keeps_both_options_at_log_in(client, oranges):
    small, large = options_of(oranges)
    buyer = BuyerFactory()
    client.post("/orders/cart/add/", {"product": oranges.pk, "variant": large.pk, "quantity": "1"})
    client.post("/orders/cart/add/", {"product": oranges.pk, "variant": small.pk, "quantity": "2"})
    client.force_login(buyer)
    from orders.cart import cart_merge_at_login

    cart_merge_at_login(user=buyer, session=client.session)
    rows = set(CartItem.objects.filter(cart__user=buyer).values_list("product_id", "variant_id", "quantity"))
    assert rows == {(oranges.pk, large.pk, D("1")), (oranges.pk, small.pk, D("2"))}


def test_a_cart_line_is_flagged_per_option(client, oranges, farmer):
    small, large = options_of(oranges)
    buyer = BuyerFactory()
    client.force_login(buyer)
    client.post("/orders/cart/add/", {"product": oranges.pk, "variant": large.pk, "quantity": "2"})
    client.post("/orders/cart/add/", {"product": oranges.pk, "variant": small.pk, "quantity": "1"})
    shop_services.product_variants_save(
        actor=farmer, product=oranges, variants=[{"id": small.pk}, {"id": large.pk, "unit_price": "75.00"}]
    )
    shop_services.product_stock_adjust(actor=farmer, product=oranges, delta="-2", variant=large.pk)
    cart = client.get("/orders/cart/").content.decode()
    assert "The price changed from ¥72.00 to ¥75.00" in cart and "Only 1" in cart
    assert cart.count("stale-line") == 2  # both on the 10-jin line, none on the 5-jin one


# --- REST


def api_as(api_client, user):
    token, _ = Token.objects.get_or_create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api_client


def test_rest_cart_and_checkout_name_the_option_or_take_the_only_one(api_client, oranges):
    small, large = options_of(oranges)
    cabbage = ProductFactory(shop=oranges.shop)
    api = api_as(api_client, BuyerFactory())
    refused = api.post("/api/cart/", {"product": oranges.pk, "quantity": "1"}, format="json")
    assert refused.status_code == 400 and "variant" in refused.json()["fields"], refused.json()
    foreign = api.post(
        "/api/cart/", {"product": oranges.pk, "variant": cabbage.variants.get().pk, "quantity": "1"}, format="json"
    )
    assert foreign.status_code == 400 and "variant" in foreign.json()["fields"]
    assert api.post("/api/cart/", {"product": cabbage.pk, "quantity": "1"}, format="json").status_code == 201
    added = api.post("/api/cart/", {"product": oranges.pk, "variant": large.pk, "quantity": "1"}, format="json")
    assert added.status_code == 201 and added.json()["variant_name"] == "10 斤装"
    api.post("/api/cart/", {"product": oranges.pk, "variant": small.pk, "quantity": "2"}, format="json")
    lines = api.get("/api/cart/").json()
    assert sorted((line["variant_name"], line["unit_price"]) for line in lines) == [
        ("", "18.50"),
        ("10 斤装", "72.00"),
        ("5 斤装", "39.00"),
    ]
    address = ship_to()
    body = {
        "recipient_name": address.recipient_name,
        "recipient_phone": address.recipient_phone,
        "ship_province": address.province_id,
        "ship_city": address.city,
        "ship_county": address.county,
        "ship_address": address.address,
    }
    response = api.post("/api/cart/checkout/", body, format="json")
    assert response.status_code == 201, response.json()
    assert stocks(oranges) == (D("3"), D("2"), D("5"))
    # Checkout with items: the same rule.
    items = {"items": [{"product": oranges.pk, "quantity": "1"}], **body}
    response = api.post("/api/orders/", items, format="json")
    assert response.status_code == 400 and "variant" in response.json()["fields"]
    items["items"][0]["variant"] = small.pk
    response = api.post("/api/orders/", items, format="json")
    assert response.status_code == 201, response.json()
    order_lines = OrderLine.objects.filter(order__number=response.json()[0]["number"])
    assert list(order_lines.values_list("variant_id", "variant_name")) == [(small.pk, "5 斤装")]


def test_an_unknown_option_id_is_a_400_not_a_500(api_client, oranges):
    api = api_as(api_client, BuyerFactory())
    for variant in (0, 2**63 - 1, 2**70, "x"):
        response = api.post("/api/cart/", {"product": oranges.pk, "variant": variant, "quantity": "1"}, format="json")
        assert response.status_code == 400, (variant, response.content[:300])


def test_the_station_records_an_assisted_purchase_of_one_option(oranges, station):
    small, large = options_of(oranges)
    villager = FarmerFactory(home_village=station.village)
    purchase = services.assisted_request(
        operator=station.operator,
        station_id=station.pk,
        villager_id=villager.pk,
        product_id=oranges.pk,
        variant_id=large.pk,
        quantity=D("2"),
    )
    assert (purchase.variant_id, purchase.description, purchase.price) == (large.pk, "脐橙 · 10 斤装", D("144.00"))
    with pytest.raises(ValidationFailed) as error:
        services.assisted_request(
            operator=station.operator, station_id=station.pk, villager_id=villager.pk, product_id=oranges.pk
        )
    assert "variant" in error.value.fields


# --- races (PostgreSQL)

race = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="row locks and concurrent connections need PostgreSQL (set DATABASE_URL)",
)


@race
@pytest.mark.django_db(transaction=True)
def test_two_options_of_one_product_sold_concurrently_never_oversell_either(farmer):
    from tests.orders.test_concurrency import _race

    product = shop_services.product_create(
        actor=farmer,
        shop=ShopFactory(owner=farmer),
        category=Category.objects.get(slug="citrus"),
        name="脐橙",
        unit="box",
        unit_price=D("39.00"),
        publish=True,
        variants=[
            {"name": "5 斤装", "unit_price": "39.00", "stock": "6"},
            {"name": "10 斤装", "unit_price": "72.00", "stock": "4"},
        ],
    )
    small, large = options_of(product)
    buyers = [BuyerFactory() for _ in range(30)]
    address = ship_to()
    # A third of the buyers want one of each; the rest one box of either size.
    wanted = [
        [(small.pk, D("1")), (large.pk, D("1"))] if i % 3 == 0 else [((small if i % 3 == 1 else large).pk, D("1"))]
        for i in range(30)
    ]
    results = _race(30, lambda i: services.order_place(buyer=buyers[i], variants=wanted[i], ship_to=address))
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, services.InsufficientStock)]
    assert not unexpected, [str(error) for error in unexpected[:2]]
    sold_small = sum(q for i, r in enumerate(results) if isinstance(r, list) for pk, q in wanted[i] if pk == small.pk)
    sold_large = sum(q for i, r in enumerate(results) if isinstance(r, list) for pk, q in wanted[i] if pk == large.pk)
    small.refresh_from_db()
    large.refresh_from_db()
    product.refresh_from_db()
    assert (small.stock, large.stock) == (D("6") - sold_small, D("4") - sold_large)
    assert small.stock >= 0 and large.stock >= 0 and sold_large == D("4")  # the larger box sells out, never beyond
    assert product.stock == small.stock + large.stock
    lines = OrderLine.objects.filter(product=product)
    assert sum(line.quantity for line in lines if line.variant_id == small.pk) == sold_small
    assert sum(line.quantity for line in lines if line.variant_id == large.pk) == sold_large
