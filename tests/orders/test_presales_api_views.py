"""Pre-sale REST and pages: the flow through the API, error shapes, constant query counts, the pages render."""

import uuid
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from orders.models import PreSaleOrder
from promotions.models import PreSale
from tests.factories import BuyerFactory, ProvinceFactory, waybill
from tests.orders.presale_helpers import kiwi_variant, open_presale, pay_due, reserve

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _address() -> dict:
    province = ProvinceFactory(code="33", name="Zhejiang", name_zh="浙江省")
    return {
        "recipient_name": "Wu Fang",
        "recipient_phone": "13800000001",
        "ship_province": province.pk,
        "ship_city": "Hangzhou",
        "ship_county": "Xihu",
        "ship_address": "2 Lake Road",
    }


def test_the_whole_presale_through_the_api():
    variant = kiwi_variant()
    farmer = _client(variant.product.shop.owner)
    opened = farmer.post(
        "/api/presales/",
        {
            "variant": variant.pk,
            "quantity_offered": "500",
            "deposit_per_unit": "3.00",
            "final_price_per_unit": "12.50",
            "harvest_from": "2099-06-01",
            "harvest_to": "2099-08-31",
            "ship_by": "2099-09-30",
            "terms": "定金不退：尾款未按时支付，定金归农户。",
        },
        format="json",
    )
    assert opened.status_code == 201, opened.content
    presale_id = opened.json()["id"]
    assert APIClient().get(f"/api/presales/{presale_id}/").json()["terms"].startswith("定金")

    buyer = BuyerFactory()
    api = _client(buyer)
    refused = api.post(f"/api/presales/{presale_id}/reserve/", {"quantity": "10", **_address()}, format="json")
    assert refused.status_code == 400 and "accept_terms" in refused.json()["fields"]
    reserved = api.post(
        f"/api/presales/{presale_id}/reserve/", {"quantity": "10", "accept_terms": True, **_address()}, format="json"
    )
    assert reserved.status_code == 201, reserved.content
    number = reserved.json()["number"]
    assert reserved.json()["deposit_amount"] == "30.00" and reserved.json()["total"] == "125.00"
    paying = api.post(f"/api/presale-orders/{number}/pay/", HTTP_IDEMPOTENCY_KEY="k1")
    assert paying.status_code == 201 and paying.json()["kind"] == "deposit" and paying.json()["pay_url"]
    replay = api.post(f"/api/presale-orders/{number}/pay/", HTTP_IDEMPOTENCY_KEY="k1")
    assert replay.json()["reference"] == paying.json()["reference"]
    from orders import services
    from orders.models import PreSalePayment

    services.presale_payment_simulate(payment=PreSalePayment.objects.get(reference=paying.json()["reference"]))
    assert farmer.post(f"/api/presales/{presale_id}/call/").status_code == 200
    balance = api.post(f"/api/presale-orders/{number}/pay/", HTTP_IDEMPOTENCY_KEY="k2")
    assert balance.json()["kind"] == "balance" and balance.json()["amount"] == "95.00"
    services.presale_payment_simulate(payment=PreSalePayment.objects.get(reference=balance.json()["reference"]))
    bad = farmer.post(f"/api/presale-orders/{number}/ship/", {"carrier": "SF", "tracking_number": "123"}, format="json")
    assert bad.status_code == 400 and "tracking_number" in bad.json()["fields"]
    shipped = farmer.post(
        f"/api/presale-orders/{number}/ship/", {"carrier": "SF", "tracking_number": waybill()}, format="json"
    )
    assert shipped.status_code == 200 and shipped.json()["status"] == "shipped"
    assert api.get(f"/api/presale-orders/{number}/").json()["status"] == "shipped"
    assert services.orders_audit() == []


def test_opening_with_bad_fields_answers_400_with_every_field_and_writes_nothing():
    variant = kiwi_variant()
    answer = _client(variant.product.shop.owner).post(
        "/api/presales/",
        {
            "variant": variant.pk,
            "quantity_offered": "NaN",
            "deposit_per_unit": "1e999",
            "final_price_per_unit": "-3",
            "harvest_from": "yesterday",
            "harvest_to": "2099-01-01",
            "ship_by": "2099-01-01",
            "terms": "x",
        },
        format="json",
    )
    assert answer.status_code == 400
    assert {"quantity_offered", "deposit_per_unit", "final_price_per_unit", "harvest_from", "terms"} <= set(
        answer.json()["fields"]
    )
    assert PreSale.objects.count() == 0


def test_lists_run_a_constant_number_of_queries(django_assert_max_num_queries):
    presale = open_presale()
    buyer = BuyerFactory()
    for _ in range(3):
        pay_due(reserve(presale, BuyerFactory(), "2"))
    order = reserve(presale, buyer, "2")
    pay_due(order)
    for _ in range(2):
        open_presale(kiwi_variant(product=presale.product, name=f"{uuid.uuid4().hex[:6]} 斤装"))
    farmer = _client(presale.product.shop.owner)
    with django_assert_max_num_queries(8):
        assert len(APIClient().get("/api/presales/").json()["results"]) == 3
    with django_assert_max_num_queries(8):
        assert len(farmer.get(f"/api/presale-orders/?presale={presale.pk}").json()["results"]) == 4
    with django_assert_max_num_queries(8):
        assert len(_client(buyer).get("/api/presale-orders/").json()["results"]) == 1
    page = Client()
    page.force_login(presale.product.shop.owner)
    with django_assert_max_num_queries(25):
        assert page.get(reverse("orders:presales_manage")).status_code == 200
    with django_assert_max_num_queries(25):
        assert page.get(reverse("orders:presale_detail", args=[presale.pk])).status_code == 200
    page.force_login(buyer)
    with django_assert_max_num_queries(25):
        assert page.get(reverse("orders:presale_orders_mine")).status_code == 200


def test_pages_show_the_presale_and_take_a_reservation():
    presale = open_presale()
    product_page = Client().get(presale.product.get_absolute_url()).content.decode()
    assert "定金不退" in product_page and "12.50" in product_page
    catalogue = Client().get(reverse("shops:catalogue")).content.decode()
    assert 'class="badge badge-brand">pre-sale<' in catalogue  # the card marks the product on pre-sale
    buyer = BuyerFactory()
    client = Client()
    client.force_login(buyer)
    form = client.get(reverse("orders:presale_reserve", args=[presale.pk]))
    assert "定金不退" in form.content.decode()  # the terms, shown before paying
    address = _address()
    posted = client.post(
        reverse("orders:presale_reserve", args=[presale.pk]),
        {"quantity": "10", "accept_terms": "on", **address},
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    order = PreSaleOrder.objects.get(buyer=buyer)
    assert posted["Location"].endswith(f"/orders/presales/pay/{order.payments.get().reference}/")
    client.post(posted["Location"], {"outcome": "pay"})
    order.refresh_from_db()
    assert order.status == "deposit_paid"
    farmer = Client()
    farmer.force_login(presale.product.shop.owner)
    assert farmer.post(reverse("orders:presale_call", args=[presale.pk])).status_code == 302
    mine = client.get(reverse("orders:presale_orders_mine")).content.decode()
    assert reverse("orders:presale_pay", args=[order.number]) in mine
    assert Decimal(order.balance_amount) == Decimal("95.00")
