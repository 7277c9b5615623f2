import datetime
from decimal import Decimal

import pytest

from core.errors import ValidationFailed
from insights.selectors import Period, Scope, growth_percent, period_parse, public_summary, scope_stats

D = Decimal


def year(number):
    return Period(datetime.date(number, 1, 1), datetime.date(number, 12, 1))


def test_growth_is_rounded_half_up_and_none_without_a_base():
    assert growth_percent(D("473.00"), D("430.00")) == D("10.00")
    assert growth_percent(D("200"), D("3")) == D("6566.67")
    assert growth_percent(D("0"), D("100")) == D("-100.00")
    assert growth_percent(D("5"), D("0")) is None
    assert growth_percent(D("5"), None) is None


def test_period_parsing():
    assert period_parse(year="2025") == year(2025)
    assert period_parse(start="2024-07", end="2025-06") == Period(datetime.date(2024, 7, 1), datetime.date(2025, 6, 1))
    assert period_parse(start="2024-07", end="2025-06").year_before().start == datetime.date(2023, 7, 1)
    for bad in ({"year": "20x5"}, {"year": "1999"}, {"start": "2025-13"}, {"start": "2025-06", "end": "2025-01"}):
        with pytest.raises(ValidationFailed):
            period_parse(**bad)
    with pytest.raises(ValidationFailed):
        period_parse(start="2000-01", end="2020-01")


@pytest.mark.django_db
def test_village_figures_match_the_hand_computed_ones(world):
    stats = scope_stats(scope=Scope("village", world.v1.pk), period=year(2025))
    totals = stats["totals"]
    # 30 (1 January in Shanghai) + 150 + 50 + 200; the refunded order and the unpaid ones do not count.
    assert totals["volume"] == D("430.00")
    assert totals["orders"] == 4
    assert totals["volume_year_before"] == D("0.00")
    assert totals["growth"] is None  # 2024 had no sales: no division by zero
    assert totals["active_shops"] == 2
    assert totals["open_shops"] == 2
    assert totals["poverty_county_volume"] == D("430.00")
    monthly = {row["month"].month: (row["volume"], row["orders"], row["growth"]) for row in stats["monthly"]}
    assert len(monthly) == 12
    assert monthly[1] == (D("30.00"), 1, None)
    assert monthly[3] == (D("200.00"), 2, None)
    assert monthly[11] == (D("200.00"), 1, None)
    assert monthly[2] == (D("0.00"), 0, None)
    assert [(y["year"], y["volume"], y["growth"]) for y in stats["yearly"]] == [
        (2023, D("100.00"), None),
        (2024, D("0.00"), D("-100.00")),
        (2025, D("430.00"), None),
    ]
    destinations = stats["destinations"]
    assert (destinations["provinces"], destinations["cities"], destinations["counties"]) == (3, 4, 4)
    assert [(row["province"], row["orders"], row["volume"]) for row in destinations["by_province"]] == [
        ("Jiangsu", 2, D("200.00")),
        ("Shandong", 1, D("200.00")),
        ("Zhejiang", 1, D("30.00")),
    ]
    assert [(row["name"], row["volume"], row["orders"]) for row in stats["top_products"]] == [
        ("Pickled cabbage", D("230.00"), 3),
        ("Green tea", D("200.00"), 1),
    ]
    farmers = stats["farmers"]
    assert farmers["with_sales"] == 2
    assert farmers["income"] == D("430.00")
    assert farmers["average_income"] == D("215.00")
    assert farmers["disadvantaged_with_sales"] == 1
    assert farmers["disadvantaged_income"] == D("200.00")
    assert [(f["user_id"], f["income"], f["is_disadvantaged"]) for f in farmers["top"]] == [
        (world.f1.pk, D("230.00"), False),
        (world.f2.pk, D("200.00"), True),
    ]
    assert [(row["name"], row["views"]) for row in stats["most_viewed"]] == [("Pickled cabbage", 5), ("Green tea", 3)]
    assert [(row["name"], row["views"]) for row in stats["stock_outs"]] == [("Green tea", 3)]


@pytest.mark.django_db
def test_growth_and_a_year_with_no_sales(world):
    scope = Scope("village", world.v1.pk)
    stats_2026 = scope_stats(scope=scope, period=year(2026))
    assert stats_2026["totals"]["volume"] == D("473.00")
    assert stats_2026["totals"]["growth"] == D("10.00")
    assert stats_2026["yearly"][-1] == {
        "year": 2026,
        "months": 12,
        "volume": D("473.00"),
        "orders": 1,
        "growth": D("10.00"),
        "farmers": 1,
        "farmers_year_before": 2,  # Rui Long and Fang Wang sold in 2025
    }
    january = stats_2026["monthly"][0]
    assert (january["volume"], january["volume_year_before"]) == (D("0.00"), D("30.00"))
    assert january["growth"] == D("-100.00")

    empty = scope_stats(scope=scope, period=year(2024))
    assert empty["totals"]["volume"] == D("0.00")
    assert empty["totals"]["growth"] == D("-100.00")  # against 2023's 100.00
    assert empty["totals"]["active_shops"] == 0
    assert (empty["destinations"]["provinces"], empty["destinations"]["cities"]) == (0, 0)
    assert empty["destinations"]["by_province"] == []
    assert empty["farmers"]["with_sales"] == 0
    assert empty["farmers"]["average_income"] is None
    assert empty["top_products"] == []

    first = scope_stats(scope=scope, period=year(2023))
    assert (first["totals"]["volume"], first["totals"]["growth"]) == (D("100.00"), None)


@pytest.mark.django_db
def test_province_figures_count_poverty_counties_and_disadvantaged_farmers(world):
    stats = scope_stats(scope=Scope("province", world.province.pk), period=year(2025))
    totals = stats["totals"]
    assert (totals["volume"], totals["orders"], totals["active_shops"]) == (D("530.00"), 5, 3)
    assert totals["poverty_county_volume"] == D("430.00")  # county A only
    destinations = stats["destinations"]
    assert (destinations["provinces"], destinations["cities"], destinations["counties"]) == (3, 5, 5)
    assert [(row["province"], row["orders"], row["volume"]) for row in destinations["by_province"]] == [
        ("Shandong", 2, D("300.00")),
        ("Jiangsu", 2, D("200.00")),
        ("Zhejiang", 1, D("30.00")),
    ]
    farmers = stats["farmers"]
    assert (farmers["with_sales"], farmers["income"], farmers["average_income"]) == (3, D("530.00"), D("176.67"))
    assert (farmers["disadvantaged_with_sales"], farmers["disadvantaged_income"]) == (2, D("300.00"))
    assert farmers["disadvantaged_average_income"] == D("150.00")
    assert [(row["name"], row["volume"], row["orders"]) for row in stats["top_categories"]] == [
        ("Tea", D("320.00"), 2),
        ("Pickles", D("230.00"), 3),
    ]
    assert [(row["name"], row["volume"], row["active_shops"], row["flag"]) for row in stats["breakdown"]] == [
        ("Xifeng", D("430.00"), 2, True),
        ("Huaxi", D("100.00"), 1, False),
    ]


@pytest.mark.django_db
def test_county_and_farmer_scopes(world):
    county = scope_stats(scope=Scope("county", world.county_b.pk), period=year(2025))
    assert (county["totals"]["volume"], county["totals"]["poverty_county_volume"]) == (D("100.00"), D("0.00"))
    assert county["stock_outs"] == []  # Black tea has no stock but nobody looked for it
    assert [(row["name"], row["volume"]) for row in county["breakdown"]] == [("Zhenshan", D("100.00"))]

    farmer = scope_stats(scope=Scope("farmer", world.f1.pk), period=year(2025))
    assert (farmer["totals"]["volume"], farmer["totals"]["orders"]) == (D("230.00"), 3)
    assert [row["province"] for row in farmer["destinations"]["by_province"]] == ["Jiangsu", "Zhejiang"]
    assert "farmers" not in farmer and "breakdown" not in farmer


@pytest.mark.django_db
def test_public_summary_keeps_only_headline_figures(world):
    summary = public_summary(scope_stats(scope=Scope("county", world.county_a.pk), period=year(2025)))
    assert summary["public"] is True
    assert set(summary) == {"scope", "id", "period", "public", "totals", "yearly", "destinations"}
    assert "poverty_county_volume" not in summary["totals"]
    assert set(summary["destinations"]) == {"provinces", "cities", "counties"}


@pytest.mark.django_db
def test_figures_are_cached(world, django_assert_num_queries):
    scope, period = Scope("village", world.v1.pk), year(2025)
    scope_stats(scope=scope, period=period)
    with django_assert_num_queries(0):
        scope_stats(scope=scope, period=period)
