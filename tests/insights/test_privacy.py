"""Issue 15, item 6: a home village claimed at sign-up opens nothing until the station operator confirms it, and a
figure that fewer than 5 farmers made is hidden from everyone who may not see each farmer's figures."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import User
from core.errors import ValidationFailed
from credit import services as credit_services
from insights.services import insights_rollup_rebuild
from orders.services import sales_rollup_rebuild
from tests.factories import (
    AdminFactory,
    FarmerFactory,
    OrderFactory,
    OrderLineFactory,
    ProductFactory,
    ShopFactory,
    StationFactory,
    VillageFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def _sign_up_as_farmer_of(client, village, username="newcomer"):
    response = client.post(
        reverse("accounts:sign_up"),
        {
            "username": username,
            "email": "",
            "role": "farmer",
            "home_village": village.pk,
            "password1": "rice-tofu-2026",
            "password2": "rice-tofu-2026",
        },
    )
    assert response.status_code == 302
    return User.objects.get(username=username)


def test_a_self_declared_resident_reads_no_private_figure(client, api_client, world):
    newcomer = _sign_up_as_farmer_of(client, world.v1)
    assert newcomer.home_village_confirmed is False
    api_client.force_authenticate(newcomer)
    assert api_client.get(f"/api/villages/{world.v1.pk}/stats/?year=2025").status_code == 403
    assert client.get(reverse("insights:village", args=[world.v1.pk])).status_code == 403
    assert client.get(reverse("insights:csv", args=["village", world.v1.pk, "monthly"])).status_code == 403
    me = api_client.get("/api/me/").json()
    assert me["home_village_confirmed"] is False
    assert "not confirmed yet" in client.get(reverse("accounts:profile")).content.decode()


def test_once_confirmed_a_resident_reads_only_figures_of_five_farmers_or_more(client, api_client, world):
    newcomer = _sign_up_as_farmer_of(client, world.v1)
    operator = StationFactory(village=world.v1).operator
    client.force_login(operator)
    assert client.post(reverse("villages:resident_confirm", args=[newcomer.pk])).status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.home_village_confirmed and newcomer.home_village_confirmed_by == operator
    api_client.force_authenticate(newcomer)
    stats = api_client.get(f"/api/villages/{world.v1.pk}/stats/?year=2025").json()
    # Libei's 2025 sales were made by two farmers (Rui Long 230.00, Fang Wang 200.00): nothing of them shows.
    assert stats["min_farmers"] == 5
    assert stats["totals"]["volume"] is None and stats["totals"]["orders"] is None
    assert stats["farmers"]["income"] is None and stats["farmers"]["average_income"] is None
    assert "top" not in stats["farmers"] and "top_products" not in stats
    assert all(row["volume"] is None for row in stats["monthly"])
    body = str(stats)
    for figure in ("230.00", "200.00", "430.00", "215.00"):
        assert figure not in body
    assert stats["totals"]["active_shops"] == 2  # counts of shops are no one's income
    client.force_login(newcomer)
    page = client.get(reverse("insights:village", args=[world.v1.pk]) + "?year=2025")
    assert page.status_code == 200 and "430.00" not in page.content.decode()
    csv = client.get(reverse("insights:csv", args=["village", world.v1.pk, "monthly"]) + "?year=2025")
    assert "230.00" not in csv.content.decode() and "200.00" not in csv.content.decode()
    assert client.get(reverse("insights:csv", args=["village", world.v1.pk, "top_products"])).status_code == 404


def test_the_operator_and_admins_still_read_every_figure(api_client, world):
    for user in (StationFactory(village=world.v1).operator, AdminFactory()):
        api_client.force_authenticate(user)
        stats = api_client.get(f"/api/villages/{world.v1.pk}/stats/?year=2025").json()
        assert stats["totals"]["volume"] == "430.00"
        assert [row["income"] for row in stats["farmers"]["top"]] == ["230.00", "200.00"]


def test_public_summaries_and_headlines_hide_figures_of_few_farmers(client, api_client, world):
    county = api_client.get(f"/api/counties/{world.county_a.pk}/stats/?year=2025").json()
    assert county["public"] is True
    assert county["totals"]["volume"] is None and all(row["volume"] is None for row in county["yearly"])
    assert "430.00" not in client.get(reverse("insights:overview") + "?year=2025").content.decode()
    assert "473" not in client.get(world.v1.get_absolute_url()).content.decode()  # this year's sales of Libei


def test_figures_of_five_farmers_or_more_show_and_lone_months_do_not(api_client):
    village = VillageFactory()
    farmers = [FarmerFactory(home_village=village) for _ in range(5)]
    for index, farmer in enumerate(farmers):
        product = ProductFactory(shop=ShopFactory(owner=farmer))
        paid = datetime.datetime(2025, 4, 10, 4, tzinfo=UTC)
        order = OrderFactory(shop=product.shop, status="paid", paid_at=paid, total=Decimal("100.00"))
        OrderLineFactory(order=order, product=product, quantity=Decimal("1"), line_total=Decimal("100.00"))
        if index == 0:  # a month only this farmer sold in
            paid = datetime.datetime(2025, 7, 10, 4, tzinfo=UTC)
            alone = OrderFactory(shop=product.shop, status="paid", paid_at=paid, total=Decimal("77.00"))
            OrderLineFactory(order=alone, product=product, quantity=Decimal("1"), line_total=Decimal("77.00"))
    sales_rollup_rebuild()
    insights_rollup_rebuild()
    api_client.force_authenticate(farmers[1])
    stats = api_client.get(f"/api/villages/{village.pk}/stats/?year=2025").json()
    assert stats["totals"]["volume"] == "577.00"
    assert stats["farmers"]["income"] == "577.00"
    months = {row["month"]: row["volume"] for row in stats["monthly"]}
    assert months["2025-04"] == "500.00" and months["2025-07"] is None


def test_an_unconfirmed_farmer_opens_no_shop_and_gets_no_identity_check(api_client, station):
    claimant = FarmerFactory(home_village=station.village, home_village_confirmed_at=None)
    api_client.force_authenticate(claimant)
    response = api_client.post("/api/shops/", {"name": "Libei pickles"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "home_village_unconfirmed"
    api_client.force_authenticate(station.operator)
    response = api_client.post("/api/shops/", {"name": "Libei pickles", "owner": claimant.pk}, format="json")
    assert response.status_code == 400
    with pytest.raises(ValidationFailed):
        credit_services.identity_verify(operator=station.operator, villager=claimant)
    assert api_client.post(f"/api/residents/{claimant.pk}/confirm/").status_code == 200
    response = api_client.post("/api/shops/", {"name": "Libei pickles", "owner": claimant.pk}, format="json")
    assert response.status_code == 201, response.json()


def test_only_the_station_of_the_claimed_village_confirms(api_client, station):
    claimant = FarmerFactory(home_village=station.village, home_village_confirmed_at=None)
    api_client.force_authenticate(StationFactory().operator)
    assert api_client.post(f"/api/residents/{claimant.pk}/confirm/").status_code == 404
    api_client.force_authenticate(FarmerFactory(home_village=station.village))
    assert api_client.post(f"/api/residents/{claimant.pk}/confirm/").status_code == 403
    claimant.refresh_from_db()
    assert not claimant.home_village_confirmed
