"""Issue 15, item 1: a station operator acts only for the villagers of the station's village.

Any other user id (a farmer of another village, a buyer, an admin, an id that does not exist) gets the same 400,
which names nobody, and nothing is written.
"""

from decimal import Decimal

import pytest

from core.errors import ValidationFailed
from orders import services
from orders.models import AssistedPurchase
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsiders(station):
    other = StationFactory()
    return {
        "farmer of another village": FarmerFactory(home_village=other.village, first_name="Ding", last_name="Lou"),
        "buyer": BuyerFactory(first_name="Bai", last_name="Mai"),
        "admin": AdminFactory(first_name="Guan", last_name="Li"),
        "operator of another village": other.operator,
    }


def _request(api_client, station, villager_id):
    api_client.force_authenticate(station.operator)
    return api_client.post(
        "/api/assisted-purchases/",
        {"villager": villager_id, "description": "fertiliser", "price": "100.00", "deposit": "10.00"},
        format="json",
    )


def test_the_api_refuses_anyone_outside_the_station_village_alike(api_client, station, outsiders):
    answers = {}
    for label, user in [*outsiders.items(), ("no such user", None)]:
        response = _request(api_client, station, user.pk if user else 987_654)
        assert response.status_code == 400, (label, response.content)
        body = response.content.decode()
        if user:
            for text in filter(None, (user.username, user.first_name, user.last_name)):
                assert text not in body, (label, body)
        answers[label] = response.json()
    assert len({str(answer) for answer in answers.values()}) == 1, answers  # one answer: nothing to tell apart
    assert answers["buyer"]["fields"].keys() == {"villager"}
    assert not AssistedPurchase.objects.exists()


def test_the_api_records_for_a_villager_of_the_station(api_client, station, farmer):
    response = _request(api_client, station, farmer.pk)
    assert response.status_code == 201, response.json()
    assert response.json()["villager"] == farmer.pk


def test_the_service_refuses_a_villager_of_another_village(station, outsiders):
    for user in outsiders.values():
        with pytest.raises(ValidationFailed) as refused:
            services.assisted_request(
                operator=station.operator,
                station_id=station.pk,
                villager_id=user.pk,
                description="fertiliser",
                price=Decimal("100.00"),
            )
        assert refused.value.fields.keys() == {"villager"}
    assert not AssistedPurchase.objects.exists()


def test_an_admin_recording_for_a_station_is_held_to_its_village(station, outsiders):
    with pytest.raises(ValidationFailed):
        services.assisted_request(
            operator=AdminFactory(),
            station_id=station.pk,
            villager_id=outsiders["farmer of another village"].pk,
            description="fertiliser",
            price=Decimal("100.00"),
        )


def test_the_page_form_offers_only_the_village_and_refuses_a_forged_id(client, station, farmer, outsiders):
    client.force_login(station.operator)
    page = client.get("/orders/station/").content.decode()
    assert farmer.username in page
    assert outsiders["farmer of another village"].username not in page
    response = client.post(
        "/orders/station/",
        {
            "villager": outsiders["farmer of another village"].pk,
            "description": "fertiliser",
            "quantity": "1",
            "price": "100.00",
            "deposit": "0",
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert not AssistedPurchase.objects.exists()
