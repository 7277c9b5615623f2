"""After payment: cancel, ship (weighed produce re-priced), deliver, complete, refund, and the timers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import device_seen
from core.errors import Conflict, InvalidTransition, NotPermitted, ValidationFailed
from core.money import quantize_yuan
from core.quantity import format_quantity
from logistics.carriers import waybill_check
from logistics.freight import FreightLine, parcel_freight_again
from logistics.tracking import tracking_subscribe
from orders.models import (
    Dispute,
    DisputeStatus,
    Order,
    OrderStatus,
    Refund,
    RefundKind,
)
from orders.services.common import (
    WEIGHED_UNITS,
    WEIGHT_TOLERANCE,
    _check_buyer,
    _check_seller,
    _line_quantities,
    _locked_order,
    _move,
    _stock_return,
    is_seller,
)
from orders.services.coupons import coupons_give_back, goods_refund_share
from orders.services.group_buys import group_buy_ship_check
from orders.services.notices import order_notify
from orders.services.rollups import month_of, sales_rollup_add
from orders.services.settlement import _settle
from shops.services import units_sold_add


def freight_refunded(order: Order) -> Decimal:
    """How much of the order's freight has gone back to the buyer so far."""
    total = order.refunds.aggregate(total=Sum("freight_amount"))["total"]
    return total if total is not None else Decimal("0.00")


def _refund_record(
    order: Order, *, amount: Decimal, kind: str, reason: str, actor, freight: Decimal = Decimal("0.00")
) -> Refund | None:
    """Record a refund and take it out of the rollup of the payment's month (a full one removes the order).
    `freight` is the part of `amount` that returns freight."""
    amount = quantize_yuan(amount)
    if amount <= 0:
        return None
    if order.refunded_amount + amount > order.total:
        raise Conflict(_("The refund would exceed what was paid."))
    order.refunded_amount = order.refunded_amount + amount
    order.save(update_fields=["refunded_amount"])
    full = order.status == OrderStatus.REFUNDED
    if not order.excluded_from_sales:
        sales_rollup_add(shop_id=order.shop_id, month=month_of(order.paid_at), volume=-amount, orders=-1 if full else 0)
    return Refund.objects.create(
        order=order,
        amount=amount,
        kind=kind,
        freight_amount=min(quantize_yuan(freight), amount),
        reason=reason[:255],
        created_by=actor or None,
    )


def _refund_full(order: Order, *, actor, reason: str, kind: str = RefundKind.FULL) -> None:
    """Move to refunded and return what is left of the payment, freight included; stock comes back if nothing
    was shipped."""
    group_buy_ship_check(order)  # group buys (issue 23): a forming group's orders are refunded by the group
    shipped = order.shipped_at is not None
    freight_left = order.shipping_fee - freight_refunded(order)
    _move(order, OrderStatus.REFUNDED, actor=actor, note=reason)
    _refund_record(
        order, amount=order.total - order.refunded_amount, kind=kind, reason=reason, actor=actor, freight=freight_left
    )
    if not shipped:
        _stock_return(order)
    units_sold_add(_line_quantities(order), sign=-1)


def _weighed_freight_lines(order: Order, lines) -> list[FreightLine]:
    """The order's lines as freight sees them once weighed (never heavier than ordered, as for the price)."""
    # Per option (checkouts since issue 18 record it), else per product (older orders: one option each).
    piece_weights = {}
    for group in order.freight_detail.get("groups", []):
        for line in group["lines"]:
            piece_weights[int(line["product_id"])] = line.get("piece_weight_kg")
            if line.get("variant_id") is not None:
                piece_weights["variant", int(line["variant_id"])] = line.get("piece_weight_kg")

    def piece_weight(line):
        weight = piece_weights.get(("variant", line.variant_id), piece_weights.get(line.product_id))
        return None if weight is None else Decimal(weight)

    return [
        FreightLine(
            product_id=line.product_id,
            name=line.display_name,
            unit=line.unit,
            quantity=min(line.shipped_quantity or line.quantity, line.quantity),
            piece_weight_kg=piece_weight(line),
            unit_price=line.unit_price,
            variant_id=line.variant_id,
        )
        for line in lines
    ]


@transaction.atomic
def order_cancel(*, order_id: int, actor, reason: str = "") -> Order:
    """Cancel: an unpaid order is cancelled and its stock returns; a paid, unshipped one is refunded in full.

    actor=None is the system (the unpaid-order timeout).
    """
    order = _locked_order(order_id)
    if actor is not None and not (order.buyer_id == actor.pk or is_seller(actor, order)):
        raise NotPermitted(_("Only the buyer or the seller may cancel this order."))
    if order.status == OrderStatus.PENDING_PAYMENT:
        _move(order, OrderStatus.CANCELLED, actor=actor, note=reason)
        order.cancelled_by = actor or None
        order.cancel_reason = reason[:255]
        order.save(update_fields=["cancelled_by", "cancel_reason"])
        _stock_return(order)
        coupons_give_back(order)
    elif order.status == OrderStatus.PAID:
        _refund_full(order, actor=actor, reason=reason or str(_("Cancelled before shipment.")))
        order.cancelled_by = actor or None
        order.cancel_reason = reason[:255]
        order.save(update_fields=["cancelled_by", "cancel_reason"])
    else:
        raise InvalidTransition(
            _("Order %(number)s is %(status)s: it can no longer be cancelled.")
            % {"number": order.number, "status": order.get_status_display()}
        )
    return order


@transaction.atomic
def order_ship(
    *,
    order_id: int,
    actor,
    carrier: str,
    tracking_number: str,
    weighed: dict[int, Decimal] | None = None,
    refund_freight: bool = False,
) -> Order:
    """The seller ships with carrier and tracking number, optionally recording weighed quantities.

    A line sold by weight may weigh within 20 % of what was ordered; it is re-priced and, if lighter, the
    difference is refunded at once. The buyer never pays more than at checkout. The new total is rounded once.
    Freight stays as charged unless the seller chooses `refund_freight`: then the difference between the freight
    paid and the freight of the weighed parcel (under the terms of checkout) is refunded too.
    """
    order = _locked_order(order_id)
    _check_seller(actor, order)
    group_buy_ship_check(order)  # group buys (issue 23): nothing ships before the group succeeds
    device_seen(user=actor)
    carrier_found, tracking_number = waybill_check(carrier=carrier, tracking_number=tracking_number)
    carrier = carrier_found.code
    # One waybill, one order: a seller reusing the number of a parcel already delivered elsewhere would have the
    # carrier's "delivered" deliver this order too. The parcel row (unique per waybill) is taken and locked
    # first, so two orders shipped at once with one number queue here and the second sees the first.
    tracking_subscribe(
        carrier=carrier,
        number=tracking_number,
        origin=order.shop.village.name_zh or order.shop.village.name,
        destination=f"{order.ship_city} {order.ship_county}".strip(),
        to_station=order.pickup_station_id is not None,
        callback_url=reverse("orders:carrier_callback"),
        lock=True,
    )
    if Order.objects.filter(carrier=carrier, tracking_number=tracking_number).exclude(pk=order.pk).exists():
        message = _("This tracking number is already used by another order.")
        raise ValidationFailed(message, code="waybill_used", fields={"tracking_number": [message]})
    _move(order, OrderStatus.SHIPPED, actor=actor, note=f"{carrier_found.name_zh} {tracking_number}")
    order.carrier, order.tracking_number = carrier, tracking_number
    order.save(update_fields=["carrier", "tracking_number"])
    weighed = {int(k): Decimal(v) for k, v in (weighed or {}).items() if v not in (None, "")}
    if weighed:
        lines = list(order.lines.all())
        by_id = {line.pk: line for line in lines}
        for line_id, quantity in weighed.items():
            line = by_id.get(line_id)
            if line is None:
                raise ValidationFailed(
                    _("Unknown order line."), fields={f"weighed_{line_id}": [_("Not in this order.")]}
                )
            if line.unit not in WEIGHED_UNITS:
                raise ValidationFailed(
                    _("%(name)s is not sold by weight.") % {"name": line.display_name},
                    fields={f"weighed_{line_id}": [_("Not sold by weight.")]},
                )
            if not quantity.is_finite() or abs(quantity - line.quantity) > line.quantity * WEIGHT_TOLERANCE:
                raise ValidationFailed(
                    _("The weighed quantity must be within 20 %% of the %(quantity)s ordered.")
                    % {"quantity": format_quantity(line.quantity, line.unit)},
                    fields={f"weighed_{line_id}": [_("Within 20 % of the ordered quantity.")]},
                )
            line.shipped_quantity = quantity
            line.line_total = quantize_yuan(line.unit_price * min(quantity, line.quantity))
            line.save(update_fields=["shipped_quantity", "line_total"])
        raw = sum(
            (line.unit_price * min(line.shipped_quantity or line.quantity, line.quantity) for line in lines),
            Decimal("0"),
        )
        difference = goods_refund_share(order, order.subtotal - quantize_yuan(raw))  # less the coupons' share
        freight_back = Decimal("0.00")
        if refund_freight and order.freight_detail:
            weighed_fee = parcel_freight_again(order.freight_detail, _weighed_freight_lines(order, lines))
            freight_back = max(Decimal("0.00"), order.shipping_fee - freight_refunded(order) - weighed_fee)
        if difference > 0 or freight_back > 0:
            _refund_record(
                order,
                amount=max(difference, Decimal("0.00")) + freight_back,
                kind=RefundKind.WEIGHT,
                reason=str(_("Weighed lighter.")),
                actor=actor,
                freight=freight_back,
            )
    order_notify(
        order, "order_shipped", [order.buyer_id], carrier=carrier_found.name_zh, tracking_number=order.tracking_number
    )
    return order


@transaction.atomic
def order_deliver(*, order_id: int, actor) -> Order:
    """The buyer confirms the parcel arrived. Nobody else may: a seller (or their station, or an admin) marking
    their own order delivered would start the automatic completion with no buyer behind it."""
    order = _locked_order(order_id)
    if order.buyer_id != actor.pk:
        raise NotPermitted(
            _("Only the buyer, the carrier's tracking or the automatic timer can mark an order delivered."),
            code="deliver_not_buyer",
        )
    _move(order, OrderStatus.DELIVERED, actor=actor)
    order_notify(order, "order_delivered", [order.shop.owner_id, order.buyer_id])
    return order


def orders_auto_deliver(*, now: datetime.datetime | None = None) -> int:
    """Deliver orders shipped more than ORDERS_AUTO_DELIVER_DAYS ago that neither the buyer nor the carrier
    confirmed (each in its own transaction). Idempotent."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ORDERS_AUTO_DELIVER_DAYS)
    ids = list(
        Order.objects.filter(status=OrderStatus.SHIPPED, shipped_at__lt=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for order_id in ids:
        with transaction.atomic():
            order = _locked_order(order_id)
            if order.status != OrderStatus.SHIPPED:  # the buyer or the carrier was quicker
                continue
            _move(order, OrderStatus.DELIVERED, actor=None)
            done += 1
    return done


@transaction.atomic
def order_complete(*, order_id: int, actor) -> Order:
    """The buyer confirms (or the system, some days after delivery): the order completes and the shop is credited.

    An order with an undecided dispute cannot complete.
    """
    order = _locked_order(order_id)
    if actor is not None:
        _check_buyer(actor, order)
    if Dispute.objects.filter(order=order, status__in=(DisputeStatus.OPEN, DisputeStatus.ANSWERED)).exists():
        raise Conflict(_("A dispute on this order is still open."), code="dispute_open")
    _move(order, OrderStatus.COMPLETED, actor=actor)
    _settle(order, actor=actor)
    return order


@transaction.atomic
def order_refund(*, order_id: int, actor, reason: str = "") -> Order:
    """The seller (or an admin) refunds a paid, shipped or delivered order in full."""
    order = _locked_order(order_id)
    _check_seller(actor, order)
    _refund_full(order, actor=actor, reason=reason or str(_("Refunded by the seller.")))
    return order


def orders_cancel_unpaid(*, now: datetime.datetime | None = None) -> int:
    """Cancel every order unpaid for longer than the timeout (each in its own transaction). Idempotent."""
    cutoff = (now or timezone.now()) - datetime.timedelta(minutes=settings.ORDERS_UNPAID_TIMEOUT_MINUTES)
    ids = list(
        Order.objects.filter(status=OrderStatus.PENDING_PAYMENT, placed_at__lt=cutoff).values_list("pk", flat=True)
    )
    done = 0
    for order_id in ids:
        try:
            order_cancel(order_id=order_id, actor=None, reason=str(_("Not paid in time.")))
            done += 1
        except InvalidTransition:  # paid meanwhile
            continue
    return done


def orders_auto_complete(*, now: datetime.datetime | None = None) -> int:
    """Complete delivered orders after ORDERS_AUTO_COMPLETE_DAYS unless a dispute is undecided. Idempotent."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ORDERS_AUTO_COMPLETE_DAYS)
    ids = list(
        Order.objects.filter(status=OrderStatus.DELIVERED, delivered_at__lt=cutoff)
        .exclude(dispute__status__in=(DisputeStatus.OPEN, DisputeStatus.ANSWERED))
        .values_list("pk", flat=True)
    )
    done = 0
    for order_id in ids:
        try:
            order_complete(order_id=order_id, actor=None)
            done += 1
        except Conflict:
            continue
    return done
