"""Issue 15, item 5: non-finite and out-of-range money is a 400 (or a form error), never a 500, with one bound."""

from decimal import Decimal

import pytest

from core.money import MONEY_MAX
from core.payments import SIGNATURE_HEADER, callback_sign
from orders import services
from orders.models import AssistedPurchase, Order, Payment
from tests.factories import BuyerFactory, FarmerFactory, ProductFactory, ProvinceFactory, ShopFactory
from tests.orders.factories import place

pytestmark = pytest.mark.django_db

HUGE = Decimal("999999999999.99")


def test_the_bound_is_the_money_column():
    field = Order._meta.get_field("total")
    assert MONEY_MAX == Decimal(10 ** (field.max_digits - field.decimal_places)) - Decimal("0.01") == HUGE


@pytest.mark.parametrize("amount", ["Infinity", "-Infinity", "NaN", "sNaN", "1e999999", "1e12", "-5"])
def test_a_signed_callback_with_a_wild_amount_is_refused(client, amount):
    product = ProductFactory(unit_price=Decimal("10.00"))
    buyer = BuyerFactory()
    client.force_login(buyer)
    order = place(buyer, (product, 1))[0]
    payment = services.payment_start(order_id=order.pk, payer=buyer, idempotency_key="k")
    body = f'{{"reference": "{payment.reference}", "status": "succeeded", "amount": "{amount}"}}'.encode()
    client.raise_request_exception = False
    headers = {SIGNATURE_HEADER: callback_sign(body)}
    response = client.post("/orders/payments/callback/", data=body, content_type="application/json", headers=headers)
    assert response.status_code == 400, response.content
    assert Payment.objects.get(pk=payment.pk).status == "pending"
    order.refresh_from_db()
    assert order.status == "pending_payment"


def _address(province):
    return {
        "recipient_name": "Sun Lei",
        "recipient_phone": "13800000000",
        "ship_province": province.pk,
        "ship_city": "Nanjing",
        "ship_county": "Xuanwu",
        "ship_address": "1 Zhongshan Road",
    }


@pytest.fixture
def two_huge_lines(db):
    shop = ShopFactory()
    common = {"shop": shop, "unit_price": HUGE, "unit": "piece", "order_step": Decimal("1"), "order_minimum": 1}
    return ProductFactory(**common), ProductFactory(**common)


def test_the_page_checkout_of_a_cart_above_the_bound_is_a_form_error(client, two_huge_lines):
    province = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    client.force_login(BuyerFactory())
    for product in two_huge_lines:
        client.post("/orders/cart/add/", {"product": product.pk, "quantity": "1"})
    client.raise_request_exception = False
    response = client.post("/orders/checkout/", _address(province))
    assert response.status_code == 200, response.status_code
    assert response.context["form"].non_field_errors()
    assert not Order.objects.exists()


def test_the_api_checkout_above_the_bound_is_the_same_400(api_client, two_huge_lines):
    province = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    api_client.force_authenticate(BuyerFactory())
    items = [{"product": product.pk, "quantity": "1"} for product in two_huge_lines]
    response = api_client.post("/api/orders/", {**_address(province), "items": items}, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "amount_too_large"
    assert not Order.objects.exists()


def test_an_assisted_purchase_priced_above_the_bound_is_refused(client, api_client, station):
    villager = FarmerFactory(home_village=station.village)
    product = ProductFactory(unit_price=HUGE, unit="piece", order_step=Decimal("1"), order_minimum=1)
    api_client.force_authenticate(station.operator)
    api_client.raise_request_exception = False
    response = api_client.post(
        "/api/assisted-purchases/", {"villager": villager.pk, "product": product.pk, "quantity": "2"}, format="json"
    )
    assert response.status_code == 400, response.content
    client.force_login(station.operator)
    client.raise_request_exception = False
    page = client.post(
        "/orders/station/", {"villager": villager.pk, "product": product.pk, "quantity": "2", "deposit": "0"}
    )
    assert page.status_code == 200
    assert not AssistedPurchase.objects.exists()
