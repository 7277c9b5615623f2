"""A small hand-checked data set: every figure the tests expect is computed by hand in the comments."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from insights.services import insights_rollup_rebuild, product_view_record
from orders.services import sales_rollup_rebuild
from tests.factories import (
    CategoryFactory,
    CountyFactory,
    FarmerFactory,
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    ProvinceFactory,
    ShopFactory,
    TownshipFactory,
    VillageFactory,
)

UTC = datetime.UTC


def at(year, month, day, hour=4):
    """04:00 UTC is noon in Shanghai: the same calendar day there."""
    return datetime.datetime(year, month, day, hour, 0, tzinfo=UTC)


@dataclass
class World:
    province: object
    county_a: object  # national poverty county, villages v1 and v2 (no shop)
    county_b: object  # not a poverty county, village v3
    v1: object
    v2: object
    v3: object
    f1: object  # v1
    f2: object  # v1, registered poor household
    f3: object  # v3, registered poor household
    s1: object
    s2: object
    s3: object
    p1: object
    p2: object
    p3: object
    jiangsu: object
    shandong: object
    zhejiang: object


@pytest.fixture
def world(db):
    guizhou = ProvinceFactory()
    jiangsu = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    shandong = ProvinceFactory(code="37", name="Shandong", name_zh="山东省")
    zhejiang = ProvinceFactory(code="33", name="Zhejiang", name_zh="浙江省")
    county_a = CountyFactory(province=guizhou, name="Xifeng", is_poverty_county=True)
    county_b = CountyFactory(province=guizhou, name="Huaxi", is_poverty_county=False)
    township_a = TownshipFactory(county=county_a)
    v1, v2 = VillageFactory(township=township_a, name="Libei"), VillageFactory(township=township_a, name="Yangwan")
    v3 = VillageFactory(township=TownshipFactory(county=county_b), name="Zhenshan")
    f1 = FarmerFactory(home_village=v1, first_name="Rui", last_name="Long")
    f2 = FarmerFactory(home_village=v1, first_name="Fang", last_name="Wang", is_disadvantaged=True)
    f3 = FarmerFactory(home_village=v3, first_name="Hua", last_name="Li", is_disadvantaged=True)
    s1, s2, s3 = ShopFactory(owner=f1), ShopFactory(owner=f2), ShopFactory(owner=f3)
    pickles, tea = CategoryFactory(name="Pickles", slug="pickles"), CategoryFactory(name="Tea", slug="tea")
    p1 = ProductFactory(shop=s1, category=pickles, name="Pickled cabbage")
    p2 = ProductFactory(shop=s2, category=tea, name="Green tea", stock=Decimal("0"))
    p3 = ProductFactory(shop=s3, category=tea, name="Black tea", stock=Decimal("0"))

    def order(shop, product, paid_at, total, province, city, county, status="paid", refunded="0.00"):
        placed = OrderFactory(
            shop=shop,
            status=status,
            paid_at=paid_at,
            total=Decimal(total),
            subtotal=Decimal(total),
            refunded_amount=Decimal(refunded),
            ship_province=province,
            ship_city=city,
            ship_county=county,
        )
        OrderLineFactory(order=placed, product=product, quantity=Decimal("1"), line_total=Decimal(total))
        return placed

    # 2023: s1 sells 100.00 (v1, county A).
    order(s1, p1, at(2023, 3, 10), "100.00", jiangsu, "Nanjing", "Xuanwu")
    # 2024: no sale at all.
    # 2025: v1 sells 30 + 150 + 50 + 200 = 430.00 in 4 orders; v3 sells 120 - 20 refunded = 100.00.
    order(s1, p1, at(2024, 12, 31, 17), "30.00", zhejiang, "Hangzhou", "Xihu")  # 1 January 2025 01:00 Shanghai
    order(s1, p1, at(2025, 3, 5), "150.00", jiangsu, "Nanjing", "Xuanwu", status="completed")
    order(s1, p1, at(2025, 3, 20), "50.00", jiangsu, "Suzhou", "Gusu", status="delivered")
    order(s2, p2, at(2025, 11, 11), "200.00", shandong, "Jinan", "Lixia")
    order(s2, p2, at(2025, 11, 12), "80.00", zhejiang, "Ningbo", "Haishu", status="refunded", refunded="80.00")
    order(s3, p3, at(2025, 6, 1), "120.00", shandong, "Qingdao", "Shinan", status="completed", refunded="20.00")
    OrderFactory(shop=s1, status="pending_payment", total=Decimal("999.00"))
    OrderFactory(shop=s3, status="cancelled", total=Decimal("999.00"))
    # 2026: s1 sells 473.00 = 430.00 + 10 %.
    order(s1, p1, at(2026, 2, 14), "473.00", jiangsu, "Nanjing", "Gulou")
    sales_rollup_rebuild()
    insights_rollup_rebuild()

    # Views in 2025: p1 viewed 5 times; p2 (no stock) 3 times, all while out of stock; p3 never.
    for _ in range(5):
        product_view_record(product_id=p1.pk, day=datetime.date(2025, 5, 1))
    for day in (1, 2, 2):
        product_view_record(product_id=p2.pk, day=datetime.date(2025, 5, day))
    return World(
        guizhou, county_a, county_b, v1, v2, v3, f1, f2, f3, s1, s2, s3, p1, p2, p3, jiangsu, shandong, zhejiang
    )
