"""Issue 18, address book: saved addresses with one default, places from the national divisions, the recipient's
phone validated, checkout from a saved address (API and page), pages that work without JavaScript."""

import threading

import pytest
from django.db import connections
from django.urls import reverse
from rest_framework.test import APIClient

from orders.models import Order
from tests.factories import BuyerFactory, ProductFactory
from villages import services
from villages.models import Address, City, District, Province

pytestmark = pytest.mark.django_db


def place(province_code="33", city_code="3301", district_code="330106"):
    """浙江省杭州市西湖区"""
    return (
        Province.objects.get(code=province_code),
        City.objects.get(code=city_code),
        District.objects.get(code=district_code),
    )


def body(**extra):
    province, city, district = place()
    data = {
        "recipient_name": "孙磊",
        "recipient_phone": "138 0013 8000",
        "province": province.pk,
        "city": city.pk,
        "district": district.pk,
        "street": "文三路 90 号",
    }
    return {**data, **extra}


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_national_divisions_are_complete():
    assert Province.objects.count() == 31
    assert City.objects.count() == 342 and District.objects.count() == 2978
    assert not City.objects.filter(districts__isnull=True).exists()  # every city offers counties
    assert District.objects.get(code="520123").name_zh == "修文县"  # the village in the news articles


def test_save_addresses_the_first_is_default_and_one_default_only():
    user = BuyerFactory()
    api = api_for(user)
    first = api.post("/api/addresses/", body(), format="json")
    assert first.status_code == 201, first.json()
    assert first.json()["is_default"] and first.json()["recipient_phone"] == "+8613800138000"
    assert first.json()["region"] == "浙江省杭州市西湖区"
    second = api.post("/api/addresses/", body(street="另一处", is_default=True), format="json").json()
    listed = api.get("/api/addresses/").json()
    assert [a["id"] for a in listed] == [second["id"], first.json()["id"]]
    assert [a["is_default"] for a in listed] == [True, False]
    api.post(f"/api/addresses/{first.json()['id']}/set-default/")
    assert Address.objects.get(is_default=True).pk == first.json()["id"]
    # Deleting the default hands it to the other one.
    assert api.delete(f"/api/addresses/{first.json()['id']}/").status_code == 204
    assert Address.objects.get().is_default


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"recipient_phone": "abc"}, "recipient_phone"),
        ({"recipient_phone": "12345"}, "recipient_phone"),
        ({"city": "other-province"}, "city"),
        ({"district": "other-city"}, "district"),
        ({"street": " "}, "street"),
    ],
)
def test_bad_addresses_are_400_with_the_field(change, field):
    other_city = City.objects.get(code="3201")  # 南京市, not in 浙江
    other_district = District.objects.get(code="330206")  # 宁波市北仑区, not in 杭州
    values = {"other-province": other_city.pk, "other-city": other_district.pk}
    change = {key: values.get(value, value) for key, value in change.items()}
    answer = api_for(BuyerFactory()).post("/api/addresses/", body(**change), format="json")
    assert answer.status_code == 400 and field in answer.json()["fields"], answer.json()
    assert not Address.objects.exists()


def test_someone_elses_address_is_not_found():
    owner, other = BuyerFactory(), BuyerFactory()
    address_id = api_for(owner).post("/api/addresses/", body(), format="json").json()["id"]
    api = api_for(other)
    assert api.get(f"/api/addresses/{address_id}/").status_code == 404
    assert api.put(f"/api/addresses/{address_id}/", body(), format="json").status_code == 404
    assert api.delete(f"/api/addresses/{address_id}/").status_code == 404
    assert api.post(f"/api/addresses/{address_id}/set-default/").status_code == 404
    # Nor can checkout ship to it.
    product = ProductFactory()
    api.post("/api/cart/", {"product": product.pk, "quantity": "1"}, format="json")
    answer = api.post("/api/cart/checkout/", {"address": address_id}, format="json")
    assert answer.status_code == 400 and "address" in answer.json()["fields"]


def test_dependent_selects_on_the_api():
    province, city, _ = place()
    cities = APIClient().get("/api/cities/", {"province": province.pk}).json()
    assert {c["name_zh"] for c in cities} >= {"杭州市", "宁波市"} and len(cities) == 11
    districts = APIClient().get("/api/districts/", {"city": city.pk}).json()
    assert "西湖区" in {d["name_zh"] for d in districts}


def test_checkout_from_a_saved_address_on_the_api():
    buyer = BuyerFactory()
    api = api_for(buyer)
    address_id = api.post("/api/addresses/", body(), format="json").json()["id"]
    product = ProductFactory()
    api.post("/api/cart/", {"product": product.pk, "quantity": "1"}, format="json")
    answer = api.post("/api/cart/checkout/", {"address": address_id}, format="json")
    assert answer.status_code == 201, answer.json()
    order = Order.objects.get(buyer=buyer)
    assert (order.recipient_name, order.recipient_phone, order.ship_city, order.ship_county) == (
        "孙磊",
        "+8613800138000",
        "杭州市",
        "西湖区",
    )
    assert order.ship_province.code == "33" and order.ship_address == "文三路 90 号"


def test_checkout_refuses_a_bad_phone():
    api = api_for(BuyerFactory())
    product = ProductFactory()
    api.post("/api/cart/", {"product": product.pk, "quantity": "1"}, format="json")
    province, _, _ = place()
    answer = api.post(
        "/api/cart/checkout/",
        {
            "recipient_name": "x",
            "recipient_phone": "abc",
            "ship_province": province.pk,
            "ship_city": "杭州市",
            "ship_county": "西湖区",
            "ship_address": "1",
        },
        format="json",
    )
    assert answer.status_code == 400 and "recipient_phone" in answer.json()["fields"]


def test_municipalities_show_the_province_not_the_pseudo_city():
    user = BuyerFactory()
    province, city, district = place("11", "1101", "110105")  # 北京市 市辖区 朝阳区
    address = services.address_save(
        user=user,
        data=services.AddressInput(
            recipient_name="王",
            recipient_phone="13800138000",
            province_id=province.pk,
            city_id=city.pk,
            district_id=district.pk,
            street="建国路 1 号",
        ),
    )
    assert address.region_text == "北京市朝阳区" and address.city_text == "北京市"


def test_pages_without_javascript_choose_province_then_city_then_county(client):
    user = BuyerFactory()
    client.force_login(user)
    province, city, district = place()
    step = client.post(
        reverse("villages:address_new"), {"recipient_name": "孙磊", "province": province.pk, "refresh": "1"}
    )
    html = step.content.decode()
    assert (
        step.status_code == 200
        and "杭州市" in html
        and "西湖区" not in html
        and "error" not in html.split("<main")[1][:0]
    )
    step = client.post(
        reverse("villages:address_new"),
        {"recipient_name": "孙磊", "province": province.pk, "city": city.pk, "refresh": "1"},
    )
    assert "西湖区" in step.content.decode() and not Address.objects.exists()
    bad = client.post(reverse("villages:address_new"), {**body(), "recipient_phone": "abc"})
    assert bad.status_code == 200 and "valid mobile number" in bad.content.decode()
    done = client.post(reverse("villages:address_new"), body())
    assert done.status_code == 302 and Address.objects.get(user=user).is_default
    listing = client.get(reverse("villages:address_list"))
    assert "浙江省杭州市西湖区" in listing.content.decode()


def test_checkout_page_fills_in_the_default_address(client):
    user = BuyerFactory()
    client.force_login(user)
    api_for(user).post("/api/addresses/", body(), format="json")
    product = ProductFactory()
    client.post(reverse("orders:cart_add"), {"product": product.pk, "quantity": "1"})
    page = client.get(reverse("orders:checkout")).content.decode()
    assert 'value="文三路 90 号"' in page and 'value="杭州市"' in page and 'value="西湖区"' in page


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_leave_exactly_one_default():
    if connections["default"].vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    user = BuyerFactory()
    province, city, district = place()
    barrier = threading.Barrier(6)

    def save(n):
        barrier.wait()
        try:
            services.address_save(
                user=user,
                data=services.AddressInput(
                    recipient_name=f"r{n}",
                    recipient_phone="13800138000",
                    province_id=province.pk,
                    city_id=city.pk,
                    district_id=district.pk,
                    street=f"{n} 号",
                    is_default=n % 2 == 0,
                ),
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Address.objects.filter(user=user).count() == 6
    assert Address.objects.filter(user=user, is_default=True).count() == 1


def test_the_address_book_runs_the_same_queries_for_one_address_or_several(client, django_assert_max_num_queries):
    buyer = BuyerFactory()
    api = api_for(buyer)
    assert api.post("/api/addresses/", body(), format="json").status_code == 201
    client.force_login(buyer)
    with django_assert_max_num_queries(20) as one:
        assert client.get(reverse("villages:address_list")).status_code == 200
    queries = len(one.captured_queries)  # before the next request resets the connection's query log
    for number in range(4):
        assert api.post("/api/addresses/", body(street=f"文三路 {number} 号"), format="json").status_code == 201
    with django_assert_max_num_queries(queries):
        page = client.get(reverse("villages:address_list")).content.decode()
    assert page.count("文三路") == 5
