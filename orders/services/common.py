"""What every order use case shares: the row lock, the transition, the event, who is buyer or seller."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition, NotFound, NotPermitted
from orders.models import (
    ORDER_TRANSITIONS,
    Order,
    OrderEvent,
    OrderStatus,
)
from shops.models import Product, ProductVariant
from villages.selectors import user_operates_village

WEIGHED_UNITS = ("kg", "jin")
WEIGHT_TOLERANCE = Decimal("0.20")


class InsufficientStock(Conflict):
    default_code = "insufficient_stock"
    default_detail = "Not enough stock left for this quantity."


@dataclass(frozen=True)
class ShipTo:
    recipient_name: str
    recipient_phone: str
    province_id: int
    city: str
    county: str
    address: str


def _event(order: Order, *, from_status: str, to_status: str, actor, note: str = "") -> None:
    OrderEvent.objects.create(
        order=order, from_status=from_status, to_status=to_status, actor=actor if actor else None, note=note[:255]
    )


def _locked_order(order_id: int) -> Order:
    """The order row locked for this transaction (concurrent moves of one order serialise here)."""
    try:
        return Order.objects.select_for_update(of=("self",)).select_related("shop").get(pk=order_id)
    except Order.DoesNotExist as exc:
        raise NotFound(_("No such order.")) from exc


def _move(order: Order, to_status: str, *, actor, note: str = "") -> None:
    """Apply one transition of ORDER_TRANSITIONS (or raise 409), stamp its time, record the event."""
    if to_status not in ORDER_TRANSITIONS[order.status]:
        raise InvalidTransition(
            _("Order %(number)s is %(status)s: it cannot become %(to)s.")
            % {"number": order.number, "status": order.get_status_display(), "to": OrderStatus(to_status).label}
        )
    from_status = order.status
    order.status = to_status
    stamp = f"{to_status}_at"
    fields = ["status"]
    if hasattr(order, stamp):
        setattr(order, stamp, timezone.now())
        fields.append(stamp)
    order.save(update_fields=fields)
    _event(order, from_status=from_status, to_status=to_status, actor=actor, note=note)


def _stock_return(order: Order) -> None:
    for product_id, quantity in order.lines.order_by("product_id").values_list("product_id", "quantity"):
        Product.objects.filter(pk=product_id).update(stock=F("stock") + quantity)
    # The option's stock too, for lines that name one (group buys, issue 23; every line once issue 18 lands).
    for variant_id, quantity in (
        order.lines.filter(variant__isnull=False).order_by("variant_id").values_list("variant_id", "quantity")
    ):
        ProductVariant.objects.filter(pk=variant_id).update(stock=F("stock") + quantity)


def is_seller(user, order: Order) -> bool:
    if not user or not user.is_authenticated:
        return False
    return (
        user.is_admin
        or order.shop.owner_id == user.pk
        or user_operates_village(user=user, village_id=order.shop.village_id)
    )


def _check_buyer(user, order: Order) -> None:
    if not (user.is_admin or order.buyer_id == user.pk):
        raise NotPermitted(_("Only the buyer may do this."))


def _check_seller(user, order: Order) -> None:
    if not is_seller(user, order):
        raise NotPermitted(_("Only the seller may do this."))
