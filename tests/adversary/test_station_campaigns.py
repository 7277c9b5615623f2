"""Red-team campaign on parcels at the village station and tracking pushes: a counter (or an operator colluding
with a seller, since a hand-over delivers the order for "the system" and starts the seller's payment clock) guessing
6-digit pickup codes all day long, on every waiting parcel at once; an operator handing over another station's
parcels; a push signed with the development key on a production server."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from core.errors import ValidationFailed
from orders import services
from orders.models import Order
from orders.services.assisted import (
    PICKUP_FAILURES_PER_STATION,
    PICKUP_MAX_FAILURES,
    PICKUP_MAX_FAILURES_PER_DAY,
)
from tests.factories import BuyerFactory, ProductFactory, StationFactory, waybill
from tests.orders.factories import AssistedPurchaseFactory, options, pay, place

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def waiting_parcel(station) -> Order:
    """An order the buyer collects at the station, shipped and scanned in: its code went to the buyer."""
    buyer = BuyerFactory(home_village=station.village, phone="13900001111")
    product = ProductFactory()
    (order,) = services.checkout_to_station(
        buyer=buyer,
        recipient_name="王小梅",
        recipient_phone="13900001111",
        place=lambda ship_to: services.order_place(buyer=buyer, variants=options((product, 2)), ship_to=ship_to),
    )
    pay(order)
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    order = Order.objects.get(pk=order.pk)
    return services.station_parcel_scan(
        operator=station.operator, station_id=station.pk, tracking_number=order.tracking_number
    )


def wrong_code(order) -> str:
    return "000000" if order.pickup_code != "000000" else "111111"


def guess(station, order, code):
    return services.station_parcel_collect(operator=station.operator, order_id=order.pk, code=code)


def fifteen_minutes_pass(order) -> None:
    cache.delete(f"orders:station-pickup-failures:{order.pk}")


def test_the_15_minute_lockout_lifting_does_not_give_a_parcel_guesses_all_day():
    station = StationFactory()
    parcel = waiting_parcel(station)
    tried = 0
    while tried < PICKUP_MAX_FAILURES_PER_DAY:
        for _attempt in range(PICKUP_MAX_FAILURES):
            with pytest.raises(ValidationFailed):
                guess(station, parcel, wrong_code(parcel))
            tried += 1
        with pytest.raises(services.TooManyAttempts):
            guess(station, parcel, wrong_code(parcel))
        fifteen_minutes_pass(parcel)
    # The lock lifted, but the parcel has had its guesses for the day: even the right code waits.
    with pytest.raises(services.TooManyAttempts):
        guess(station, parcel, parcel.pickup_code)
    assert Order.objects.get(pk=parcel.pk).status == "shipped"


def test_guessing_one_code_on_each_waiting_parcel_meets_the_stations_ceiling():
    station = StationFactory()
    parcels = [waiting_parcel(station) for _ in range(PICKUP_FAILURES_PER_STATION + 1)]
    for parcel in parcels[:PICKUP_FAILURES_PER_STATION]:
        with pytest.raises(ValidationFailed):
            guess(station, parcel, wrong_code(parcel))
    with pytest.raises(services.TooManyAttempts):
        guess(station, parcels[-1], wrong_code(parcels[-1]))
    assert not Order.objects.filter(pk__in=[p.pk for p in parcels], status="delivered").exists()
    # Another station's counter is not held up by this one.
    elsewhere = StationFactory()
    other = waiting_parcel(elsewhere)
    assert guess(elsewhere, other, other.pickup_code).status == "delivered"


def test_assisted_pickups_share_the_stations_ceiling():
    station = StationFactory()
    for parcel in [waiting_parcel(station) for _ in range(PICKUP_FAILURES_PER_STATION)]:
        with pytest.raises(ValidationFailed):
            guess(station, parcel, wrong_code(parcel))
    purchase = AssistedPurchaseFactory(station=station, status="arrived", pickup_code="424242")
    with pytest.raises(services.TooManyAttempts):
        services.assisted_collect(purchase_id=purchase.pk, operator=station.operator, code="000000")


def test_an_operator_cannot_hand_over_another_stations_parcel_through_the_api():
    station, rival = StationFactory(), StationFactory()
    parcel = waiting_parcel(station)
    api = APIClient()
    api.force_authenticate(rival.operator)
    answer = api.post(f"/api/station-parcels/{parcel.number}/collect/", {"code": parcel.pickup_code}, format="json")
    assert answer.status_code == 404
    assert parcel.number not in str(api.get("/api/station-parcels/?state=all").content)
    assert Order.objects.get(pk=parcel.pk).station_collected_at is None


def test_a_push_signed_with_the_public_development_key_delivers_nothing_in_production(client, settings):
    from logistics.tracking import DEV_CARRIER_SECRET, SIGNATURE_HEADER, tracking_push_body, tracking_sign

    (parcel,) = place(BuyerFactory(), (ProductFactory(), 2))  # shipped to the buyer's door: a push delivers it
    pay(parcel)
    parcel = services.order_ship(order_id=parcel.pk, actor=parcel.shop.owner, carrier="SF", tracking_number=waybill())
    settings.CARRIER_WEBHOOK_SECRET = DEV_CARRIER_SECRET  # copied from a development .env
    settings.CARRIER_DEV_SECRET_ACCEPTED = False  # the server did not start in DEBUG
    body = tracking_push_body(
        carrier=parcel.carrier,
        number=parcel.tracking_number,
        events=[{"id": "forged", "status": "delivered", "time": "2026-12-07T09:00:00+08:00", "place": "x"}],
    )
    response = client.post(
        "/orders/carriers/callback/",
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: tracking_sign(body)},
    )
    assert response.status_code == 403
    assert Order.objects.get(pk=parcel.pk).status == "shipped"
    # The same push on a development server (DEBUG on) is the simulated carrier's, and delivers.
    settings.CARRIER_DEV_SECRET_ACCEPTED = True
    response = client.post(
        "/orders/carriers/callback/",
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: tracking_sign(body)},
    )
    assert response.status_code == 200 and Order.objects.get(pk=parcel.pk).status == "delivered"
