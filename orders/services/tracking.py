"""The carriers' tracking applied to orders: a verified push (logistics.tracking) moves the order it belongs to.

Only a "delivered" event signed by the provider moves an order to delivered for the carrier (the seller holds no
key); "arrived at the village station" waits for the operator to scan the parcel in. Every event, new or late,
shows on the order's timeline with its time and place; a replay writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import NotFound
from logistics.models import TrackingEvent, TrackingStatus
from logistics.tracking import (
    SimulatedTrackingProvider,
    tracking_events_record,
    tracking_provider_get,
    tracking_push_verify,
)
from orders.models import Order, OrderStatus
from orders.services.common import _locked_order, _move
from orders.services.notices import order_notify


@dataclass
class TrackingApplied:
    order: Order
    recorded: list[TrackingEvent] = field(default_factory=list)
    delivered: bool = False


@transaction.atomic
def tracking_callback_handle(*, body: bytes, signature: str) -> TrackingApplied:
    """A provider's push: 403 and nothing written without a valid signature, 400 for a malformed body, 404 for a
    waybill no order shipped with. New events are recorded; a delivered event delivers a shipped order."""
    push = tracking_push_verify(body=body, signature=signature)
    order_id = (
        Order.objects.filter(carrier=push.carrier, tracking_number=push.number)
        .order_by("-shipped_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if order_id is None:
        raise NotFound(_("No shipped order has this tracking number."))
    order = _locked_order(order_id)  # the order first, then its parcel: the same order as order_ship takes them
    parcel, recorded = tracking_events_record(push)
    if parcel is None:
        raise NotFound(_("No shipped order has this tracking number."))
    applied = TrackingApplied(order=order, recorded=recorded)
    delivered = next((e for e in recorded if e.status == TrackingStatus.DELIVERED), None)
    if delivered is not None and order.status == OrderStatus.SHIPPED and order.pickup_station_id is None:
        _move(
            order, OrderStatus.DELIVERED, actor=None, note=f"{order.carrier} {order.tracking_number} {delivered.place}"
        )
        order_notify(order, "order_delivered", [order.shop.owner_id, order.buyer_id])
        applied.delivered = True
    return applied


def carrier_callback_handle(*, body: bytes, signature: str) -> Order:
    """The earlier carrier callback's name: the same handler."""
    return tracking_callback_handle(body=body, signature=signature).order


def tracking_simulated_advance() -> int:
    """Beat (development): the simulated provider pushes each parcel's next due step, each through the same
    handler as the callback URL (verified, in its own transaction). Returns the pushes applied."""
    provider = tracking_provider_get()
    # A real provider pushes by itself; the simulated one on a server that did not allow it moves nothing.
    if not isinstance(provider, SimulatedTrackingProvider) or not settings.TRACKING_PROVIDER_ALLOW_SIMULATED:
        return 0
    done = 0
    for body, signature in provider.pushes_due():
        try:
            tracking_callback_handle(body=body, signature=signature)
            done += 1
        except NotFound:  # a parcel whose order went away (refunded and re-shipped with another number)
            continue
    return done
