"""Group buys through REST and the pages: the flow, the refusals as 400 / form errors, constant queries."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orders.models import Order
from promotions.models import GroupBuy, GroupBuyOffer, GroupBuyStatus
from tests.factories import BuyerFactory, ProvinceFactory
from tests.orders.factories import pay
from tests.promotions.factories import GroupBuyOfferFactory, VariantFactory

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


def _as(api_client, user):
    api_client.force_authenticate(user)
    return api_client


def test_api_farmer_offers_buyers_open_join_and_pay(api_client):
    variant = VariantFactory()
    farmer = variant.product.shop.owner
    client = _as(api_client, farmer)
    response = client.post("/api/group-buy-offers/", {"variant": variant.pk, "group_price": "30.00", "group_size": 1})
    assert response.status_code == 400 and {"group_price", "group_size"} <= set(response.json()["fields"])
    response = client.post("/api/group-buy-offers/", {"variant": variant.pk, "group_price": "25", "group_size": 2})
    assert response.status_code == 201, response.content
    offer = response.json()
    assert offer["label"] == "2-buyer group ¥25.00" and offer["regular_price"] == "30.00"
    assert client.get("/api/group-buy-offers/?managed=true").json()["count"] == 1

    leader, other = BuyerFactory(), BuyerFactory()
    response = _as(api_client, leader).post(f"/api/group-buy-offers/{offer['id']}/open-group/", _address())
    assert response.status_code == 201, response.content
    opened = response.json()
    code = opened["group"]["code"]
    assert opened["group"]["places_left"] == 1 and opened["total"] == "25.00"
    assert opened["group"]["share_url"].endswith(f"/orders/group-buys/{code}/")
    listed = api_client.get(f"/api/group-buys/?product={variant.product_id}").json()
    assert [g["code"] for g in listed["results"]] == [code]
    # Twice: 400 with the field.
    response = api_client.post(f"/api/group-buys/{code}/join/", _address())
    assert response.status_code == 400 and response.json()["code"] == "already_member"
    response = _as(api_client, other).post(f"/api/group-buys/{code}/join/", _address())
    assert response.status_code == 201
    # Full now: refused clearly.
    response = _as(api_client, BuyerFactory()).post(f"/api/group-buys/{code}/join/", _address())
    assert response.status_code == 400 and response.json()["fields"]["group"]
    for number in (opened["order"], response.json() and Order.objects.get(buyer=other).number):
        order = Order.objects.get(number=number)
        _as(api_client, order.buyer)
        payment = api_client.post(f"/api/orders/{number}/pay/", headers={"Idempotency-Key": uuid.uuid4().hex})
        assert payment.status_code == 201
        pay(order)
    assert api_client.get(f"/api/group-buys/{code}/").json()["status"] == GroupBuyStatus.SUCCEEDED
    assert api_client.get(f"/api/group-buys/?product={variant.product_id}").json()["count"] == 0
    response = _as(api_client, farmer).post(f"/api/group-buy-offers/{offer['id']}/end/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    response = _as(api_client, leader).post(f"/api/group-buy-offers/{offer['id']}/open-group/", _address())
    assert response.status_code == 400 and response.json()["code"] == "offer_closed"


def test_api_only_managers_create_or_end_offers(api_client):
    variant = VariantFactory()
    response = _as(api_client, BuyerFactory()).post(
        "/api/group-buy-offers/", {"variant": variant.pk, "group_price": "25", "group_size": 3}
    )
    assert response.status_code == 403
    offer = GroupBuyOfferFactory(variant=variant)
    assert api_client.post(f"/api/group-buy-offers/{offer.pk}/end/").status_code == 404
    api_client.force_authenticate(None)
    assert api_client.post("/api/group-buy-offers/", {}).status_code in (401, 403)
    assert api_client.get("/api/group-buy-offers/").status_code == 200


def test_open_groups_list_runs_a_constant_number_of_queries(api_client):
    offer = GroupBuyOfferFactory(group_size=5)
    from tests.orders.test_group_buys import _open

    _open(offer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(f"/api/group-buys/?product={offer.variant.product_id}").status_code == 200
        return len(queries.captured_queries)

    few = count()
    for _ in range(6):
        _open(offer)
    assert count() == few


def test_pages_product_offer_group_page_join_and_refusal_at_form(client):
    offer = GroupBuyOfferFactory(group_size=2)
    product = offer.variant.product
    html = client.get(product.get_absolute_url()).content.decode()
    assert "2-buyer group ¥25.00" in html and reverse("orders:group_buy_start", args=[offer.pk]) in html

    leader = BuyerFactory()
    client.force_login(leader)
    response = client.post(reverse("orders:group_buy_start", args=[offer.pk]), _address())
    group = GroupBuy.objects.get()
    assert response.status_code == 302 and response.url == group.get_absolute_url()
    html = client.get(product.get_absolute_url()).content.decode()
    assert "1 place left" in html and group.get_absolute_url() in html
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Pay ¥25.00" in page

    client.force_login(BuyerFactory())
    assert client.post(group.get_absolute_url(), _address()).status_code == 302
    client.force_login(BuyerFactory())
    response = client.post(group.get_absolute_url(), _address())
    assert response.status_code == 200 and "This group is full" in response.content.decode()
    assert group.members.count() == 2
    GroupBuy.objects.filter(pk=group.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post(group.get_absolute_url(), _address())
    assert "time ran out" in response.content.decode()


def test_catalogue_cards_mark_products_with_a_group_buy(client):
    offer = GroupBuyOfferFactory()
    html = client.get(reverse("shops:catalogue")).content.decode()
    assert "badge-group" in html and offer.variant.product.name in html


def test_farmer_offers_page_creates_and_ends(client):
    variant = VariantFactory()
    farmer = variant.product.shop.owner
    client.force_login(farmer)
    assert client.get(reverse("orders:group_buy_offers")).status_code == 200
    form = {"variant": variant.pk, "group_price": "31", "group_size": 3, "fill_hours": 24, "quantity": 1}
    response = client.post(reverse("orders:group_buy_offers"), form)
    assert response.status_code == 200 and "Below the option" in response.content.decode()
    response = client.post(reverse("orders:group_buy_offers"), {**form, "group_price": "25"})
    assert response.status_code == 302
    offer = GroupBuyOffer.objects.get()
    assert client.post(reverse("orders:group_buy_offer_end", args=[offer.pk])).status_code == 302
    offer.refresh_from_db()
    assert not offer.is_active
    client.force_login(BuyerFactory())
    assert client.get(reverse("orders:group_buy_offers")).status_code == 403


def test_the_seller_sees_waiting_for_the_group_and_no_ship_form(client):
    offer = GroupBuyOfferFactory(group_size=2)
    from tests.orders.test_group_buys import _open

    member = _open(offer)
    pay(member.order)
    client.force_login(offer.shop.owner)
    html = client.get(member.order.get_absolute_url()).content.decode()
    assert "Waiting for the group: do not ship yet" in html and 'name="tracking_number"' not in html
    assert Decimal(member.order.total) == Decimal("25.00")
