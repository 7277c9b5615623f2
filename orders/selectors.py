"""Reads for orders: one query builder per list, shared by pages and the API (constant query counts)."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet, Subquery

from orders.models import AssistedPurchase, AssistedStatus, Order, OrderEvent, OrderLine, OrderStatus, ShopLedgerEntry
from villages.models import Province
from villages.selectors import operated_village_ids


def _order_base() -> QuerySet[Order]:
    return Order.objects.select_related("shop", "buyer", "ship_province").prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.order_by("pk"))
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


def buyer_province(*, user) -> Province | None:
    """Where the user lives, as far as Taocun knows: the home village's province, else the province of the
    last order they had shipped (one query; none for visitors)."""
    if not user.is_authenticated:
        return None
    if user.home_village_id:
        return Province.objects.filter(counties__townships__villages=user.home_village_id).first()
    last = Order.objects.filter(buyer=user).order_by("-placed_at", "-pk").values("ship_province_id")[:1]
    return Province.objects.filter(pk=Subquery(last)).first()
