import pytest

from tests.factories import CountyFactory, StationFactory, TownshipFactory, VillageFactory

pytestmark = pytest.mark.django_db


def test_provinces_are_the_31_of_mainland_china(api_client):
    provinces = api_client.get("/api/provinces/").json()
    assert len(provinces) == 31
    assert {"Guizhou", "Tibet", "Beijing", "Xinjiang"} <= {p["name"] for p in provinces}


def test_village_filters(api_client):
    poor = CountyFactory(is_poverty_county=True)
    inside = VillageFactory(township=TownshipFactory(county=poor))
    VillageFactory()
    body = api_client.get("/api/villages/", {"poverty_county": "true"}).json()
    assert [v["id"] for v in body["results"]] == [inside.id]
    assert body["results"][0]["is_poverty_county"] is True
    assert api_client.get("/api/counties/", {"poverty_county": "true"}).json()["count"] == 1


def test_bad_filter_value_is_400_with_field_messages(api_client):
    response = api_client.get("/api/villages/", {"county": "abc"})
    assert response.status_code == 400
    assert "county" in response.json()["fields"]


def test_unknown_id_is_404(api_client):
    response = api_client.get("/api/villages/999999/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_villages_are_read_only(api_client, admin_user):
    api_client.force_authenticate(admin_user)
    assert api_client.post("/api/villages/", {"name": "x"}, format="json").status_code == 405


@pytest.mark.parametrize("count", [2, 25])
def test_list_endpoints_run_a_constant_number_of_queries(api_client, django_assert_num_queries, count):
    for _ in range(count):
        StationFactory()
    with django_assert_num_queries(2):
        assert api_client.get("/api/villages/", {"page_size": 50}).status_code == 200
    with django_assert_num_queries(2):
        assert api_client.get("/api/stations/", {"page_size": 50}).status_code == 200


def test_schema_and_docs_are_served_without_a_cdn(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "jsdelivr" not in docs.lower()


def test_unrouted_api_urls_answer_json_404(client, settings):
    settings.DEBUG = False
    response = client.get("/api/counties/0..0/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_ids_too_large_for_the_database_are_never_500(api_client):
    response = api_client.get("/api/villages/", {"township": 206330128774416138240})
    assert response.status_code in {200, 400}
