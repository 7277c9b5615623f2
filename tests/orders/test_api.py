from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.payments import SIGNATURE_HEADER, callback_body, callback_sign
from orders.models import AssistedPurchase, CartItem, Order, Payment
from tests.factories import AdminFactory, BuyerFactory, ProductFactory, ProvinceFactory, ShopFactory, waybill
from tests.orders.factories import pay, place

pytestmark = pytest.mark.django_db


def _address():
    province = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    return {
        "recipient_name": "Sun Lei",
        "recipient_phone": "13800138000",
        "ship_province": province.pk,
        "ship_city": "Nanjing",
        "ship_county": "Xuanwu",
        "ship_address": "1 Road",
    }


def _client(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _callback(client, payment, *, signature=None, amount=None):
    body = callback_body(
        reference=payment["reference"], status="succeeded", amount=Decimal(amount or payment["amount"])
    )
    return client.post(
        "/orders/payments/callback/",
        data=body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: signature or callback_sign(body)},
    )


def test_rest_buyer_flow_from_cart_to_completion(api_client, client):
    buyer = BuyerFactory()
    a, b = ProductFactory(unit_price=Decimal("10.00")), ProductFactory(unit_price=Decimal("5.00"))
    api = _client(api_client, buyer)
    assert api.post("/api/cart/", {"product": a.pk, "quantity": "2"}, format="json").status_code == 201
    assert (
        api.post("/api/cart/", {"product": b.pk, "quantity": "1", "unit_price": "0.01"}, format="json").status_code
        == 201
    )
    assert len(api.get("/api/cart/").json()) == 2
    response = api.post("/api/cart/checkout/", _address(), format="json")
    assert response.status_code == 201, response.json()
    orders = response.json()
    assert {o["total"] for o in orders} == {"20.00", "5.00"}
    number = orders[0]["number"]
    # Pay: the key makes replays safe; only the signed callback marks the order paid.
    first = api.post(f"/api/orders/{number}/pay/", headers={"Idempotency-Key": "k-1"})
    again = api.post(f"/api/orders/{number}/pay/", headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 201 and first.json()["reference"] == again.json()["reference"]
    assert api.get(f"/api/orders/{number}/").json()["status"] == "pending_payment"
    assert _callback(client, first.json()).status_code == 200
    assert api.get(f"/api/orders/{number}/").json()["status"] == "paid"
    order = Order.objects.get(number=number)
    seller = _client(type(api_client)(), order.shop.owner)
    shipped = seller.post(f"/api/orders/{number}/ship/", {"carrier": "SF", "tracking_number": waybill()}, format="json")
    assert shipped.status_code == 200 and shipped.json()["status"] == "shipped"
    assert api.post(f"/api/orders/{number}/deliver/").json()["status"] == "delivered"
    done = api.post(f"/api/orders/{number}/complete/").json()
    assert done["status"] == "completed"
    assert [e["to_status"] for e in done["events"]] == ["pending_payment", "paid", "shipped", "delivered", "completed"]
    ledger = seller.get("/api/shop-ledger/").json()
    assert ledger["count"] == 1


def test_invalid_action_is_409_with_a_clear_message(api_client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    response = _client(api_client, order.buyer).post(f"/api/orders/{order.number}/complete/")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition" and "cannot become" in response.json()["detail"]


def test_pay_without_key_is_400(api_client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    response = _client(api_client, order.buyer).post(f"/api/orders/{order.number}/pay/")
    assert response.status_code == 400 and "idempotency_key" in response.json()["fields"]
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    ("quantity", "field_or_code"),
    [("-1", "quantity"), ("0", "quantity"), ("1.25", "quantity")],
)
def test_bad_quantities_are_400_and_nothing_written(api_client, quantity, field_or_code):
    product = ProductFactory(stock=Decimal("10"))
    api = _client(api_client, BuyerFactory())
    response = api.post(
        "/api/orders/", {**_address(), "items": [{"product": product.pk, "quantity": quantity}]}, format="json"
    )
    assert response.status_code == 400, response.json()
    assert field_or_code in response.json()["fields"]
    assert api.post("/api/cart/", {"product": product.pk, "quantity": quantity}, format="json").status_code == 400
    assert Order.objects.count() == 0 and CartItem.objects.count() == 0
    product.refresh_from_db()
    assert product.stock == Decimal("10")


def test_unknown_and_unpublished_products_are_400(api_client):
    draft = ProductFactory(status="draft")
    api = _client(api_client, BuyerFactory())
    for product_id in (draft.pk, 999_999):
        response = api.post(
            "/api/orders/", {**_address(), "items": [{"product": product_id, "quantity": "1"}]}, format="json"
        )
        assert response.status_code == 400, response.json()
        assert response.json()["code"] in ("not_on_sale", "unknown_product")
    assert Order.objects.count() == 0


def test_forged_callback_is_403_and_nothing_written(api_client, client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    payment = _client(api_client, order.buyer).post(
        f"/api/orders/{order.number}/pay/", headers={"Idempotency-Key": "x"}
    )
    response = _callback(client, payment.json(), signature="f" * 64)
    assert response.status_code == 403 and response.json()["code"] == "bad_signature"
    unsigned = client.post("/orders/payments/callback/", data=b"{}", content_type="application/json")
    assert unsigned.status_code == 403
    order.refresh_from_db()
    assert order.status == "pending_payment" and Payment.objects.get().status == "pending"


def test_other_users_cannot_see_or_act_on_an_order(api_client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    api = _client(api_client, BuyerFactory())
    assert api.get(f"/api/orders/{order.number}/").status_code == 404
    assert api.post(f"/api/orders/{order.number}/cancel/").status_code == 404


def test_ship_with_weighed_quantity_over_api(api_client):
    (order,) = place(BuyerFactory(), (ProductFactory(unit_price=Decimal("10.00")), 2))
    pay(order)
    line = order.lines.get()
    api = _client(api_client, order.shop.owner)
    bad = api.post(
        f"/api/orders/{order.number}/ship/",
        {"carrier": "SF", "tracking_number": waybill(), "weighed": {str(line.pk): "1.5"}},
        format="json",
    )
    assert bad.status_code == 400
    good = api.post(
        f"/api/orders/{order.number}/ship/",
        {"carrier": "SF", "tracking_number": waybill(), "weighed": {str(line.pk): "1.8"}},
        format="json",
    )
    assert good.status_code == 200 and good.json()["refunded_amount"] == "2.00"


def _orders_for(buyer, shop, count):
    for _ in range(count):
        (order,) = place(buyer, (ProductFactory(shop=shop), 1), (ProductFactory(shop=shop), 2))
        pay(order)


@pytest.mark.parametrize("url", ["/api/orders/", "/orders/mine/"])
def test_order_list_query_count_is_constant(api_client, client, url):
    buyer = BuyerFactory()
    shop = ShopFactory()
    counts = []
    for size in (2, 6):
        _orders_for(buyer, shop, size - Order.objects.count())
        if url.startswith("/api"):
            _client(api_client, buyer)
            run = lambda: api_client.get(url)  # noqa: E731
        else:
            client.force_login(buyer)
            run = lambda: client.get(url)  # noqa: E731
        with CaptureQueriesContext(connection) as queries:
            response = run()
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_fulfilment_list_query_count_is_constant(client, django_assert_num_queries):
    shop = ShopFactory()
    client.force_login(shop.owner)
    buyer = BuyerFactory()
    _orders_for(buyer, shop, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/orders/fulfil/").status_code == 200
    _orders_for(buyer, shop, 5)
    with django_assert_num_queries(len(small)):
        response = client.get("/orders/fulfil/")
    assert response.content.count(b"order-card") == 7


def test_assisted_purchase_over_api(api_client, station):
    villager = BuyerFactory(home_village=station.village)
    api = _client(api_client, station.operator)
    response = api.post(
        "/api/assisted-purchases/",
        {
            "villager": villager.pk,
            "description": "Rice cooker",
            "link": "https://example.com/x",
            "price": "199.00",
            "deposit": "50.00",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert api.post(f"/api/assisted-purchases/{pk}/order/").json()["status"] == "ordered"
    arrived = api.post(f"/api/assisted-purchases/{pk}/arrive/").json()
    assert arrived["status"] == "arrived" and arrived["pickup_code"] is None  # the operator must ask the villager
    villager_api = _client(type(api_client)(), villager)
    code = villager_api.get(f"/api/assisted-purchases/{pk}/").json()["pickup_code"]
    assert len(code) == 6
    wrong = "000000" if code != "000000" else "111111"
    refused = api.post(f"/api/assisted-purchases/{pk}/collect/", {"code": wrong}, format="json")
    assert refused.status_code == 400 and AssistedPurchase.objects.get().status == "arrived"
    assert (
        api.post(f"/api/assisted-purchases/{pk}/collect/", {"code": code}, format="json").json()["status"]
        == "collected"
    )
    assert api.post(f"/api/assisted-purchases/{pk}/collect/", {"code": code}, format="json").status_code == 409


def test_disputes_over_api(api_client):
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    from orders import services

    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    buyer_api = _client(api_client, order.buyer)
    opened = buyer_api.post("/api/disputes/", {"order": order.pk, "reason": "crushed"}, format="json")
    assert opened.status_code == 201
    pk = opened.json()["id"]
    from rest_framework.test import APIClient

    seller = APIClient()
    seller.force_authenticate(order.shop.owner)
    assert seller.post(f"/api/disputes/{pk}/answer/", {"answer": "sorry"}, format="json").json()["status"] == "answered"
    assert seller.post(f"/api/disputes/{pk}/decide/", {"refund": True}, format="json").status_code == 403
    admin = APIClient()
    admin.force_authenticate(AdminFactory())
    assert admin.post(f"/api/disputes/{pk}/decide/", {"refund": True}, format="json").json()["status"] == "refunded"
    order.refresh_from_db()
    assert order.status == "refunded"


def test_payout_api_is_admin_only(api_client):
    shop = ShopFactory()
    api = _client(api_client, shop.owner)
    assert api.post("/api/payouts/", {"shop": shop.pk, "amount": "1.00"}, format="json").status_code == 403
    admin = _client(type(api_client)(), AdminFactory())
    response = admin.post("/api/payouts/", {"shop": shop.pk, "amount": "1.00"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "over_balance"


def test_schema_builds(api_client):
    response = api_client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/orders/{number}/pay/" in response.content
