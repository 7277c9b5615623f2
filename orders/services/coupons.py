"""Coupons on orders (issue 23): applied at checkout, split across orders and lines to the cent, given back when
an unpaid order is cancelled, and the platform's share paid to the shop at settlement.

Checkout calls `coupons_apply` once, after creating its orders and before taking stock; cancellation calls
`coupons_give_back`; settlement calls `platform_subsidy_due`. The rules (which coupon, how much) are the
promotions app's; this module keeps the money.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, Decimal

from django.db.models import Sum

from core.money import FEN, ZERO, quantize_yuan
from orders.models import Order, OrderCoupon, OrderLine, OrderStatus, TrustReview
from promotions import selectors as coupon_selectors
from promotions import services as coupon_services
from promotions.models import CouponScope
from promotions.selectors import CouponPlan

# order_place(coupons=BEST) applies the best valid combination; a list applies exactly those claims; () none.
BEST = "best"
# Every order keeps at least one fen to pay: a payment of zero is no payment.
MIN_PAYABLE = FEN


def allocate(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Split `amount` in proportion to `weights`, to the cent: every share rounded down, the remainder on the last
    one; a share never exceeds its weight when the amount does not exceed their sum (any excess of the last one
    moves back to earlier ones with room)."""
    total = sum(weights, ZERO)
    if not weights or amount <= 0 or total <= 0:
        return [ZERO for _weight in weights]
    shares = [(amount * weight / total).quantize(FEN, rounding=ROUND_DOWN) for weight in weights[:-1]]
    shares.append(amount - sum(shares, ZERO))
    excess = shares[-1] - weights[-1]
    for index in range(len(shares) - 2, -1, -1):
        if excess <= 0:
            break
        room = min(weights[index] - shares[index], excess)
        if room > 0:
            shares[index] += room
            shares[-1] -= room
            excess -= room
    return shares


def checkout_plan(
    *, buyer, subtotals: dict[int, Decimal], choice: Iterable[int] | str | None = BEST, platform_allowed: bool = True
) -> CouponPlan:
    """The coupons for goods `subtotals` (shop id -> goods), as the quote shows them and checkout applies them."""
    if choice is not None and choice != BEST and not list(choice):
        return CouponPlan()
    claims = coupon_selectors.claims_usable(user=buyer, shop_ids=subtotals)
    return coupon_selectors.coupon_plan(
        claims=claims,
        subtotals=subtotals,
        keep=MIN_PAYABLE,
        choice=None if choice in (None, BEST) else [int(claim_id) for claim_id in choice],
        platform_allowed=platform_allowed,
    )


def coupons_apply(*, buyer, orders: list[Order], choice: Iterable[int] | str) -> CouponPlan | None:
    """Apply the coupons to the orders just created by a checkout (inside its transaction): the plan recomputed
    here from the catalogue's prices (never the client's amounts), each order's and each line's share, the
    claims taken (a claim used meanwhile by another checkout: 409 and the checkout rolls back).

    A platform coupon does not apply when an order was held as a possible self-purchase (same household)."""
    if choice != BEST and not list(choice):
        return None
    platform_allowed = all(order.trust_review == TrustReview.NONE for order in orders)
    plan = checkout_plan(
        buyer=buyer,
        subtotals={order.shop_id: order.subtotal for order in orders},
        choice=choice,
        platform_allowed=platform_allowed,
    )
    if not plan.picks:
        return plan
    by_shop = {order.shop_id: order for order in orders}
    lines: dict[int, list[OrderLine]] = {}
    for line in OrderLine.objects.filter(order__in=orders).order_by("order_id", "pk"):
        lines.setdefault(line.order_id, []).append(line)
    uses = []
    for shop_id, pick in plan.shop_picks.items():
        order = by_shop[shop_id]
        order.shop_discount = pick.discount
        uses.append(
            OrderCoupon(
                order=order,
                claim_id=pick.claim_id,
                funded_by=CouponScope.SHOP,
                label=str(pick.coupon.label)[:120],
                amount=pick.discount,
            )
        )
    if plan.platform_pick is not None:
        pick = plan.platform_pick
        room = [max(ZERO, o.subtotal - o.shop_discount - MIN_PAYABLE) for o in orders]
        for order, share in zip(orders, allocate(pick.discount, room), strict=True):
            order.platform_discount = share
            if share > 0:
                uses.append(
                    OrderCoupon(
                        order=order,
                        claim_id=pick.claim_id,
                        funded_by=CouponScope.PLATFORM,
                        label=str(pick.coupon.label)[:120],
                        amount=share,
                    )
                )
    changed_lines = []
    for order in orders:
        order.total = order.subtotal + order.shipping_fee - order.shop_discount - order.platform_discount
        order_lines = lines.get(order.pk, [])
        shop_shares = allocate(order.shop_discount, [line.line_total for line in order_lines])
        platform_shares = allocate(
            order.platform_discount,
            [line.line_total - share for line, share in zip(order_lines, shop_shares, strict=True)],
        )
        for line, shop_share, platform_share in zip(order_lines, shop_shares, platform_shares, strict=True):
            line.discount, line.platform_discount = shop_share + platform_share, platform_share
            changed_lines.append(line)
    Order.objects.bulk_update(orders, ["shop_discount", "platform_discount", "total"])
    OrderLine.objects.bulk_update(changed_lines, ["discount", "platform_discount"])
    OrderCoupon.objects.bulk_create(uses)
    coupon_services.claims_take(user=buyer, claim_ids=plan.claim_ids, checkout_id=orders[0].checkout_id)
    return plan


def coupons_give_back(order: Order) -> None:
    """An unpaid order was cancelled (by a person or the timeout): its coupons go back to the buyer, a platform
    coupon once every order it was spread over is cancelled. Idempotent."""
    claim_ids = list(OrderCoupon.objects.filter(order=order).values_list("claim_id", flat=True))
    if not claim_ids:
        return
    still_used = set(
        OrderCoupon.objects.filter(claim_id__in=claim_ids)
        .exclude(order__status=OrderStatus.CANCELLED)
        .exclude(order=order)
        .values_list("claim_id", flat=True)
    )
    coupon_services.claims_give_back(claim_ids=[pk for pk in claim_ids if pk not in still_used])


def line_paid(line: OrderLine) -> Decimal:
    """What the buyer paid for a line: its total less its share of the coupons."""
    return line.line_total - line.discount


def goods_refund_share(order: Order, gross: Decimal) -> Decimal:
    """The part of a gross goods amount (at catalogue prices) the buyer actually paid, given the order's coupons:
    a line weighed lighter returns the difference less its share of the discount."""
    discount = order.shop_discount + order.platform_discount
    if discount <= 0 or order.subtotal <= 0:
        return gross
    return quantize_yuan(gross * (order.subtotal - discount) / order.subtotal)


def platform_subsidy_due(order: Order) -> Decimal:
    """What the platform pays the shop for its coupon at settlement: the platform discount on the goods not
    refunded (in proportion), nothing for an order held for review or confirmed as fraud (self-dealing must not
    turn a platform coupon into cash)."""
    if order.platform_discount <= 0 or order.trust_review not in (TrustReview.NONE, TrustReview.CLEARED):
        return ZERO
    goods_paid = order.subtotal - order.shop_discount - order.platform_discount
    freight_back = order.refunds.aggregate(total=Sum("freight_amount"))["total"] or ZERO
    goods_refunded = max(ZERO, order.refunded_amount - freight_back)
    if goods_paid <= 0:
        return order.platform_discount
    kept = max(ZERO, goods_paid - goods_refunded)
    return min(order.platform_discount, quantize_yuan(order.platform_discount * kept / goods_paid))
