"""Parcels at the village station: orders the buyer collects at their station instead of a home address.

The operator scans (or types) the waybill number when the parcel arrives; the buyer gets a 6-digit pickup code
by SMS (notifications' `parcel_arrived`, as for assisted purchases); the operator hands the parcel over against
the code, which delivers the order (the code is the buyer's proof: the operator alone cannot deliver). Parcels
left more than ORDERS_STATION_UNCLAIMED_DAYS are listed for a reminder.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from logistics.carriers import tracking_number_normalize
from notifications.services import notify
from orders.models import Order, OrderStatus
from orders.services.assisted import _pickup_code, pickup_guess_check, pickup_guess_failed
from orders.services.common import ShipTo, _locked_order, _move
from villages.models import ServiceStation, StationStatus


def buyer_station(*, buyer) -> ServiceStation | None:
    """The open station of the buyer's home village, where they may collect parcels."""
    if not buyer.home_village_id:
        return None
    return (
        ServiceStation.objects.select_related("village__township__county__province")
        .filter(village_id=buyer.home_village_id, status=StationStatus.ACTIVE)
        .first()
    )


@transaction.atomic
def checkout_to_station(
    *, buyer, recipient_name: str, recipient_phone: str, place: Callable[[ShipTo], list[Order]]
) -> list[Order]:
    """Check out with "collect at my village station": the ship-to is the station's address, and each order
    is marked for pickup there. `place` is the checkout to run with that ship-to (cart_checkout, order_place)."""
    station = buyer_station(buyer=buyer)
    if station is None:
        message = _("Your home village has no open station: give a delivery address.")
        raise ValidationFailed(message, code="no_station", fields={"collect_at_station": [message]})
    village = station.village
    county = village.township.county
    ship_to = ShipTo(
        recipient_name=recipient_name,
        recipient_phone=recipient_phone,
        province_id=county.province_id,
        city=county.name_zh or county.name,
        county=village.township.name_zh or village.township.name,
        address=f"{station.name} {station.address}".strip(),
    )
    orders = place(ship_to)
    Order.objects.filter(pk__in=[o.pk for o in orders]).update(pickup_station=station)
    for order in orders:
        order.pickup_station = station
    return orders


def _station_order(order_id: int, operator) -> Order:
    order = _locked_order(order_id)
    station = ServiceStation.objects.filter(pk=order.pickup_station_id).first() if order.pickup_station_id else None
    if station is None:
        raise NotFound(_("No such parcel at this station."))
    if not (operator.is_admin or station.operator_id == operator.pk):
        raise NotPermitted(_("Only the station's operator may do this."))
    order.pickup_station = station
    return order


def _parcel_notify(order: Order, *, key: str) -> None:
    station = order.pickup_station
    notify(
        event="parcel_arrived",
        recipients=[order.buyer_id],
        key=key,
        params={
            "item": order.number,
            "station": station.village.name_zh or station.village.name,
            "code": order.pickup_code,
        },
        url=reverse("orders:order_detail", args=[order.number]),
    )


@transaction.atomic
def station_parcel_scan(*, operator, station_id: int, tracking_number: str) -> Order:
    """The operator scans a parcel in: the order shipped to this station with this waybill gets its pickup code
    and the buyer is told. Scanning it again changes nothing and sends nothing."""
    station = ServiceStation.objects.filter(pk=station_id).first()
    if station is None:
        raise NotFound(_("No such station."))
    if not (operator.is_admin or station.operator_id == operator.pk):
        raise NotPermitted(_("Only the station's operator may do this."))
    number = tracking_number_normalize(tracking_number)
    order_id = (
        Order.objects.filter(pickup_station=station, tracking_number=number, status__in=(OrderStatus.SHIPPED,))
        .values_list("pk", flat=True)
        .first()
    )
    if not number or order_id is None:
        message = _("No parcel on its way to this station has this tracking number.")
        raise ValidationFailed(message, code="unknown_parcel", fields={"tracking_number": [message]})
    order = _station_order(order_id, operator)
    if order.station_arrived_at is not None:
        return order
    order.station_arrived_at = timezone.now()
    order.pickup_code = _pickup_code()
    order.save(update_fields=["station_arrived_at", "pickup_code"])
    _parcel_notify(order, key=f"order:{order.pk}:at-station")
    return order


@transaction.atomic
def station_parcel_collect(*, operator, order_id: int, code: str) -> Order:
    """The buyer collects against the pickup code (single use): the order becomes delivered. A wrong code
    changes nothing; five wrong codes lock the parcel for 15 minutes (ten a day; a station's parcels together take
    PICKUP_FAILURES_PER_STATION an hour)."""
    order = _station_order(order_id, operator)
    if order.station_arrived_at is None:
        raise Conflict(_("This parcel has not been scanned in at the station."), code="not_arrived")
    if order.station_collected_at is not None or order.status not in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        raise Conflict(_("This parcel was already handed over."), code="already_collected")
    failures_key = f"orders:station-pickup-failures:{order.pk}"
    pickup_guess_check(parcel_key=failures_key, station_id=order.pickup_station_id)
    if not order.pickup_code or not hmac.compare_digest((code or "").strip(), order.pickup_code):
        pickup_guess_failed(parcel_key=failures_key, station_id=order.pickup_station_id)
        message = _(
            "This is not the pickup code of parcel %(number)s: ask the buyer for the 6-digit code in their SMS or on"
            " their order page."
        ) % {"number": order.tracking_number}
        raise ValidationFailed(message, code="wrong_code", fields={"code": [message]})
    order.station_collected_at = timezone.now()
    order.save(update_fields=["station_collected_at"])
    if order.status == OrderStatus.SHIPPED:  # the buyer may have confirmed receipt before coming to the counter
        note = _("Collected at %(station)s with the pickup code") % {"station": order.pickup_station.name}
        _move(order, OrderStatus.DELIVERED, actor=None, note=note)
    return order


@transaction.atomic
def station_parcel_remind(*, operator, order_id: int) -> Order:
    """Remind the buyer of a parcel waiting at the station (the code again, by SMS); once a day at most."""
    order = _station_order(order_id, operator)
    if order.station_arrived_at is None or order.station_collected_at is not None:
        raise Conflict(_("This parcel is not waiting at the station."), code="not_waiting")
    today = timezone.localdate()
    if order.station_reminded_at and timezone.localdate(order.station_reminded_at) == today:
        return order
    order.station_reminded_at = timezone.now()
    order.save(update_fields=["station_reminded_at"])
    _parcel_notify(order, key=f"order:{order.pk}:reminder:{today.isoformat()}")
    return order
