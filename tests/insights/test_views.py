import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from insights.services import insights_rollup_rebuild
from orders.services import sales_rollup_rebuild
from tests.factories import (
    AdminFactory,
    BuyerFactory,
    FarmerFactory,
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    ShopFactory,
    StationFactory,
)

pytestmark = pytest.mark.django_db


def url(name, pk, **query):
    base = reverse(f"insights:{name}", args=[pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_village_dashboard_shows_the_hand_computed_figures(client, world):
    client.force_login(AdminFactory())
    response = client.get(url("village", world.v1.pk, year=2025))
    assert response.status_code == 200
    html = response.content.decode()
    stats = response.context["stats"]
    assert stats["totals"]["volume"] == Decimal("430.00")
    assert "¥430.00" in html
    assert "—" in html  # growth against a year without sales
    assert "Rui Long" in html  # admins see the farmers' table
    assert "3\u00a0kg" in html  # Pickled cabbage: 3.000 kg sold, shown without trailing zeros
    # Charts are drawn on the server (SVG), no chart library or script is sent.
    assert "<script" not in html.split("<main", 1)[1] and "chart.umd" not in html
    assert 'class="chart-columns"' in html and 'class="chart-bars"' in html
    tables = [item["table"].name for item in response.context["tables"]]
    assert tables[:3] == ["monthly", "yearly", "destinations"]
    assert "farmers" in tables and "stock_outs" in tables


def test_growth_shows_with_its_sign(client, world):
    client.force_login(AdminFactory())
    html = client.get(url("village", world.v1.pk, year=2026)).content.decode()
    assert "+10.00\u00a0%" in html


def test_village_dashboard_permissions(client, world):
    page = url("village", world.v1.pk)
    assert client.get(page).status_code == 302  # anonymous: log in first
    client.force_login(world.f3)  # a farmer of another village
    assert client.get(page).status_code == 403
    client.force_login(BuyerFactory())
    assert client.get(page).status_code == 403
    client.force_login(StationFactory().operator)  # the operator of another village
    assert client.get(page).status_code == 403
    operator = StationFactory(village=world.v1).operator
    client.force_login(operator)
    assert client.get(page).status_code == 200
    client.force_login(world.f2)  # a farmer of the village sees the figures, not each neighbour's income
    response = client.get(page)
    assert response.status_code == 200
    assert "farmers" not in [item["table"].name for item in response.context["tables"]]
    assert client.get(reverse("insights:csv", args=["village", world.v1.pk, "farmers"])).status_code == 403


def test_anonymous_sees_only_the_public_summary_of_a_county(client, world):
    response = client.get(url("county", world.county_a.pk, year=2025))
    assert response.status_code == 200
    assert response.context["public"] is True
    assert [item["table"].name for item in response.context["tables"]] == ["yearly"]
    html = response.content.decode()
    assert "¥430.00" in html
    assert "Rui Long" not in html and "Pickled cabbage" not in html
    csv_url = reverse("insights:csv", args=["county", world.county_a.pk, "top_products"])
    assert client.get(csv_url).status_code == 403
    assert client.get(reverse("insights:csv", args=["county", world.county_a.pk, "yearly"])).status_code == 200
    client.force_login(world.f1)
    assert client.get(url("province", world.province.pk)).context["public"] is True


def test_admin_sees_the_whole_county_and_compares_counties(client, world):
    client.force_login(AdminFactory())
    response = client.get(url("county", world.county_a.pk, year=2025))
    assert response.context["public"] is False
    assert "Libei" in response.content.decode()  # the villages side by side
    overview = client.get(reverse("insights:overview") + "?year=2025")
    assert [(row["name"], row["volume"]) for row in overview.context["counties"]] == [
        ("Xifeng", Decimal("430.00")),
        ("Huaxi", Decimal("100.00")),
    ]
    assert [row["volume"] for row in overview.context["provinces"]] == [Decimal("530.00")]


def test_farmer_page(client, world):
    client.force_login(world.f1)
    assert client.get(reverse("insights:mine")).url == reverse("insights:farmer", args=[world.f1.pk])
    response = client.get(url("farmer", world.f1.pk, year=2025))
    assert response.status_code == 200
    assert response.context["stats"]["totals"]["volume"] == Decimal("230.00")
    assert [item["table"].name for item in response.context["tables"]] == [
        "monthly",
        "yearly",
        "destinations",
        "top_products",
        "most_viewed",
        "stock_outs",
    ]
    assert client.get(url("farmer", world.f2.pk)).status_code == 403
    client.force_login(StationFactory(village=world.v1).operator)
    assert client.get(url("farmer", world.f2.pk)).status_code == 200


def test_csv_download_has_the_same_figures(client, world):
    client.force_login(AdminFactory())
    response = client.get(reverse("insights:csv", args=["village", world.v1.pk, "monthly"]) + "?year=2025")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Month,Sales volume (yuan),Orders,A year before (yuan),Year-on-year growth (%)"
    assert lines[1] == "2025-01,30.00,1,0.00,"
    assert lines[3] == "2025-03,200.00,2,0.00,"
    yearly = client.get(reverse("insights:csv", args=["village", world.v1.pk, "yearly"]) + "?year=2026")
    # This year stops at the current month (compared with the same months of last year).
    today = timezone.localdate()
    months_2026 = today.month if today.year == 2026 else 12
    assert yearly.content.decode().splitlines()[1:] == [
        "2023,12,100.00,1,",
        "2024,12,0.00,0,-100.00",
        "2025,12,430.00,4,",
        f"2026,{months_2026},473.00,1,10.00",
    ]
    assert client.get(reverse("insights:csv", args=["village", world.v1.pk, "nope"])).status_code == 404


def test_a_bad_period_is_a_form_error_not_a_500(client, world):
    client.force_login(AdminFactory())
    response = client.get(url("village", world.v1.pk, **{"from": "2025-13"}))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Enter a month as YYYY-MM." in response.content.decode()


def test_sections_and_nav(client, world):
    operator = StationFactory(village=world.v1).operator
    client.force_login(operator)
    html = client.get(reverse("villages:village_detail", args=[world.v1.pk])).content.decode()
    assert reverse("insights:village", args=[world.v1.pk]) in html
    assert "Village sales" in html
    assert client.get(reverse("insights:mine")).url == reverse("insights:village", args=[world.v1.pk])
    client.logout()
    html = client.get(reverse("villages:village_detail", args=[world.v1.pk])).content.decode()
    assert reverse("insights:village", args=[world.v1.pk]) not in html  # anonymous: figures, no link
    assert "Online sales" in html
    html = client.get(reverse("villages:county_detail", args=[world.county_a.pk])).content.decode()
    assert reverse("insights:county", args=[world.county_a.pk]) in html


def _grow(village, count):
    """More shops, products and orders in the village, as the dashboards' load grows."""
    buyer = BuyerFactory()
    for _ in range(count):
        shop = ShopFactory(owner=FarmerFactory(home_village=village))
        product = ProductFactory(shop=shop)
        for day in (3, 4):
            order = OrderFactory(
                shop=shop, buyer=buyer, status="paid", paid_at=datetime.datetime(2025, 5, day, 4, tzinfo=datetime.UTC)
            )
            OrderLineFactory(order=order, product=product)
    sales_rollup_rebuild()
    insights_rollup_rebuild()


@pytest.mark.parametrize("kind", ["village", "county", "province"])
def test_dashboards_run_a_constant_number_of_queries(client, world, django_assert_num_queries, kind):
    from django.core.cache import cache

    client.force_login(AdminFactory())
    subject = {"village": world.v1, "county": world.county_a, "province": world.province}[kind]
    page = url(kind, subject.pk, year=2025)
    # session, user, subject, then 10 aggregates (+1 breakdown for counties and provinces; villages: no access query
    # for admins); a warm cache leaves only the first three.
    expected = 3 + 10 + (1 if kind != "village" else 0)
    with django_assert_num_queries(expected):
        assert client.get(page).status_code == 200
    with django_assert_num_queries(3):
        client.get(page)
    cache.clear()
    _grow(world.v1, 5)
    with django_assert_num_queries(expected):
        assert client.get(page).status_code == 200


def test_farmer_page_and_overview_run_a_constant_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(AdminFactory())
    farmer_page = url("farmer", world.f1.pk, year=2025)
    overview = reverse("insights:overview") + "?year=2025"
    # session, user, farmer, then 8 aggregates; the overview: session, user, provinces, counties.
    with django_assert_num_queries(11):
        client.get(farmer_page)
    with django_assert_num_queries(4):
        client.get(overview)
    from django.core.cache import cache

    cache.clear()
    _grow(world.v1, 4)
    with django_assert_num_queries(11):
        client.get(farmer_page)
    with django_assert_num_queries(4):
        client.get(overview)
