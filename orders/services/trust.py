"""Arm's-length trading: no buying from one's own shop, orders that look like one household trading with itself
held for review, and the review that clears them or confirms the fraud.

A held order earns no trust points (credit reads `trust_review`) and stays out of the monthly sales rollups
that feed certification and the dashboards until a reviewer clears it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import UserDevice
from core.audit import audit_record
from core.errors import Conflict, NotPermitted, ValidationFailed
from orders.models import SALE_STATUSES, Order, OrderStatus, SuspectReason, TrustReview
from orders.services.common import ShipTo, _locked_order
from orders.services.rollups import month_of, sales_rollup_add
from shops.models import Shop
from shops.reviews import reviews_count_set
from villages.selectors import user_operates_village

# Two accounts seen on one device within this window are treated as one person.
SHARED_DEVICE_WINDOW = datetime.timedelta(days=90)


class OwnShopPurchase(Conflict):
    default_code = "own_shop"
    default_detail = "You cannot buy from a shop you own or are a member of."


def own_shop_check(*, buyer, shop_ids: Iterable[int]) -> None:
    """Refuse (409) a purchase from a shop the buyer owns or belongs to: it would be trading with oneself."""
    own = (
        Shop.objects.filter(pk__in=list(shop_ids))
        .filter(Q(owner_id=buyer.pk) | Q(members=buyer.pk))
        .values_list("name", flat=True)
        .first()
    )
    if own is not None:
        _own_shop_refuse(own)


def own_shops_refuse(*, buyer, shops: Iterable[Shop]) -> None:
    """own_shop_check on shops already loaded with their members (checkout has them): no query."""
    for shop in shops:
        if shop.owner_id == buyer.pk or any(member.pk == buyer.pk for member in shop.members.all()):
            _own_shop_refuse(shop.name)


def _own_shop_refuse(name: str) -> None:
    raise OwnShopPurchase(
        _("You cannot buy from %(shop)s: it is your own shop (or you are one of its members).") % {"shop": name}
    )


def _phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    return digits[-11:] if len(digits) >= 7 else ""


def _village_names(*villages) -> list[str]:
    names = []
    for village in villages:
        if village is None:
            continue
        if len(village.name_zh.strip()) >= 2:
            names.append(village.name_zh.strip())
        if len(village.name.strip()) >= 3:
            names.append(village.name.strip().casefold())
    return names


def trade_suspect_reasons(*, buyer, shop: Shop, ship_to: ShipTo) -> list[str]:
    """Why an order from this buyer to this shop looks like one household trading with itself (empty if not).

    Compares the buyer with the shop's owner and members: a shared phone number (the account's or the ship-to
    recipient's), a ship-to address in the seller's own village, a device both used lately.
    """
    return trade_suspect_reasons_by_shop(buyer=buyer, shops=[shop], ship_to=ship_to)[shop.pk]


def trade_suspect_reasons_by_shop(*, buyer, shops: Iterable[Shop], ship_to: ShipTo) -> dict[int, list[str]]:
    """trade_suspect_reasons for every shop of a checkout, with one query for the shared devices of them all
    (shops loaded with owner__home_village, village and members)."""
    shops = list(shops)
    sellers = {shop.pk: [shop.owner, *shop.members.all()] for shop in shops}
    since = timezone.now() - SHARED_DEVICE_WINDOW
    buyer_devices = UserDevice.objects.filter(user_id=buyer.pk, last_seen__gte=since).values("device")
    on_buyer_devices = set(
        UserDevice.objects.filter(
            user_id__in={seller.pk for people in sellers.values() for seller in people},
            last_seen__gte=since,
            device__in=buyer_devices,
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    buyer_phones = {_phone_key(buyer.phone), _phone_key(ship_to.recipient_phone)} - {""}
    address = f"{ship_to.city} {ship_to.county} {ship_to.address}".casefold()
    found = {}
    for shop in shops:
        reasons = []
        if buyer_phones & ({_phone_key(seller.phone) for seller in sellers[shop.pk]} - {""}):
            reasons.append(SuspectReason.SHARED_PHONE)
        if any(name in address for name in _village_names(shop.village, shop.owner.home_village)):
            reasons.append(SuspectReason.SELLER_ADDRESS)
        if on_buyer_devices & {seller.pk for seller in sellers[shop.pk]}:
            reasons.append(SuspectReason.SHARED_DEVICE)
        found[shop.pk] = [str(reason) for reason in reasons]
    return found


def _check_reviewer(reviewer, order: Order, *, confirm_fraud: bool) -> None:
    if reviewer.is_admin:
        return
    if not confirm_fraud and user_operates_village(user=reviewer, village_id=order.shop.village_id):
        return  # the station knows its villagers: it may clear, only an admin confirms fraud
    raise NotPermitted(_("Only an admin (or the village's station operator, to clear) may review this order."))


def _review_note(note: str) -> str:
    note = (note or "").strip()
    if not note:
        raise ValidationFailed(_("Say why."), fields={"note": [_("This field is required.")]})
    return note[:255]


def _reviewed(order: Order, *, reviewer, review: str, note: str) -> None:
    order.trust_review = review
    order.trust_reviewed_by = reviewer
    order.trust_reviewed_at = timezone.now()
    order.trust_review_note = note
    order.save(update_fields=["trust_review", "trust_reviewed_by", "trust_reviewed_at", "trust_review_note"])


@transaction.atomic
def order_review_clear(*, order_id: int, reviewer, note: str) -> Order:
    """A reviewer found the held order honest (neighbours do buy from each other): it earns points and joins the
    sales rollups of its payment month from now on."""
    note = _review_note(note)
    order = _locked_order(order_id)
    _check_reviewer(reviewer, order, confirm_fraud=False)
    if order.trust_review != TrustReview.HELD:
        raise Conflict(_("This order is not waiting for a review."), code="not_held")
    _reviewed(order, reviewer=reviewer, review=TrustReview.CLEARED, note=note)
    reviews_count_set(order_line_ids=order.lines.values_list("pk", flat=True), counts=True)
    if order.paid_at is not None and order.status != OrderStatus.CANCELLED:
        sales_rollup_add(
            shop_id=order.shop_id,
            month=month_of(order.paid_at),
            volume=order.total - order.refunded_amount,
            orders=1 if order.status in SALE_STATUSES else 0,
        )
    audit_record(
        actor=reviewer,
        action="order.review_clear",
        target=order,
        summary=f"cleared {order.number}: {note}",
        details={"reasons": order.suspect_reasons},
    )
    return order


@transaction.atomic
def order_review_confirm_fraud(*, order_id: int, reviewer, note: str) -> Order:
    """An admin confirms the order was self-dealing: it never counts, and the seller's borrowing is frozen (credit
    reads confirmed fraud) with this note as the reason they see. A cleared order can still be confirmed later."""
    note = _review_note(note)
    order = _locked_order(order_id)
    _check_reviewer(reviewer, order, confirm_fraud=True)
    if order.trust_review not in (TrustReview.HELD, TrustReview.CLEARED, TrustReview.NONE):
        raise Conflict(_("This order is already confirmed as fraud."), code="already_fraud")
    counted = order.trust_review in (TrustReview.CLEARED, TrustReview.NONE)
    _reviewed(order, reviewer=reviewer, review=TrustReview.FRAUD, note=note)
    reviews_count_set(order_line_ids=order.lines.values_list("pk", flat=True), counts=False)
    if counted and order.paid_at is not None and order.status != OrderStatus.CANCELLED:
        sales_rollup_add(
            shop_id=order.shop_id,
            month=month_of(order.paid_at),
            volume=order.refunded_amount - order.total,
            orders=-1 if order.status in SALE_STATUSES else 0,
        )
    audit_record(
        actor=reviewer,
        action="order.review_fraud",
        target=order,
        summary=f"confirmed fraud {order.number}: {note}",
        details={"reasons": order.suspect_reasons, "seller": order.shop.owner_id, "buyer": order.buyer_id},
    )
    return order
