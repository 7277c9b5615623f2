"""Parcels at the village station: collect-at-station checkout, scan in (pickup code by SMS), hand over against
the code (the order is delivered), unclaimed reminders, expected arrivals, printing; pages and API."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from core.errors import Conflict, NotPermitted, ValidationFailed
from notifications.models import Notification
from orders import selectors, services
from orders.models import Order, OrderEvent
from orders.printing import order_label_pdf, packing_list_pdf, station_pick_list_pdf
from tests.factories import BuyerFactory, OperatorFactory, ProductFactory, StationFactory, waybill
from tests.orders.factories import options, pay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _to_station(station, *, ship=True) -> Order:
    buyer = BuyerFactory(home_village=station.village, phone="13900001111")
    product = ProductFactory()
    (order,) = services.checkout_to_station(
        buyer=buyer,
        recipient_name="王小梅",
        recipient_phone="13900001111",
        place=lambda ship_to: services.order_place(buyer=buyer, variants=options((product, 2)), ship_to=ship_to),
    )
    pay(order)
    if ship:
        services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    return Order.objects.get(pk=order.pk)


def test_checkout_to_the_station_takes_its_address_and_needs_one():
    station = StationFactory()
    order = _to_station(station, ship=False)
    assert order.pickup_station == station and station.name in order.ship_address
    assert order.ship_province_id == station.village.township.county.province_id
    with pytest.raises(ValidationFailed) as error:
        services.checkout_to_station(buyer=BuyerFactory(), recipient_name="x", recipient_phone="1", place=list)
    assert "collect_at_station" in error.value.fields


def test_scan_issues_the_code_once_and_texts_the_buyer(django_capture_on_commit_callbacks):
    station = StationFactory()
    order = _to_station(station)
    with django_capture_on_commit_callbacks(execute=True):
        scanned = services.station_parcel_scan(
            operator=station.operator, station_id=station.pk, tracking_number=" " + order.tracking_number.lower()
        )
    assert len(scanned.pickup_code) == 6 and scanned.station_arrived_at
    note = Notification.objects.get(recipient=order.buyer, event="parcel_arrived")
    assert note.params["code"] == scanned.pickup_code
    again = services.station_parcel_scan(
        operator=station.operator, station_id=station.pk, tracking_number=order.tracking_number
    )
    assert again.pickup_code == scanned.pickup_code and Notification.objects.filter(event="parcel_arrived").count() == 1


def test_only_this_stations_operator_scans_and_only_its_parcels():
    station, other = StationFactory(), StationFactory()
    order = _to_station(station)
    with pytest.raises(NotPermitted):
        services.station_parcel_scan(
            operator=other.operator, station_id=station.pk, tracking_number=order.tracking_number
        )
    with pytest.raises(ValidationFailed):  # not on its way to the other station
        services.station_parcel_scan(
            operator=other.operator, station_id=other.pk, tracking_number=order.tracking_number
        )
    with pytest.raises(ValidationFailed):
        services.station_parcel_scan(
            operator=station.operator, station_id=station.pk, tracking_number="SF0000000000000"
        )
    assert Order.objects.get(pk=order.pk).station_arrived_at is None


def test_hand_over_against_the_code_delivers_and_wrong_codes_lock():
    station = StationFactory()
    order = _to_station(station)
    with pytest.raises(Conflict):  # not scanned in yet
        services.station_parcel_collect(operator=station.operator, order_id=order.pk, code="000000")
    order = services.station_parcel_scan(
        operator=station.operator, station_id=station.pk, tracking_number=order.tracking_number
    )
    wrong = "000000" if order.pickup_code != "000000" else "111111"
    with pytest.raises(NotPermitted):
        services.station_parcel_collect(operator=OperatorFactory(), order_id=order.pk, code=order.pickup_code)
    for _attempt in range(5):
        with pytest.raises(ValidationFailed):
            services.station_parcel_collect(operator=station.operator, order_id=order.pk, code=wrong)
    with pytest.raises(services.TooManyAttempts):
        services.station_parcel_collect(operator=station.operator, order_id=order.pk, code=order.pickup_code)
    assert Order.objects.get(pk=order.pk).status == "shipped"
    cache.clear()
    done = services.station_parcel_collect(operator=station.operator, order_id=order.pk, code=order.pickup_code)
    assert done.status == "delivered" and done.station_collected_at
    event = OrderEvent.objects.get(order=order, to_status="delivered")
    assert event.actor is None and station.name in event.note
    with pytest.raises(Conflict):
        services.station_parcel_collect(operator=station.operator, order_id=order.pk, code=order.pickup_code)


def test_unclaimed_parcels_are_listed_and_reminded_once_a_day(settings):
    settings.ORDERS_STATION_UNCLAIMED_DAYS = 3
    station = StationFactory()
    old, fresh = _to_station(station), _to_station(station)
    for order in (old, fresh):
        services.station_parcel_scan(
            operator=station.operator, station_id=station.pk, tracking_number=order.tracking_number
        )
    Order.objects.filter(pk=old.pk).update(station_arrived_at=timezone.now() - datetime.timedelta(days=4))
    assert [o.pk for o in selectors.station_parcels_unclaimed(station=station)] == [old.pk]
    assert [o.pk for o in selectors.station_parcels_waiting(station=station)] == [old.pk, fresh.pk]
    services.station_parcel_remind(operator=station.operator, order_id=old.pk)
    services.station_parcel_remind(operator=station.operator, order_id=old.pk)
    assert Notification.objects.filter(recipient=old.buyer, event="parcel_arrived").count() == 2  # arrival + 1


def test_expected_arrivals_put_todays_first(settings, django_assert_num_queries):
    settings.TRACKING_SIMULATED_STEP_MINUTES = 0
    station = StationFactory()
    early, late = _to_station(station), _to_station(station)
    for _step in range(3):  # the first parcel is out for delivery, the second still in transit
        services.tracking_simulated_advance()
        from logistics.models import TrackingParcel

        TrackingParcel.objects.filter(number=late.tracking_number).update(status="in_transit", status_at=timezone.now())
    with django_assert_num_queries(1):
        expected = list(selectors.station_parcels_expected(station=station))
    assert [(o.pk, o.expected_today) for o in expected] == [(early.pk, True), (late.pk, False)]


def test_pages_at_the_counter(client):
    station = StationFactory()
    order = _to_station(station)
    client.force_login(station.operator)
    page = client.get("/orders/station/parcels/")
    assert page.status_code == 200 and order.tracking_number in page.content.decode()
    response = client.post("/orders/station/parcels/", {"tracking_number": "nonsense"})
    assert response.status_code == 200 and "tracking number" in response.content.decode()
    response = client.post("/orders/station/parcels/", {"tracking_number": order.tracking_number})
    assert response.status_code == 302
    order.refresh_from_db()
    response = client.post(f"/orders/station/parcels/{order.number}/collect/", {"code": order.pickup_code})
    assert response.status_code == 302 and Order.objects.get(pk=order.pk).status == "delivered"
    pdf = client.get("/orders/station/parcels/pick-list.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_api_scan_collect_and_the_buyers_code():
    station = StationFactory()
    order = _to_station(station)
    api = APIClient()
    api.force_authenticate(station.operator)
    assert api.get("/api/station-parcels/", {"state": "expected"}).json()["count"] == 1
    bad = api.post("/api/station-parcels/scan/", {"tracking_number": "SF0000000000001"}, format="json")
    assert bad.status_code == 400 and "tracking_number" in bad.json()["fields"]
    scanned = api.post("/api/station-parcels/scan/", {"tracking_number": order.tracking_number}, format="json")
    assert scanned.status_code == 200 and scanned.json()["station_arrived_at"]
    assert "pickup_code" not in scanned.json()
    buyer = APIClient()
    buyer.force_authenticate(order.buyer)
    code = buyer.get(f"/api/orders/{order.number}/").json()["pickup_code"]
    assert len(code) == 6
    operator_view = api.get(f"/api/orders/{order.number}/")
    assert operator_view.status_code == 404 or operator_view.json()["pickup_code"] == ""
    wrong = api.post(f"/api/station-parcels/{order.number}/collect/", {"code": "12345x"}, format="json")
    assert wrong.status_code == 400
    done = api.post(f"/api/station-parcels/{order.number}/collect/", {"code": code}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "delivered"
    assert api.get("/api/station-parcels/", {"state": "collected"}).json()["count"] == 1


def test_api_checkout_to_the_station():
    station = StationFactory()
    buyer = BuyerFactory(home_village=station.village)
    product = ProductFactory()
    api = APIClient()
    api.force_authenticate(buyer)
    body = {"recipient_name": "王", "recipient_phone": "13900001111", "items": [{"product": product.pk, "quantity": 1}]}
    missing = api.post("/api/orders/", body, format="json")
    assert missing.status_code == 400 and "ship_address" in missing.json()["fields"]
    placed = api.post("/api/orders/", {**body, "collect_at_station": True}, format="json")
    assert placed.status_code == 201 and placed.json()[0]["pickup_station"] == station.pk


def test_pdfs_carry_the_chinese_text():
    station = StationFactory()
    order = _to_station(station)
    label = order_label_pdf(order=order)
    assert label.startswith(b"%PDF") and b"/MediaBox [0 0 283.46 425.20]" in label  # 100 x 150 mm
    assert packing_list_pdf(order=order).startswith(b"%PDF")
    pick = station_pick_list_pdf(
        station=station, waiting=[order], outgoing=list(selectors.station_outgoing(station=station))
    )
    assert pick.startswith(b"%PDF")


def test_a_buyer_who_confirmed_receipt_early_still_collects_with_the_code():
    station = StationFactory()
    order = _to_station(station)
    order = services.station_parcel_scan(
        operator=station.operator, station_id=station.pk, tracking_number=order.tracking_number
    )
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    assert [o.pk for o in selectors.station_parcels_waiting(station=station)] == [order.pk]
    done = services.station_parcel_collect(operator=station.operator, order_id=order.pk, code=order.pickup_code)
    assert done.status == "delivered" and done.station_collected_at
    assert OrderEvent.objects.filter(order=order, to_status="delivered").count() == 1


def test_api_prints_for_the_seller_and_the_station():
    station = StationFactory()
    order = _to_station(station)
    seller = APIClient()
    seller.force_authenticate(order.shop.owner)
    for path in ("label", "packing-list"):
        response = seller.get(f"/api/orders/{order.number}/{path}/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    buyer = APIClient()
    buyer.force_authenticate(order.buyer)
    assert buyer.get(f"/api/orders/{order.number}/label/").status_code == 403
    operator = APIClient()
    operator.force_authenticate(station.operator)
    pick = operator.get("/api/station-parcels/pick-list/", HTTP_ACCEPT="application/pdf")
    assert pick.status_code == 200 and pick.content.startswith(b"%PDF")


def test_a_refused_print_answers_json_even_when_a_pdf_was_asked_for():
    """Found by the API fuzzer: `?format=pdf` made a 401 travel as application/pdf with a JSON body."""
    station = StationFactory()
    order = _to_station(station)
    anonymous, buyer = APIClient(), APIClient()
    buyer.force_authenticate(order.buyer)
    for client, status in ((anonymous, 401), (buyer, 403)):
        for url in (f"/api/orders/{order.number}/label/?format=pdf", "/api/station-parcels/pick-list/?format=pdf"):
            response = client.get(url, HTTP_ACCEPT="application/pdf")
            assert response.status_code in (status, 403, 404), url
            assert response["Content-Type"] == "application/json", url
            assert "code" in response.json()


def test_the_parcels_page_runs_the_same_queries_for_one_parcel_or_five(client, django_assert_max_num_queries):
    """Waiting and expected parcels, with their buyers and carriers, read without a query per parcel."""
    station = StationFactory()
    first = _to_station(station)
    services.station_parcel_scan(
        operator=station.operator, station_id=station.pk, tracking_number=first.tracking_number
    )
    _to_station(station)
    client.force_login(station.operator)
    with django_assert_max_num_queries(40) as one:
        assert client.get("/orders/station/parcels/").status_code == 200
    for _ in range(4):
        order = _to_station(station)
        services.station_parcel_scan(
            operator=station.operator, station_id=station.pk, tracking_number=order.tracking_number
        )
        _to_station(station)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get("/orders/station/parcels/")
    assert page.content.decode().count('name="code"') == 5
