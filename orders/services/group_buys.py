"""Group buying (拼团, issue 23): open a group, join it by its link, pay, succeed or be refunded.

Every member has an order of its own at the group price (freight as at checkout). A member's payment goes through
the ordinary provider flow (payments.py); the order is then paid but *waiting for the group*: the seller cannot
ship it, and it stays out of the sales rollups (certification) until the group succeeds. When `size` members have
paid the group succeeds and every member's order becomes a normal paid order. When the deadline passes first, the
beat task `group_buys_expire` refunds every paid member in full and cancels unpaid places.

Locks, always in this order: offer, group (joins); order, group (payments, expiry). A place is held by a member
whose order is paid, or waiting for payment for less than ORDERS_UNPAID_TIMEOUT_MINUTES (then released, as any
unpaid order); the count is taken under the group's row lock, so concurrent joins never exceed the size. Stock is
taken from the variant by a conditional UPDATE when a place is taken, and given back when it is released or
refunded (common._stock_return)."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import device_seen
from core.errors import Conflict, NotFound, ValidationFailed
from core.money import money_bound_check, quantize_yuan
from core.quantity import format_quantity
from logistics.freight import FreightLine, Undeliverable, parcel_freight
from logistics.freight_selectors import freight_schedules_for
from orders.group_buy_models import GroupBuyMember
from orders.models import Order, OrderLine, OrderStatus, Refund, RefundKind, TrustReview
from orders.services.checkout import _order_number, _stock_take, ship_to_check
from orders.services.common import InsufficientStock, ShipTo, _event, _move, _stock_return
from orders.services.notices import order_flag_notify, order_notify
from orders.services.rollups import month_of, sales_rollup_add
from orders.services.trust import own_shop_check, trade_suspect_reasons
from promotions.models import GroupBuy, GroupBuyOffer, GroupBuyStatus
from shops.models import ProductStatus, ProductVariant, Shop, ShopStatus
from shops.services import units_sold_add
from villages.models import Province

# Groups expired per transaction in the beat task (each group with all its members' orders).
EXPIRE_CHUNK = 50
# Statuses of an order that no longer holds a place (nor stock, nor money).
_GONE = (OrderStatus.CANCELLED, OrderStatus.REFUNDED)


def unpaid_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(minutes=settings.ORDERS_UNPAID_TIMEOUT_MINUTES)


def holding_place(now: datetime.datetime | None = None, prefix: str = "") -> Q:
    """Members (or, with prefix "members__", groups through them) holding a place: paid, or unpaid for less than
    the unpaid-order timeout."""
    p = prefix
    return Q(**{f"{p}active": True}) & (
        Q(**{f"{p}order__paid_at__isnull": False}) & ~Q(**{f"{p}order__status": OrderStatus.REFUNDED})
        | Q(**{f"{p}order__status": OrderStatus.PENDING_PAYMENT, f"{p}order__placed_at__gte": unpaid_cutoff(now)})
    )


def paid_member(prefix: str = "") -> Q:
    return Q(**{f"{prefix}order__paid_at__isnull": False}) & ~Q(
        **{f"{prefix}order__status__in": (OrderStatus.REFUNDED, OrderStatus.CANCELLED)}
    )


def order_group_buy(order: Order) -> GroupBuy | None:
    """The group this order is a member's order of (None for an ordinary order)."""
    return GroupBuy.objects.filter(members__order_id=order.pk).select_related("offer").first()


def order_waits_for_group(order: Order) -> bool:
    """Paid (or waiting for payment) but its group has not succeeded yet: nothing to ship, nothing to settle."""
    return GroupBuyMember.objects.filter(order_id=order.pk).exclude(group__status=GroupBuyStatus.SUCCEEDED).exists()


def group_buy_ship_check(order: Order) -> None:
    """Refuse (409) to ship, cancel or refund by hand an order whose group is still forming: the group's own
    outcome decides (success: a normal order; deadline: an automatic refund)."""
    if order.status != OrderStatus.PENDING_PAYMENT and order_waits_for_group(order):
        raise Conflict(
            _(
                "Order %(number)s is waiting for its group to fill: it proceeds when the group succeeds, and is "
                "refunded automatically if it does not."
            )
            % {"number": order.number},
            code="waiting_for_group",
        )


# --- opening and joining


def _refuse(message: str, code: str, field: str = "group") -> ValidationFailed:
    return ValidationFailed(message, code=code, fields={field: [message]})


def _locked_offer(offer_id: int) -> GroupBuyOffer:
    offer = (
        GroupBuyOffer.objects.select_for_update(of=("self",))
        .select_related("variant__product__shop__owner__home_village", "variant__product__shop__village")
        .filter(pk=offer_id)
        .first()
    )
    if offer is None:
        raise NotFound(_("No such group-buy offer."))
    return offer


def _on_sale_check(offer: GroupBuyOffer) -> None:
    variant, product = offer.variant, offer.variant.product
    if product.status != ProductStatus.PUBLISHED or not variant.is_active:
        raise _refuse(_("%(name)s is not on sale.") % {"name": product.name}, "not_on_sale", "offer")
    if product.shop.status != ShopStatus.OPEN:
        raise _refuse(_("The shop %(name)s is not open.") % {"name": product.shop.name}, "shop_closed", "offer")


def _offer_stock_check(offer: GroupBuyOffer, now) -> None:
    """The offer's own stock (max_quantity), all groups together, counting the places held (under the offer lock)."""
    if offer.max_quantity is None:
        return
    held = GroupBuyMember.objects.filter(holding_place(now), group__offer=offer).aggregate(
        total=Sum("group__quantity")
    )["total"] or Decimal("0")
    if held + offer.quantity > offer.max_quantity:
        raise _refuse(_("This group buy has sold all it offered."), "offer_sold_out", "offer")


def group_buy_quote(*, group_price: Decimal, quantity: Decimal, variant: ProductVariant, destination: Province):
    """(goods, freight, freight detail) of one member's order shipped to a province: the group price, and the
    freight the product's template charges, as checkout would."""
    product = variant.product
    subtotal = quantize_yuan(group_price * quantity)
    line = FreightLine(
        product_id=product.pk,
        name=product.name,
        unit=product.unit,
        quantity=quantity,
        piece_weight_kg=variant.shipping_weight_kg or product.shipping_weight_kg,
        unit_price=group_price,
    )
    schedules = freight_schedules_for([product], destination=destination)
    try:
        fee, detail = parcel_freight([line], schedules=schedules, province_id=destination.pk)
    except Undeliverable as exc:
        message = _("%(products)s cannot be shipped to %(province)s.") % {
            "products": "、".join(exc.products),
            "province": destination.label,
        }
        raise ValidationFailed(message, code="undeliverable", fields={"ship_province": [message]}) from None
    return subtotal, fee, detail


@dataclass(frozen=True)
class _Prepared:
    """What a member's order will be, worked out before any lock is taken (the price and quantity of a group never
    change), so that the group's row lock is held only for the checks and the writes."""

    price: Decimal
    quantity: Decimal
    subtotal: Decimal
    fee: Decimal
    detail: dict
    suspect: list


def _member_prepare(*, price: Decimal, quantity: Decimal, variant: ProductVariant, buyer, ship_to) -> _Prepared:
    destination = ship_to_check(ship_to)
    subtotal, fee, detail = group_buy_quote(
        group_price=price, quantity=quantity, variant=variant, destination=destination
    )
    money_bound_check(subtotal + fee, field="group")
    device_seen(user=buyer)
    shop = (
        Shop.objects.select_related("owner__home_village", "village")
        .prefetch_related("members")
        .get(pk=variant.product.shop_id)
    )
    suspect = trade_suspect_reasons(buyer=buyer, shop=shop, ship_to=ship_to)
    return _Prepared(price, quantity, subtotal, fee, detail, suspect)


def _member_order(*, offer: GroupBuyOffer, code: str, buyer, ship_to: ShipTo, prepared: _Prepared) -> Order:
    """A member's order at the group's price (new rows only: a join writes it before taking the group's lock)."""
    variant, product = offer.variant, offer.variant.product
    order = Order.objects.create(
        number=_order_number(),
        buyer=buyer,
        shop_id=product.shop_id,
        checkout_id=uuid.uuid4(),
        recipient_name=ship_to.recipient_name.strip(),
        recipient_phone=ship_to.recipient_phone.strip(),
        ship_province_id=ship_to.province_id,
        ship_city=ship_to.city.strip(),
        ship_county=ship_to.county.strip(),
        ship_address=ship_to.address.strip(),
        subtotal=prepared.subtotal,
        shipping_fee=prepared.fee,
        total=prepared.subtotal + prepared.fee,
        freight_detail=prepared.detail,
        trust_review=TrustReview.HELD if prepared.suspect else TrustReview.NONE,
        suspect_reasons=prepared.suspect,
    )
    OrderLine.objects.create(
        order=order,
        product=product,
        variant=variant,
        product_name=product.name,
        variant_name=variant.name,
        unit=product.unit,
        unit_price=prepared.price,
        quantity=prepared.quantity,
        line_total=prepared.subtotal,
    )
    _event(order, from_status="", to_status=OrderStatus.PENDING_PAYMENT, actor=buyer, note=f"group {code}")
    return order


def _member_place(*, group: GroupBuy, order: Order, buyer, variant: ProductVariant) -> GroupBuyMember:
    """The member's place, and the stock taken last in checkout's one statement (the option only if that much is
    left, its product's total with it): the product's row lock is held from there to the commit only."""
    member = GroupBuyMember.objects.create(group=group, order=order, buyer=buyer)
    short = _stock_take({variant.pk: group.quantity})
    if short is not None:
        left = ProductVariant.objects.filter(pk=variant.pk).values_list("stock", flat=True).first() or 0
        raise InsufficientStock(
            _("Only %(stock)s of %(name)s left.")
            % {"stock": format_quantity(left, variant.product.unit), "name": str(variant)},
            fields={"group": [_("Not enough stock.")]},
        )
    return member


@transaction.atomic
def group_buy_open(*, buyer, offer_id: int, ship_to: ShipTo) -> GroupBuyMember:
    """Open a group on an offer: the buyer is its first member, with an order to pay at the group price. The share
    link is the group's page (GroupBuy.get_absolute_url)."""
    found = GroupBuyOffer.objects.select_related("variant__product").filter(pk=offer_id).first()
    if found is None:
        raise NotFound(_("No such group-buy offer."))
    own_shop_check(buyer=buyer, shop_ids=[found.shop_id])
    prepared = _member_prepare(
        price=found.group_price, quantity=found.quantity, variant=found.variant, buyer=buyer, ship_to=ship_to
    )
    now = timezone.now()
    offer = _locked_offer(offer_id)
    if not offer.is_active or offer.starts_at > now or (offer.ends_at is not None and offer.ends_at <= now):
        raise _refuse(_("This group buy is not on offer now."), "offer_closed", "offer")
    _on_sale_check(offer)
    if offer.group_price >= offer.variant.unit_price:  # the option's price was lowered below the group's
        raise _refuse(_("This group buy is not on offer now."), "offer_closed", "offer")
    if offer.max_groups is not None:
        opened = offer.groups.exclude(status=GroupBuyStatus.FAILED).count()
        if opened >= offer.max_groups:
            raise _refuse(_("This group buy has opened all the groups it offered."), "offer_sold_out", "offer")
    _offer_stock_check(offer, now)
    group = GroupBuy.objects.create(
        offer=offer,
        leader=buyer,
        size=offer.group_size,
        price=offer.group_price,
        quantity=offer.quantity,
        deadline=now + datetime.timedelta(hours=offer.fill_hours),
    )
    order = _member_order(offer=offer, code=group.code, buyer=buyer, ship_to=ship_to, prepared=prepared)
    return _member_place(group=group, order=order, buyer=buyer, variant=offer.variant)


def _group_open_check(group: GroupBuy, now) -> None:
    if group.status == GroupBuyStatus.SUCCEEDED:
        raise _refuse(_("This group has already succeeded: open a new group instead."), "group_succeeded")
    if group.status == GroupBuyStatus.FAILED or group.deadline <= now:
        raise _refuse(_("This group is closed: its time ran out. Open a new group instead."), "group_expired")


def _release_stale(member: GroupBuyMember) -> None:
    """A member's unpaid place past the timeout: cancel their order (stock back) and free the place."""
    from orders.services.fulfilment import order_cancel

    if member.order.status == OrderStatus.PENDING_PAYMENT:
        order_cancel(order_id=member.order_id, actor=None, reason=str(_("Not paid in time.")))
    member.active = False
    member.save(update_fields=["active"])


@transaction.atomic
def group_buy_join(*, buyer, code: str, ship_to: ShipTo) -> GroupBuyMember:
    """Join a group by its share code, with an order to pay at the group price. Refused (400, field `group`) when
    the group is full, has succeeded or is past its deadline, and when the buyer already holds a place in it."""
    found = GroupBuy.objects.select_related("offer__variant__product__shop").filter(code=str(code or "")[:16]).first()
    if found is None:
        raise NotFound(_("No such group."))
    _group_open_check(found, timezone.now())  # a closed group is refused first, whatever else is wrong
    own_shop_check(buyer=buyer, shop_ids=[found.offer.shop_id])
    prepared = _member_prepare(
        price=found.price, quantity=found.quantity, variant=found.offer.variant, buyer=buyer, ship_to=ship_to
    )
    # The order is new rows, written before any lock: under the group's lock only the checks, the place and the
    # stock (32 buyers joining one group queue there). If the join is refused, the transaction takes it back.
    order = _member_order(offer=found.offer, code=found.code, buyer=buyer, ship_to=ship_to, prepared=prepared)
    # The offer's row is locked only when its own stock is counted across groups: otherwise joins of different
    # groups of one offer do not queue behind each other. Always offer, then group.
    offer = _locked_offer(found.offer_id) if found.offer.max_quantity is not None else found.offer
    group = GroupBuy.objects.select_for_update().get(pk=found.pk)
    now = timezone.now()
    _group_open_check(group, now)  # again, under the lock
    _on_sale_check(offer)
    mine = GroupBuyMember.objects.select_related("order").filter(group=group, buyer=buyer, active=True).first()
    if mine is not None:
        if GroupBuyMember.objects.filter(holding_place(now), pk=mine.pk).exists():
            raise _refuse(_("You are already a member of this group."), "already_member")
        _release_stale(mine)
    held = GroupBuyMember.objects.filter(holding_place(now), group=group).count()
    if held >= group.size:
        raise _refuse(_("This group is full: open a new group instead."), "group_full")
    _offer_stock_check(offer, now)
    return _member_place(group=group, order=order, buyer=buyer, variant=offer.variant)


# --- payment, success, expiry


def _sale_counted(order: Order) -> None:
    """What payment does for a normal order beyond the move to paid: the sales rollup and the notices. For a group
    member, when the group succeeds."""
    if not order.excluded_from_sales:
        sales_rollup_add(shop_id=order.shop_id, month=month_of(order.paid_at), volume=order.total, orders=1)
    order_notify(order, "order_paid", [order.buyer_id, order.shop.owner_id])
    if order.trust_review == TrustReview.HELD:
        order_flag_notify(order, reason=", ".join(order.suspect_reason_labels()))


def group_buy_member_paid(order: Order, payment) -> bool:
    """Called by payments._order_paid for every paid order (the order locked): False when it is not a group
    member's. Otherwise the order is paid but waits; the member who completes the group makes every member's order
    a normal paid order. A payment that arrives after the group failed is refunded at once."""
    member = GroupBuyMember.objects.filter(order_id=order.pk).first()
    if member is None:
        return False
    _move(order, OrderStatus.PAID, actor=payment.payer, note=payment.reference)
    units_sold_add(order.lines.values_list("product_id", "variant_id", "quantity"), sign=1)
    group = GroupBuy.objects.select_for_update().get(pk=member.group_id)
    if group.status == GroupBuyStatus.FAILED:
        _member_refund(order, reason=str(_("The group did not fill in time.")))
        return True
    # Paid after the payment time ran out, its place may have gone to someone else meanwhile (or the group
    # completed without it): never more members than places, the payment goes back.
    others = GroupBuyMember.objects.filter(holding_place(), group=group).exclude(pk=member.pk).count()
    if group.status == GroupBuyStatus.SUCCEEDED or others >= group.size:
        _member_refund(
            order, reason=str(_("Paid after the payment time ran out: the place had gone to another buyer."))
        )
        member.active = False
        member.save(update_fields=["active"])
        return True
    paid = GroupBuyMember.objects.filter(paid_member(), group=group).count()
    # Past the deadline the group has failed, whatever the expiry task has done yet: it refunds this payment too.
    if paid >= group.size and group.deadline > timezone.now():
        group.status, group.closed_at = GroupBuyStatus.SUCCEEDED, timezone.now()
        group.save(update_fields=["status", "closed_at"])
        # The other members' orders are paid and waiting: nobody else writes them (refunds are refused while
        # waiting), so they are read, not locked (locking them here could deadlock with their own payments).
        others = (
            Order.objects.select_related("shop")
            .filter(group_buy_member__group=group, paid_at__isnull=False, status=OrderStatus.PAID)
            .exclude(pk=order.pk)
            .order_by("pk")
        )
        for other in [order, *others]:
            _sale_counted(other)
    return True


def _member_refund(order: Order, *, reason: str) -> None:
    """Refund a paid member of a failed group in full (freight too) and give the stock back. Never in the sales
    rollups (the group never succeeded), so nothing to take out of them."""
    _move(order, OrderStatus.REFUNDED, actor=None, note=reason)
    amount = order.total - order.refunded_amount
    order.refunded_amount = order.total
    order.save(update_fields=["refunded_amount"])
    Refund.objects.create(
        order=order, amount=amount, kind=RefundKind.FULL, freight_amount=order.shipping_fee, reason=reason[:255]
    )
    _stock_return(order)
    units_sold_add(order.lines.values_list("product_id", "variant_id", "quantity"), sign=-1)
    order_notify(order, "group_buy_refunded", [order.buyer_id])


def group_buy_expire(*, group_id: int, now: datetime.datetime | None = None) -> bool:
    """Close one group past its deadline and not succeeded: every paid member refunded in full, every unpaid place
    released (the order cancelled, stock back). Idempotent: a closed group is left as it is."""
    now = now or timezone.now()
    with transaction.atomic():
        order_ids = list(
            GroupBuyMember.objects.filter(group_id=group_id).order_by("order_id").values_list("order_id", flat=True)
        )
        orders = {
            order.pk: order
            for order in Order.objects.select_for_update(of=("self",))
            .select_related("shop")
            .filter(pk__in=order_ids)
            .order_by("pk")
        }
        group = GroupBuy.objects.select_for_update().get(pk=group_id)
        if group.status != GroupBuyStatus.OPEN or group.deadline > now:
            return False
        group.status, group.closed_at = GroupBuyStatus.FAILED, now
        group.save(update_fields=["status", "closed_at"])
        reason = str(_("The group did not fill in time."))
        for order_id in sorted(orders):
            order = orders[order_id]
            if order.status == OrderStatus.PAID:
                _member_refund(order, reason=reason)
            elif order.status == OrderStatus.PENDING_PAYMENT:
                _move(order, OrderStatus.CANCELLED, actor=None, note=reason)
                order.cancel_reason = reason[:255]
                order.save(update_fields=["cancel_reason"])
                _stock_return(order)
        GroupBuyMember.objects.filter(group=group, active=True).update(active=False)
        return True


def group_buys_expire(*, now: datetime.datetime | None = None, chunk: int = EXPIRE_CHUNK) -> int:
    """The beat task: close every open group past its deadline, one transaction per group, read in chunks of ids
    (a rerun after a crash resumes where it stopped). Returns how many groups it closed."""
    now = now or timezone.now()
    closed, after = 0, 0
    while True:
        ids = list(
            GroupBuy.objects.filter(status=GroupBuyStatus.OPEN, deadline__lte=now, pk__gt=after)
            .order_by("pk")
            .values_list("pk", flat=True)[:chunk]
        )
        if not ids:
            return closed
        for group_id in ids:
            closed += group_buy_expire(group_id=group_id, now=now)
        after = ids[-1]


def group_places(groups) -> dict[int, tuple[int, int]]:
    """{group id: (places held, members paid)} for these groups, in one query."""
    now = timezone.now()
    rows = (
        GroupBuyMember.objects.filter(group__in=list(groups))
        .values("group_id")
        .annotate(held=Count("pk", filter=holding_place(now)), paid=Count("pk", filter=paid_member()))
    )
    return {row["group_id"]: (row["held"], row["paid"]) for row in rows}


__all__ = [
    "group_buy_expire",
    "group_buy_join",
    "group_buy_member_paid",
    "group_buy_open",
    "group_buy_quote",
    "group_buy_ship_check",
    "group_buys_expire",
    "group_places",
    "holding_place",
    "order_waits_for_group",
]
