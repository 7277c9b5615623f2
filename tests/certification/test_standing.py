"""A village's live standing: trailing 12 months from the rollups, distance to the label, projection, and the
station operator seeing it move after a sale (pages and GET /api/villages/{id}/stats/)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certification import selectors
from certification.selectors import add_months
from orders.services import month_of, sales_rollup_add
from orders.services.activity import activity_rule_build, activity_rule_get_or_add
from tests.certification.conftest import add_shops
from tests.factories import BuyerFactory, ProductFactory, StationFactory, VillageFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 15)
MONTHS = {name: datetime.date(2026, number, 1) for name, number in (("jun", 6), ("jul", 7), ("aug", 8))}
MONTHS |= {"sep": datetime.date(2026, 9, 1), "oct": datetime.date(2026, 10, 1), "nov": datetime.date(2026, 11, 1)}


def test_standing_sums_this_month_so_far_and_projects_at_the_last_three_months_pace():
    village = VillageFactory()
    # 100 shops with an order every month since June: active now and three months ago.
    add_shops(village, 100, monthly={month: ("100.00", 1) for month in MONTHS.values()})
    # 1,000,000 a month in August, September, October, 500,000 so far in November; 10,000 in June and July.
    for name, volume in (("aug", "990000.00"), ("sep", "990000.00"), ("oct", "990000.00"), ("nov", "490000.00")):
        add_shops(village, 1, status="closed", monthly={MONTHS[name]: (volume, 1)})
    standing = selectors.village_standing(village=village, today=TODAY)
    assert (standing.window.start, standing.window.end) == (datetime.date(2025, 12, 1), datetime.date(2026, 11, 30))
    assert standing.sales_volume == Decimal("3520000.00")
    assert (standing.active_shops, standing.shops_shortfall, standing.shops_pace) == (100, 0, Decimal("0.00"))
    assert standing.sales_shortfall == Decimal("6480000.00")
    assert standing.sales_pace == Decimal("1000000.00")
    # June-Oct (3.02 M) + November at pace (1 M) + 1 M for each month ahead: 10.02 M six months ahead (April: 9.02 M).
    assert (standing.meets_both, standing.projected_month) == (False, datetime.date(2027, 5, 1))
    data = standing.as_json()
    assert data["provisional"] is True and data["projected_month"] == "2027-05"
    assert data["sales_volume"] == "3520000.00" and data["policy_version"] == 1


def test_no_projection_when_shops_are_falling_and_met_when_both_are_met():
    village = VillageFactory()
    # 60 shops active three months ago (June-August), none since.
    add_shops(village, 60, monthly={MONTHS[name]: ("100.00", 1) for name in ("jun", "jul", "aug")})
    add_shops(village, 10, monthly={month: ("1000000.00", 1) for month in MONTHS.values()})
    standing = selectors.village_standing(village=village, today=TODAY)
    assert (standing.active_shops, standing.shops_pace) == (10, Decimal("-20.00"))
    assert standing.projected_month is None and not standing.meets_both
    add_shops(village, 90, monthly={month: ("100.00", 1) for month in (MONTHS["sep"], MONTHS["oct"], MONTHS["nov"])})
    standing = selectors.village_standing(village=village, today=TODAY)
    assert (standing.meets_both, standing.shops_shortfall, standing.sales_shortfall) == (True, 0, Decimal("0.00"))


def test_the_station_operator_sees_the_standing_move_after_a_sale(client):
    from tests.orders.factories import pay, place

    station = StationFactory()
    village = station.village
    product = ProductFactory(
        shop__village=village, shop__owner__home_village=village, unit_price=Decimal("250.00"), stock=Decimal("10")
    )
    month = month_of(timezone.now())
    # Two orders in the two months before: one more this month makes the shop active (3 in 3 months).
    # On PostgreSQL the database keeps the policy's rule (as after a first run): the standing reads it.
    rule = activity_rule_get_or_add(lookback_months=3, min_orders_per_month=1)
    if rule is not None:
        assert activity_rule_build(rule_id=rule.pk).ready
    for back in (1, 2):
        sales_rollup_add(shop_id=product.shop_id, month=add_months(month, -back), volume=Decimal("100.00"), orders=1)
    client.force_login(station.operator)

    def standing_shown():
        page = client.get(reverse("villages:my_station")).content.decode()
        assert "Standing today" in page and "Provisional" in page
        api = client.get(f"/api/villages/{village.pk}/stats/").json()["certification_standing"]
        return page, api

    page, before = standing_shown()
    assert (before["active_shops"], before["sales_volume"], before["provisional"]) == (0, "200.00", True)
    assert "0 / 100" in page
    order = place(BuyerFactory(), (product, 1))[0]
    pay(order)
    page, after = standing_shown()
    assert (after["active_shops"], Decimal(after["sales_volume"])) == (1, Decimal("200.00") + order.total)
    assert "1 / 100" in page
    village_page = client.get(reverse("villages:village_detail", args=[village.pk])).content.decode()
    assert "Standing today" in village_page and "1 / 100" in village_page
