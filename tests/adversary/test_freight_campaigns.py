"""Red-team campaign on freight at checkout: a buyer who sends their own freight and totals, or who picks the
province with the cheapest freight while typing a city of another one (the seller then ships to Lanzhou at the
price of Hangzhou)."""

from __future__ import annotations

import pytest

from orders.models import Order
from tests.adversary.conftest import Actor, established_buyer
from tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhejiang():
    return ProvinceFactory(code="33", name="Zhejiang", name_zh="浙江省")


@pytest.fixture
def gansu():
    return ProvinceFactory(code="62", name="Gansu", name_zh="甘肃省")


@pytest.mark.parametrize("city", ["兰州市", "兰州", " 兰州市 "])
def test_a_city_of_another_province_is_refused_and_nothing_is_ordered(world, attacker, zhejiang, gansu, city):
    product = world.listed_product(attacker)
    buyer = Actor(established_buyer())
    response = world.checkout(buyer, product, ship_province=zhejiang.pk, ship_city=city)
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "city_not_in_province" and "ship_city" in response.json()["fields"]
    assert not Order.objects.exists()
    # The same city with its own province is an ordinary order; so is a name the divisions do not know.
    assert world.checkout(buyer, product, ship_province=gansu.pk, ship_city=city).status_code == 201
    assert world.checkout(buyer, product, ship_province=zhejiang.pk, ship_city="Hangzhou").status_code == 201


def test_client_supplied_freight_and_totals_are_ignored(world, attacker):
    product = world.listed_product(attacker, price="18.50")
    buyer = Actor(established_buyer())
    honest = world.checkout(buyer, product).json()[0]
    forged = buyer.post(
        "/api/orders/",
        {
            **world.address(),
            "items": [{"product": product, "quantity": "2", "unit_price": "0.01"}],
            "shipping_fee": "0.00",
            "subtotal": "0.01",
            "total": "0.01",
            "freight_detail": {"groups": []},
        },
    )
    assert forged.status_code == 201
    order = forged.json()[0]
    for field in ("subtotal", "shipping_fee", "total"):
        assert order[field] == honest[field]
