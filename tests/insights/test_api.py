import pytest

from tests.factories import AdminFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_village_stats_match_the_hand_computed_figures(api_client, world):
    api_client.force_authenticate(AdminFactory())
    response = api_client.get(f"/api/villages/{world.v1.pk}/stats/", {"year": 2025})
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Libei"
    assert data["public"] is False
    assert data["period"]["from"] == "2025-01" and data["period"]["to"] == "2025-12"
    assert data["totals"]["volume"] == "430.00"
    assert data["totals"]["growth"] is None
    assert data["totals"]["poverty_county_volume"] == "430.00"
    assert [(d["province"], d["volume"]) for d in data["destinations"]["by_province"]] == [
        ("Jiangsu", "200.00"),
        ("Shandong", "200.00"),
        ("Zhejiang", "30.00"),
    ]
    assert (data["destinations"]["provinces"], data["destinations"]["cities"], data["destinations"]["counties"]) == (
        3,
        4,
        4,
    )
    assert data["farmers"]["disadvantaged_with_sales"] == 1
    assert data["farmers"]["disadvantaged_income"] == "200.00"
    assert [(y["year"], y["volume"], y["growth"]) for y in data["yearly"]] == [
        (2023, "100.00", None),
        (2024, "0.00", "-100.00"),
        (2025, "430.00", None),
    ]
    assert data["monthly"][0] == {
        "month": "2025-01",
        "volume": "30.00",
        "orders": 1,
        "volume_year_before": "0.00",
        "growth": None,
        "farmers": 1,
        "farmers_year_before": 0,
    }


def test_place_and_category_names_follow_accept_language(api_client, world):
    """The figures are cached once for every language; the names are put in the request's language on the way out."""
    from django.conf import settings
    from django.utils import translation

    api_client.force_authenticate(AdminFactory())
    url = f"/api/villages/{world.v1.pk}/stats/"
    with translation.override(settings.LANGUAGE_CODE):  # the middleware leaves the last language active
        en = api_client.get(url, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").json()
        zh = api_client.get(url, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert en["destinations"]["by_province"][0]["province"] == "Jiangsu"
    assert zh["destinations"]["by_province"][0]["province"] == "江苏省"
    english = {row["name"] for row in en["top_categories"]}
    chinese = {row["name"] for row in zh["top_categories"]}
    assert english and not english & chinese
    with translation.override("zh-hans"):
        assert chinese == {translation.gettext(name) for name in english}


def test_period_as_months_and_growth(api_client, world):
    api_client.force_authenticate(AdminFactory())
    data = api_client.get(f"/api/villages/{world.v1.pk}/stats/", {"from": "2026-01", "to": "2026-12"}).json()
    assert (data["totals"]["volume"], data["totals"]["growth"]) == ("473.00", "10.00")
    data = api_client.get(f"/api/villages/{world.v1.pk}/stats/", {"from": "2025-03", "to": "2025-03"}).json()
    assert (data["totals"]["volume"], data["totals"]["orders"]) == ("200.00", 2)


def test_bad_period_is_a_400_with_field_messages(api_client, world):
    api_client.force_authenticate(AdminFactory())
    response = api_client.get(f"/api/counties/{world.county_a.pk}/stats/", {"from": "2025-06", "to": "2025-01"})
    assert response.status_code == 400
    assert response.json()["fields"] == {"from": ["After 'to'."]}
    response = api_client.get(f"/api/counties/{world.county_a.pk}/stats/", {"year": "soon"})
    assert response.status_code == 400
    assert "year" in response.json()["fields"]


def test_village_stats_permissions(api_client, world):
    path = f"/api/villages/{world.v1.pk}/stats/"
    assert api_client.get(path).status_code == 401
    api_client.force_authenticate(world.f3)  # a farmer of another village
    assert api_client.get(path).status_code == 403
    api_client.force_authenticate(world.f2)
    data = api_client.get(path, {"year": 2025}).json()
    assert data["farmers"]["with_sales"] == 2 and "top" not in data["farmers"]
    api_client.force_authenticate(StationFactory(village=world.v1).operator)
    assert "top" in api_client.get(path, {"year": 2025}).json()["farmers"]
    assert api_client.get("/api/villages/999999/stats/").status_code == 404


def test_counties_and_provinces_public_summary_and_admin_view(api_client, world):
    public = api_client.get(f"/api/counties/{world.county_a.pk}/stats/", {"year": 2025}).json()
    assert public["public"] is True
    assert public["totals"]["volume"] is None  # two farmers made it: fewer than five
    assert public["totals"]["active_shops"] == 2
    assert set(public) == {"name", "scope", "id", "period", "public", "totals", "yearly", "destinations", "min_farmers"}
    api_client.force_authenticate(AdminFactory())
    full = api_client.get(f"/api/provinces/{world.province.pk}/stats/", {"year": 2025}).json()
    assert full["public"] is False
    assert full["totals"]["poverty_county_volume"] == "430.00"
    assert full["farmers"]["with_sales"] == 3 and full["farmers"]["disadvantaged_with_sales"] == 2
    assert [(row["name"], row["volume"]) for row in full["breakdown"]] == [("Xifeng", "430.00"), ("Huaxi", "100.00")]


def test_the_villages_list_still_works_next_to_the_stats_paths(api_client, world):
    assert api_client.get("/api/villages/").status_code == 200
    assert api_client.get(f"/api/villages/{world.v1.pk}/").json()["name"] == "Libei"
    schema = api_client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/villages/{id}/stats/" in schema.content or b"/api/villages/{pk}/stats/" in schema.content
