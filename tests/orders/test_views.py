from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from orders.models import AssistedPurchase, CartItem, Order, Payment
from tests.factories import BuyerFactory, ProductFactory, ProvinceFactory, ShopFactory, waybill
from tests.orders.factories import AssistedPurchaseFactory, pay, place

pytestmark = pytest.mark.django_db


def _checkout_data():
    province = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    return {
        "recipient_name": "Sun Lei",
        "recipient_phone": "13800138000",
        "ship_province": province.pk,
        "ship_city": "Nanjing",
        "ship_county": "Xuanwu",
        "ship_address": "1 Road",
    }


def test_browser_cart_checkout_and_simulated_payment(client):
    buyer = BuyerFactory()
    a, b = ProductFactory(), ProductFactory()
    client.force_login(buyer)
    for product in (a, b):
        assert client.post("/orders/cart/add/", {"product": product.pk, "quantity": "1.5"}).status_code == 302
    page = client.get("/orders/cart/")
    assert a.shop.name in page.content.decode() and "¥55.50" in page.content.decode()
    response = client.post("/orders/checkout/", _checkout_data())
    assert response.status_code == 302
    orders = list(Order.objects.filter(buyer=buyer))
    assert len(orders) == 2 and not CartItem.objects.filter(cart__user=buyer).exists()  # the signed-in cart
    done = client.get(response.url)
    assert done.content.decode().count("Pay ¥27.75") == 2
    first = orders[0]
    go = client.post(f"/orders/{first.number}/pay/", {"key": "abc"})
    again = client.post(f"/orders/{first.number}/pay/", {"key": "abc"})
    assert go.url == again.url and Payment.objects.count() == 1
    assert client.get(go.url).status_code == 200
    paid = client.post(go.url, {"outcome": "pay"})
    assert paid.status_code == 302
    first.refresh_from_db()
    assert first.status == "paid"


def test_add_to_cart_refuses_off_step_quantity(client):
    product = ProductFactory()
    response = client.post("/orders/cart/add/", {"product": product.pk, "quantity": "1.2", "next": "/orders/cart/"})
    assert response.status_code == 302
    assert "cart" not in client.session or not client.session["cart"]


def test_checkout_form_errors_are_shown(client):
    client.force_login(BuyerFactory())
    client.post("/orders/cart/add/", {"product": ProductFactory().pk, "quantity": "1"})
    response = client.post("/orders/checkout/", {"recipient_name": ""})
    assert response.status_code == 200 and b"This field is required" in response.content
    assert Order.objects.count() == 0


def test_order_page_shows_timeline_and_seller_ships_with_form(client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    client.force_login(order.shop.owner)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Timeline" in page and "Ship this order" in page and "Weighed" in page
    line = order.lines.get()
    client.post(
        f"/orders/{order.number}/ship/", {"carrier": "SF", "tracking_number": waybill(), f"weighed_{line.pk}": "1.9"}
    )
    order.refresh_from_db()
    assert order.status == "shipped" and order.refunded_amount == Decimal("1.85")
    # A move that does not fit shows a message, not a 500.
    response = client.post(
        f"/orders/{order.number}/ship/", {"carrier": "SF", "tracking_number": waybill()}, follow=True
    )
    assert response.status_code == 200 and b"cannot become" in response.content


def test_a_refused_shipment_shows_the_form_again_with_the_number_typed(client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    client.force_login(order.shop.owner)
    response = client.post(f"/orders/{order.number}/ship/", {"carrier": "SF", "tracking_number": "12345"})
    page = response.content.decode()
    assert response.status_code == 200 and 'value="12345"' in page and "field-error" in page
    order.refresh_from_db()
    assert order.status == "paid"


def test_strangers_get_404_on_order_pages(client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    client.force_login(BuyerFactory())
    assert client.get(order.get_absolute_url()).status_code == 404
    assert client.post(f"/orders/{order.number}/cancel/").status_code == 404


def test_forged_callback_page_endpoint_403(client):
    response = client.post(
        "/orders/payments/callback/",
        data=b'{"reference":"x"}',
        content_type="application/json",
        HTTP_X_TAOCUN_SIGNATURE="00",
    )
    assert response.status_code == 403


def test_station_page_records_and_collects_with_code(client, station):
    villager = BuyerFactory(home_village=station.village)
    client.force_login(station.operator)
    response = client.post(
        "/orders/station/",
        {
            "villager": villager.pk,
            "description": "Rice cooker",
            "link": "https://example.com",
            "quantity": "1",
            "price": "199",
            "deposit": "50",
        },
    )
    assert response.status_code == 302
    purchase = AssistedPurchase.objects.get()
    client.post(f"/orders/assisted/{purchase.pk}/order/")
    client.post(f"/orders/assisted/{purchase.pk}/arrive/")
    purchase.refresh_from_db()
    page = client.get("/orders/station/").content.decode()
    assert "Rice cooker" in page and purchase.pickup_code not in page
    client.force_login(villager)
    assert purchase.pickup_code in client.get("/orders/assisted/mine/").content.decode()
    client.force_login(station.operator)
    client.post(f"/orders/assisted/{purchase.pk}/collect/", {"code": "12345"})
    purchase.refresh_from_db()
    assert purchase.status == "arrived"
    client.post(f"/orders/assisted/{purchase.pk}/collect/", {"code": purchase.pickup_code})
    purchase.refresh_from_db()
    assert purchase.status == "collected"


def test_station_section_and_my_station_page(client, station):
    AssistedPurchaseFactory(station=station, description="Water heater")
    client.force_login(station.operator)
    page = client.get("/villages/my-station/").content.decode()
    assert "Pending purchases and pickups" in page and "Water heater" in page


def test_product_actions_and_nav_partials_render(rf: RequestFactory):
    product = ProductFactory(order_step=Decimal("0.5"), order_minimum=Decimal("1"))
    request = rf.get("/")
    request.session = {}
    request.user = ShopFactory().owner
    html = render_to_string("orders/_product_actions.html", {"product": product, "request": request})
    assert 'step="0.5"' in html and 'min="1"' in html
    nav = render_to_string("orders/_nav.html", {"user": request.user, "request": request})
    assert "Orders to ship" in nav and "My orders" in nav


def test_farmer_statement_page(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    response = client.get("/orders/statement/")
    assert response.status_code == 200 and shop.name in response.content.decode()


def test_add_to_cart_of_unknown_or_unpublished_product_is_refused_with_a_message(client):
    draft = ProductFactory(status="draft")
    for product_id in (999_999, draft.pk):
        response = client.post("/orders/cart/add/", {"product": product_id, "quantity": "1"}, follow=True)
        assert response.status_code == 200
        assert b"Unknown product" in response.content or b"not on sale" in response.content
    assert not client.session.get("cart")


def test_the_assisted_purchase_form_offers_residents_by_name_and_phone_and_products_by_search(client, station):
    """Issue 19: villagers were listed by username, the operator among them, and products asked by numeric id."""
    operator = station.operator
    operator.home_village = station.village
    operator.save(update_fields=["home_village"])
    villager = BuyerFactory(home_village=station.village, first_name="芳", last_name="李", phone="13912345678")
    elsewhere = BuyerFactory(first_name="磊", last_name="孙")
    pickles = ProductFactory(name="东北酸菜", unit="jin", unit_price=Decimal("18.50"), order_step=Decimal("1"))
    ProductFactory(name="高山绿茶")
    client.force_login(operator)
    form = client.get("/orders/station/").context["form"]
    labels = [label for _pk, label in form.fields["villager"].choices]
    assert "李芳 · 13912345678" in labels
    assert not any(operator.username in str(label) or elsewhere.last_name in str(label) for label in labels)
    assert list(form.fields["product"].queryset) == []  # nothing listed before a search
    form = client.get("/orders/station/", {"q": "酸菜"}).context["form"]
    assert list(form.fields["product"].queryset) == [pickles]
    response = client.post(
        "/orders/station/?q=酸菜", {"villager": villager.pk, "product": pickles.pk, "quantity": "3", "deposit": "0"}
    )
    assert response.status_code == 302
    purchase = AssistedPurchase.objects.get()
    assert (purchase.product, purchase.price) == (pickles, Decimal("55.50"))
    # The operator cannot record a purchase for himself, even by posting his own id.
    response = client.post("/orders/station/", {"villager": operator.pk, "description": "x", "price": "1"})
    assert response.status_code == 200 and "villager" in response.context["form"].errors


def test_the_station_lists_are_cards_with_the_amount_to_collect(client, station):
    villager = BuyerFactory(home_village=station.village)
    AssistedPurchaseFactory(
        station=station, villager=villager, price=Decimal("199.00"), deposit=Decimal("50.00"), status="arrived"
    )
    client.force_login(station.operator)
    html = client.get("/orders/station/").content.decode()
    assert 'class="table-cards"' in html and 'data-label="To collect at pickup"' in html
    assert '<strong class="to-collect">¥149.00</strong>' in html


def test_orders_root_is_not_a_404(client, buyer):
    assert client.get("/orders/")["Location"] == "/orders/mine/"


def test_unpaid_order_says_amount_to_pay_not_total_paid(client):
    buyer = BuyerFactory()
    (order,) = place(buyer, (ProductFactory(), 2))
    client.force_login(buyer)
    html = client.get(f"/orders/{order.number}/").content.decode()
    assert "Amount to pay" in html and "Total paid" not in html


def test_order_numbers_are_dated_in_asia_shanghai(monkeypatch):
    """07:30 in Beijing on 8 December is 23:30 UTC on the 7th: the order is the 8th's."""
    import datetime

    from django.utils import timezone

    from orders.services import checkout

    utc_evening = datetime.datetime(2026, 12, 7, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: utc_evening)
    assert checkout._order_number().startswith("TC261208")
