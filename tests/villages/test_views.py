import pytest
from django.urls import reverse

from tests.factories import BuyerFactory, CountyFactory, FarmerFactory, StationFactory, TownshipFactory, VillageFactory

pytestmark = pytest.mark.django_db


def test_village_list_search_and_filters(client):
    poor_county = CountyFactory(name="Xifeng", is_poverty_county=True)
    libei = VillageFactory(name="Libei", name_zh="立碑村", township=TownshipFactory(county=poor_county))
    other = VillageFactory(name="Beishan")
    url = reverse("villages:village_list")
    assert list(client.get(url, {"q": "libei"}).context["page"]) == [libei]
    assert list(client.get(url, {"q": "立碑"}).context["page"]) == [libei]
    assert list(client.get(url, {"q": "Xifeng"}).context["page"]) == [libei]
    assert list(client.get(url, {"poverty_county": "true"}).context["page"]) == [libei]
    assert list(client.get(url, {"county": other.township.county_id}).context["page"]) == [other]


def test_village_list_with_an_unknown_filter_value_shows_a_form_error(client):
    VillageFactory()
    response = client.get(reverse("villages:village_list"), {"county": "999999"})
    assert response.status_code == 200
    assert response.context["filter"].errors


@pytest.mark.parametrize("village_count", [3, 30])
def test_village_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, village_count):
    for _ in range(village_count):
        StationFactory()
    with django_assert_num_queries(4):  # count, page, and the province and county choices
        response = client.get(reverse("villages:village_list"))
    assert response.status_code == 200


def test_village_and_station_pages(client, station):
    assert client.get(station.village.get_absolute_url()).status_code == 200
    response = client.get(station.get_absolute_url())
    assert response.status_code == 200
    assert station.name in response.content.decode()
    assert client.get(station.village.township.get_absolute_url()).status_code == 200
    assert client.get(station.village.township.county.get_absolute_url()).status_code == 200


def test_unknown_ids_are_404(client):
    assert client.get(reverse("villages:village_detail", args=[999999])).status_code == 404
    assert client.get(reverse("villages:station_detail", args=[999999])).status_code == 404


def test_my_station_redirects_anonymous_to_login(client):
    response = client.get(reverse("villages:my_station"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("factory", [BuyerFactory, FarmerFactory])
def test_my_station_is_forbidden_to_non_operators(client, factory):
    client.force_login(factory())
    assert client.get(reverse("villages:my_station")).status_code == 403


def test_operator_sees_only_their_own_station(client, station):
    other = StationFactory()
    client.force_login(station.operator)
    response = client.get(reverse("villages:my_station"))
    assert response.status_code == 200
    assert response.context["station"] == station
    body = response.content.decode()
    assert station.name in body and other.name not in body


def test_station_page_offers_management_only_to_its_operator(client, station):
    other = StationFactory()
    client.force_login(other.operator)
    assert client.get(station.get_absolute_url()).context["can_manage"] is False
    client.force_login(station.operator)
    assert client.get(station.get_absolute_url()).context["can_manage"] is True


def test_navigation_adapts_to_the_role(client, station):
    home = reverse("home")
    assert "My station" not in client.get(home).content.decode()
    client.force_login(station.operator)
    assert "My station" in client.get(home).content.decode()
