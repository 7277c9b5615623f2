"""Refunding one line of an order (issue 23): the buyer gets back what they paid for it, its share of the
coupons deducted, so that coupons never turn a refund into a profit."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict, InvalidTransition, NotFound
from core.money import quantize_yuan
from orders.models import Order, OrderStatus, RefundKind
from orders.services.common import _check_seller, _locked_order
from orders.services.fulfilment import _refund_full, _refund_record

LINE_REFUNDABLE = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def line_refund_amount(line) -> Decimal:
    """What the buyer paid for the line: its total less its coupon share (in proportion if it was weighed
    lighter, the difference having been refunded already at the same rate)."""
    ordered = quantize_yuan(line.unit_price * line.quantity)
    if ordered <= 0:
        return Decimal("0.00")
    return quantize_yuan((ordered - line.discount) * line.line_total / ordered)


@transaction.atomic
def order_line_refund(*, order_id: int, line_id: int, actor, reason: str = "") -> Order:
    """The seller (or an admin) refunds one line of a paid, shipped or delivered order, once."""
    order = _locked_order(order_id)
    _check_seller(actor, order)
    if order.status not in LINE_REFUNDABLE:
        raise InvalidTransition(
            _("Order %(number)s is %(status)s: its lines can no longer be refunded.")
            % {"number": order.number, "status": order.get_status_display()}
        )
    line = order.lines.filter(pk=line_id).first()
    if line is None:
        raise NotFound(_("Unknown order line."))
    if line.refunds.exists():
        raise Conflict(_("This line was already refunded."), code="line_refunded")
    amount = min(line_refund_amount(line), order.total - order.refunded_amount)
    if amount <= 0:
        raise Conflict(_("Nothing is left to refund on this order."), code="nothing_to_refund")
    reason = reason or str(_("Line refunded: %(name)s") % {"name": line.product_name})
    if amount == order.total - order.refunded_amount:  # nothing would be left: the order is refunded
        _refund_full(order, actor=actor, reason=reason, kind=RefundKind.LINE)
        refund = order.refunds.order_by("-pk").first()
    else:
        refund = _refund_record(order, amount=amount, kind=RefundKind.LINE, reason=reason, actor=actor)
    refund.line = line
    refund.save(update_fields=["line"])
    return order
