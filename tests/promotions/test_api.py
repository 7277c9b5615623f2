"""Coupons over REST: create (who may), claim, list (constant queries), my coupons, and checkout/quote with
coupons (the server's figures, the buyer's choice, errors as 400/409 with field messages)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Order
from promotions.models import Coupon
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ProvinceFactory, ShopFactory
from tests.promotions.factories import claimed, coupon

pytestmark = pytest.mark.django_db


def _client(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def _body(**overrides):
    body = {
        "kind": "amount",
        "threshold": "99.00",
        "amount_off": "10.00",
        "valid_until": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
        "total_quantity": 50,
    }
    body.update(overrides)
    return body


def test_farmer_creates_a_shop_coupon_admin_a_platform_one_nobody_else(api_client):
    shop = ShopFactory()
    client = _client(api_client, shop.owner)
    response = client.post("/api/coupons/", _body(shop=shop.pk), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["scope"] == "shop" and response.json()["label"] == "¥10 off orders of ¥99 or more"
    assert client.post("/api/coupons/", _body(), format="json").status_code == 403  # a platform coupon
    other = _client(api_client, FarmerFactory())
    assert other.post("/api/coupons/", _body(shop=shop.pk), format="json").status_code == 403
    admin = _client(api_client, AdminFactory())
    response = admin.post("/api/coupons/", _body(kind="percent", percent_off="12.5", cap="30"), format="json")
    assert response.status_code == 201 and response.json()["scope"] == "platform"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount_off": "200"}, "amount_off"),
        ({"kind": "percent", "percent_off": "120", "cap": "5"}, "percent_off"),
        ({"kind": "percent", "percent_off": "10"}, "cap"),
        ({"valid_until": "2001-01-01T00:00:00Z"}, "valid_until"),
        ({"amount_off": "NaN"}, "amount_off"),
    ],
)
def test_bad_coupons_are_400_with_the_field_and_nothing_written(api_client, overrides, field):
    shop = ShopFactory()
    response = _client(api_client, shop.owner).post("/api/coupons/", _body(shop=shop.pk, **overrides), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"], response.json()
    assert not Coupon.objects.exists()


def test_claim_list_and_my_coupons(api_client, django_assert_max_num_queries):
    shop = ShopFactory()
    offers = [coupon(shop=shop) for _ in range(3)]
    buyer = BuyerFactory()
    client = _client(api_client, buyer)
    assert client.post(f"/api/coupons/{offers[0].pk}/claim/").status_code == 201
    response = client.post(f"/api/coupons/{offers[0].pk}/claim/")
    assert response.status_code == 409 and response.json()["code"] == "coupon_limit"
    with django_assert_max_num_queries(4):
        listed = client.get(f"/api/coupons/?shop={shop.pk}")
    assert len(listed.json()["results"]) == 3
    for offer in offers[1:]:
        client.post(f"/api/coupons/{offer.pk}/claim/")
    with django_assert_max_num_queries(4):
        mine = client.get("/api/my-coupons/?status=available")
    assert len(mine.json()["results"]) == 3
    assert client.get("/api/my-coupons/?status=nope").status_code == 400
    assert client.get("/api/coupons/?shop=abc").status_code == 400


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


def test_quote_proposes_and_checkout_applies_the_best_combination(api_client):
    buyer = BuyerFactory()
    product = ProductFactory(unit_price=Decimal("60.00"), order_step=Decimal("1"))
    small = claimed(buyer, shop=product.shop, threshold="50", amount_off="5")
    big = claimed(buyer, shop=product.shop, threshold="100", amount_off="12")
    client = _client(api_client, buyer)
    address = _address()
    items = [{"product": product.pk, "quantity": "2"}]
    quote = client.post(
        "/api/orders/quote/", {"items": items, "ship_province": address["ship_province"]}, format="json"
    )
    assert quote.status_code == 200, quote.content
    plan = quote.json()["coupons"]
    assert [pick["claim"] for pick in plan["applied"]] == [big.pk]
    assert plan["applied"][0]["explanation"] == "¥12 off orders of ¥100 or more: −¥12.00"
    assert {pick["claim"] for pick in plan["options"]} == {small.pk, big.pk}
    assert Decimal(quote.json()["total"]) == Decimal(quote.json()["subtotal"]) + Decimal(
        quote.json()["shipping_fee"]
    ) - Decimal("12.00")
    # the buyer chooses the smaller one: the server computes the amounts (no amount is accepted from the client)
    response = client.post("/api/orders/", {**address, "items": items, "coupons": [small.pk]}, format="json")
    assert response.status_code == 201, response.content
    order = response.json()[0]
    assert Decimal(order["shop_discount"]) == Decimal("5.00")
    assert sum(Decimal(line["discount"]) for line in order["lines"]) == Decimal("5.00")
    # the same claim again: 400 with the field, nothing placed
    before = Order.objects.count()
    response = client.post("/api/orders/", {**address, "items": items, "coupons": [small.pk]}, format="json")
    assert response.status_code == 400 and "coupons" in response.json()["fields"]
    assert Order.objects.count() == before
    # none at all
    response = client.post("/api/orders/", {**address, "items": items, "coupons": []}, format="json")
    assert Decimal(response.json()[0]["shop_discount"]) == Decimal("0.00")
    # omitted: the best left (the 12)
    response = client.post("/api/orders/", {**address, "items": items}, format="json")
    assert Decimal(response.json()[0]["shop_discount"]) == Decimal("12.00")
    detail = client.get(f"/api/orders/{response.json()[0]['number']}/").json()
    assert detail["coupons"][0]["funded_by"] == "shop"


def test_bad_coupon_ids_are_400(api_client):
    buyer = BuyerFactory()
    product = ProductFactory()
    client = _client(api_client, buyer)
    body = {**_address(), "items": [{"product": product.pk, "quantity": "1"}]}
    for bad in (["x"], [0], [2**70], "nope"):
        response = client.post("/api/orders/", {**body, "coupons": bad}, format="json")
        assert response.status_code == 400, (bad, response.content)
    assert not Order.objects.exists()
