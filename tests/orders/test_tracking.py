"""Tracking pushes applied to orders: signature (403, nothing written), replay, out-of-order events, the
simulated provider driven by beat, and one waybill per order."""

import datetime

import pytest
from django.utils import timezone

from core.errors import ValidationFailed
from logistics.models import TrackingEvent, TrackingParcel
from logistics.tracking import SIGNATURE_HEADER, tracking_push_body, tracking_sign
from orders import selectors, services
from orders.models import Order, OrderEvent
from tests.factories import BuyerFactory, ProductFactory, StationFactory, waybill
from tests.orders.factories import pay, place

pytestmark = pytest.mark.django_db
CALLBACK = "/orders/carriers/callback/"


def _shipped(**order_fields) -> Order:
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    if order_fields:
        Order.objects.filter(pk=order.pk).update(**order_fields)
    pay(order)
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    return Order.objects.get(pk=order.pk)


def _event(status: str, hours_ago: float, place: str = "杭州", event_id: str | None = None) -> dict:
    time = timezone.localtime(timezone.now() - datetime.timedelta(hours=hours_ago)).isoformat()
    return {"id": event_id or f"{status}-{hours_ago}", "status": status, "time": time, "place": place}


def _post(client, order: Order, events: list[dict], *, signature: str | None = None):
    body = tracking_push_body(carrier=order.carrier, number=order.tracking_number, events=events)
    return client.post(
        CALLBACK,
        body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: tracking_sign(body) if signature is None else signature},
    )


def test_shipping_subscribes_the_waybill():
    order = _shipped()
    parcel = TrackingParcel.objects.get()
    assert (parcel.carrier, parcel.number, parcel.provider) == ("SF", order.tracking_number, "simulated")
    assert order.carrier == "SF" and not parcel.to_station


def test_a_bad_signature_is_refused_with_403_and_nothing_written(client):
    order = _shipped()
    events_before = OrderEvent.objects.count()
    for signature in ("", "0" * 64, tracking_sign(b"another body")):
        response = _post(client, order, [_event("delivered", 1)], signature=signature)
        assert response.status_code == 403 and response.json()["code"] == "bad_signature"
    assert not TrackingEvent.objects.exists() and OrderEvent.objects.count() == events_before
    assert Order.objects.get(pk=order.pk).status == "shipped"
    assert TrackingParcel.objects.get().status == ""


def test_a_replayed_push_records_nothing_twice(client):
    order = _shipped()
    events = [_event("collected", 20), _event("in_transit", 10), _event("delivered", 1)]
    first = _post(client, order, events)
    assert first.status_code == 200 and first.json() == {"number": order.number, "status": "delivered", "recorded": 3}
    history = OrderEvent.objects.filter(order=order).count()
    again = _post(client, order, events)
    assert again.status_code == 200 and again.json()["recorded"] == 0
    # The same events without ids (digests stand in): also recorded once.
    no_ids = [{k: v for k, v in e.items() if k != "id"} for e in events[:1]]
    assert _post(client, order, no_ids).json()["recorded"] == 1
    assert _post(client, order, no_ids).json()["recorded"] == 0
    assert TrackingEvent.objects.count() == 4 and OrderEvent.objects.filter(order=order).count() == history


def test_out_of_order_events_keep_the_parcel_moving_forward(client):
    order = _shipped()
    assert _post(client, order, [_event("delivered", 1, "杭州西湖区")]).status_code == 200
    assert Order.objects.get(pk=order.pk).status == "delivered"
    # Older events arrive late: on the timeline in the order they happened, the status stays delivered.
    assert (
        _post(client, order, [_event("in_transit", 10, "杭州转运中心"), _event("collected", 30, "立碑村")]).json()[
            "recorded"
        ]
        == 2
    )
    parcel = TrackingParcel.objects.get()
    assert parcel.status == "delivered" and parcel.place == "杭州西湖区"
    timeline = selectors.order_tracking_events(order=order)
    assert [e.status for e in timeline] == ["collected", "in_transit", "delivered"]
    assert [e.place for e in timeline] == ["立碑村", "杭州转运中心", "杭州西湖区"]
    assert Order.objects.get(pk=order.pk).status == "delivered"
    assert OrderEvent.objects.filter(order=order, to_status="delivered", actor=None).count() == 1


def test_delivered_after_the_buyer_confirmed_changes_nothing(client):
    order = _shipped()
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    assert _post(client, order, [_event("delivered", 1)]).json()["status"] == "delivered"
    assert OrderEvent.objects.filter(order=order, to_status="delivered").count() == 1


def test_malformed_pushes_and_unknown_waybills(client):
    order = _shipped()
    for events in ([], [{"status": "teleported"}], [{"status": "delivered", "time": "yesterday"}], ["x"]):
        response = _post(client, order, events)
        assert response.status_code == 400, events
    body = tracking_push_body(carrier="SF", number="SF9999999999999", events=[_event("delivered", 1)])
    response = client.post(
        CALLBACK, body, content_type="application/json", headers={SIGNATURE_HEADER: tracking_sign(body)}
    )
    assert response.status_code == 404
    body = b'{"carrier": "SF"}'
    assert (
        client.post(
            CALLBACK, body, content_type="application/json", headers={SIGNATURE_HEADER: tracking_sign(body)}
        ).status_code
        == 400
    )
    assert not TrackingEvent.objects.exists() and Order.objects.get(pk=order.pk).status == "shipped"


def test_a_waybill_ships_one_order_only():
    first = _shipped()
    (second,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(second)
    with pytest.raises(ValidationFailed) as error:
        services.order_ship(
            order_id=second.pk, actor=second.shop.owner, carrier="顺丰速运", tracking_number=first.tracking_number
        )
    assert error.value.code == "waybill_used" and "tracking_number" in error.value.fields
    with pytest.raises(ValidationFailed) as error:
        services.order_ship(order_id=second.pk, actor=second.shop.owner, carrier="Owl", tracking_number="1")
    assert set(error.value.fields) == {"carrier"} | ({"tracking_number"} & set(error.value.fields))
    assert Order.objects.get(pk=second.pk).status == "paid"


def test_the_simulated_provider_moves_parcels_to_the_door_or_the_station(settings):
    settings.TRACKING_SIMULATED_STEP_MINUTES = 0
    home = _shipped()
    station = StationFactory()
    to_station = _shipped(pickup_station=station)
    assert TrackingParcel.objects.get(number=to_station.tracking_number).to_station
    for _step in range(4):
        assert services.tracking_simulated_advance() == 2
    assert services.tracking_simulated_advance() == 0  # both at the end of their route
    assert Order.objects.get(pk=home.pk).status == "delivered"
    assert [e.status for e in selectors.order_tracking_events(order=home)] == [
        "collected",
        "in_transit",
        "out_for_delivery",
        "delivered",
    ]
    # Arrived at the station is not delivered: the buyer collects it with the code.
    assert Order.objects.get(pk=to_station.pk).status == "shipped"
    assert TrackingParcel.objects.get(number=to_station.tracking_number).status == "at_station"


def test_the_simulated_provider_waits_its_step_and_refuses_when_not_allowed(settings):
    settings.TRACKING_SIMULATED_STEP_MINUTES = 60
    _shipped()
    assert services.tracking_simulated_advance() == 0
    settings.TRACKING_SIMULATED_STEP_MINUTES = 0
    settings.TRACKING_PROVIDER_ALLOW_SIMULATED = False
    from logistics.tracking import SimulatedTrackingProvider, TrackingUnavailable
    from orders.tasks import tracking_simulate

    assert tracking_simulate() == 0
    with pytest.raises(TrackingUnavailable):
        SimulatedTrackingProvider().pushes_due()
    assert not TrackingEvent.objects.exists()
