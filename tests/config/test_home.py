"""The home page is the front of the shop: produce in season, new near the buyer, certified villages."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from certification.models import CertificationStatus, VillageCertification
from tests.factories import (
    BuyerFactory,
    CountyFactory,
    FarmerFactory,
    OrderFactory,
    ProductFactory,
    ProvinceFactory,
    ShopFactory,
    TownshipFactory,
    VillageFactory,
)

pytestmark = pytest.mark.django_db


def _village_in(province, name):
    return VillageFactory(name=name, township=TownshipFactory(county=CountyFactory(province=province)))


@pytest.fixture
def market():
    today = timezone.localdate()
    guizhou = ProvinceFactory(code="52", name="Guizhou", name_zh="贵州省")
    jiangsu = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    libei, zhouquan = _village_in(guizhou, "Libei"), _village_in(jiangsu, "Zhouquan")
    tea_shop = ShopFactory(owner=FarmerFactory(home_village=libei))
    garden = ShopFactory(owner=FarmerFactory(home_village=zhouquan))
    fresh = [
        ProductFactory(shop=tea_shop, name=f"Spring tea {n}", produced_on=today - datetime.timedelta(days=n))
        for n in range(10)
    ]
    ProductFactory(shop=tea_shop, name="Last year's tea", produced_on=today - datetime.timedelta(days=300))
    ProductFactory(shop=tea_shop, name="Sold-out tea", produced_on=today, stock=0)
    roses = [ProductFactory(shop=garden, name=f"Rose seedling {n}") for n in range(3)]
    # Many shops of a village sell the same lot: the front shows the name once.
    for _ in range(3):
        ProductFactory(shop=ShopFactory(owner=FarmerFactory(home_village=zhouquan)), name="Rose seedlings x100")
    for village in (libei, _village_in(guizhou, "Yangwan")):
        VillageCertification.objects.create(
            village=village,
            status=CertificationStatus.CERTIFIED,
            certified_on=today,
            valid_until=today + datetime.timedelta(days=365),
        )
    cache.clear()
    return {"fresh": fresh, "roses": roses, "jiangsu": jiangsu, "zhouquan": zhouquan}


def test_the_front_shows_produce_in_season_and_certified_villages(client, market):
    html = client.get("/").content.decode()
    in_season = html.split('id="in-season"')[1].split('id="new-near"')[0]
    assert "Spring tea 0" in in_season and "Last year&#x27;s tea" not in in_season
    assert "Sold-out tea" not in html
    villages = html.split('id="certified-villages"')[1]
    assert "Libei" in villages and "Yangwan" in villages
    assert "Just listed" in html  # a visitor: no province known


def test_new_products_near_the_buyer_by_the_province_of_their_last_order(client, market):
    buyer = BuyerFactory()
    OrderFactory(buyer=buyer, ship_province=market["jiangsu"])
    client.force_login(buyer)
    html = client.get("/").content.decode()
    assert "New from Jiangsu" in html and "Rose seedling 2" in html
    assert html.count(">Rose seedlings x100<") == 1
    farmer = FarmerFactory(home_village=market["zhouquan"])  # a villager: by the home village
    client.force_login(farmer)
    assert "New from Jiangsu" in client.get("/").content.decode()


def test_the_front_runs_a_constant_number_of_queries(client, market, django_assert_max_num_queries):
    buyer = BuyerFactory()
    OrderFactory(buyer=buyer, ship_province=market["jiangsu"])
    client.force_login(buyer)
    with django_assert_max_num_queries(20) as cold:
        client.get("/")
    # Twice the produce and villages: the same number of queries.
    for product in market["fresh"] + market["roses"]:
        ProductFactory(shop=product.shop, name=f"{product.name} bis", produced_on=product.produced_on)
    cache.clear()
    with django_assert_max_num_queries(len(cold.captured_queries)):
        client.get("/")
    # Warm: the produce and villages come from the cached fragments.
    with django_assert_max_num_queries(len(cold.captured_queries) - 7):
        client.get("/")
