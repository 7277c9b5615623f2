"""Reads for orders: one query builder per list, shared by pages and the API (constant query counts)."""

from __future__ import annotations

from django.db.models import Count, DecimalField, F, Prefetch, Q, QuerySet, Subquery, Sum

from orders.models import (
    AssistedPurchase,
    AssistedStatus,
    Dispute,
    DisputeStatus,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    ShopLedgerEntry,
    TrustReview,
)
from villages.models import Province
from villages.selectors import operated_village_ids


def _order_base() -> QuerySet[Order]:
    # The dispute rides along: it decides whether the recipient's contact is shown (order_contact_visible).
    return Order.objects.select_related("shop", "buyer", "ship_province", "dispute").prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.select_related("batch").order_by("pk"))
    )


def order_list_for(*, user) -> QuerySet[Order]:
    """Orders a user may see: their purchases, their shops' sales, their village's shops (operators), all (admins)."""
    qs = _order_base()
    if user.is_admin:
        return qs
    condition = Q(buyer=user) | Q(shop__owner=user)
    villages = operated_village_ids(user=user)
    if villages:
        condition |= Q(shop__village_id__in=villages)
    return qs.filter(condition)


def order_detail_for(*, user, number: str) -> Order | None:
    return (
        order_list_for(user=user)
        .select_related("dispute")
        .prefetch_related(
            Prefetch("events", queryset=OrderEvent.objects.select_related("actor").order_by("created_at", "pk")),
            "refunds",
            "payments",
        )
        .filter(number=number)
        .first()
    )


def buyer_order_list(*, buyer) -> QuerySet[Order]:
    return _order_base().filter(buyer=buyer)


def fulfilment_list(*, user, statuses=(OrderStatus.PAID,)) -> QuerySet[Order]:
    """Orders a farmer (or an operator for their village) has to ship, oldest payment first."""
    qs = _order_base().filter(status__in=statuses)
    if user.is_admin:
        return qs.order_by("paid_at", "pk")
    villages = operated_village_ids(user=user)
    return qs.filter(Q(shop__owner=user) | Q(shop__village_id__in=villages)).order_by("paid_at", "pk")


def checkout_orders(*, buyer, checkout_id) -> QuerySet[Order]:
    return _order_base().filter(buyer=buyer, checkout_id=checkout_id).order_by("pk")


def assisted_list_for(*, user) -> QuerySet[AssistedPurchase]:
    qs = AssistedPurchase.objects.select_related("station__village", "villager", "product")
    if user.is_admin:
        return qs
    return qs.filter(Q(villager=user) | Q(station__operator=user))


def pending_pickups(*, station) -> QuerySet[AssistedPurchase]:
    return (
        AssistedPurchase.objects.select_related("villager", "product")
        .filter(station=station, status__in=(AssistedStatus.REQUESTED, AssistedStatus.ORDERED, AssistedStatus.ARRIVED))
        .order_by("status", "requested_at", "pk")
    )


def shop_statement(*, shop_ids) -> QuerySet[ShopLedgerEntry]:
    return ShopLedgerEntry.objects.select_related("shop", "order").filter(shop_id__in=shop_ids)


# --- the recipient's contact (China's Personal Information Protection Law: the minimum, for as long as needed)

CONTACT_DISPUTE_STATUSES = (DisputeStatus.OPEN, DisputeStatus.ANSWERED)
MASK = "****"


def order_contact_visible(*, user, order: Order) -> bool:
    """The buyer always sees the recipient's phone and street; anyone else who can see the order (its seller, the
    village's operator, an admin) only while it awaits shipment (paid) or while a dispute about it is open."""
    if user is not None and user.is_authenticated and order.buyer_id == user.pk:
        return True
    if order.status == OrderStatus.PAID:
        return True
    try:
        dispute = order.dispute
    except Dispute.DoesNotExist:
        return False
    return dispute.status in CONTACT_DISPUTE_STATUSES


def phone_masked(phone: str) -> str:
    """138****1111: the first three and the last four digits (enough to tell two numbers apart), or **** alone."""
    phone = (phone or "").strip()
    digits = sum(character.isdigit() for character in phone)
    if digits < 8:
        return MASK
    return f"{phone[:3].rstrip()}{MASK}{phone[-4:]}"


def street_masked(street: str) -> str:
    """The street line shortened to its first character: province, city and county stay (where the parcel went)."""
    street = (street or "").strip()
    return f"{street[:1]}{MASK}" if street else ""


def order_contact_for(*, user, order: Order) -> tuple[str, str, bool]:
    """(phone, street address, masked) of the order's recipient as this user may see them."""
    if order_contact_visible(user=user, order=order):
        return order.recipient_phone, order.ship_address, False
    return phone_masked(order.recipient_phone), street_masked(order.ship_address), True


def buyer_province(*, user) -> Province | None:
    """Where the user lives, as far as Taocun knows: the home village's province, else the province of the
    last order they had shipped (one query; none for visitors)."""
    if not user.is_authenticated:
        return None
    if user.home_village_id:
        return Province.objects.filter(counties__townships__villages=user.home_village_id).first()
    last = Order.objects.filter(buyer=user).order_by("-placed_at", "-pk").values("ship_province_id")[:1]
    return Province.objects.filter(pk=Subquery(last)).first()


def review_queue_for(*, user, reviews: tuple[str, ...] = (TrustReview.HELD,)) -> QuerySet[Order]:
    """Flagged orders a reviewer may act on (admins: all; station operators: their villages' shops), oldest first."""
    qs = (
        Order.objects.filter(trust_review__in=reviews)
        .select_related("shop__owner", "shop__village", "buyer", "trust_reviewed_by")
        .order_by("placed_at", "pk")
    )
    if user.is_admin:
        return qs
    return qs.filter(shop__village_id__in=operated_village_ids(user=user))


def review_villagers_for(*, user) -> QuerySet:
    """The sellers behind the flagged orders, with how many are held, confirmed and their amount (one query)."""
    money = DecimalField(max_digits=16, decimal_places=2)
    return (
        review_queue_for(user=user, reviews=(TrustReview.HELD, TrustReview.FRAUD))
        .order_by()
        .values("shop__owner_id", "shop__owner__username", "shop__village__name")
        .annotate(
            held=Count("pk", filter=Q(trust_review=TrustReview.HELD)),
            fraud=Count("pk", filter=Q(trust_review=TrustReview.FRAUD)),
            amount=Sum(F("total") - F("refunded_amount"), output_field=money),
            buyers=Count("buyer_id", distinct=True),
        )
        .order_by("-held", "-fraud", "shop__owner__username")
    )
