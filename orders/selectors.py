"""Reads for orders: one query builder per list, shared by pages and the API (constant query counts)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone

from logistics.models import TrackingParcel, TrackingStatus
from logistics.tracking import tracking_events_for
from orders.models import (
    AssistedPurchase,
    AssistedStatus,
    Dispute,
    DisputeStatus,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    PayoutAccount,
    ShopLedgerEntry,
    TrustReview,
    Withdrawal,
)
from shops.models import Review
from villages.models import Province, ServiceStation
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


# "My orders" tabs, as Taobao's 待付款 / 待发货 / 待收货 / 待评价 / 退款/售后: the condition of each on an order.
ORDER_TABS = ("to_pay", "to_ship", "to_receive", "to_review", "completed", "after_sales")


def _tab_condition(tab: str) -> Q:
    unreviewed_line = OrderLine.objects.filter(order_id=OuterRef("pk")).exclude(
        pk__in=Review.objects.values("order_line_id")
    )
    return {
        "to_pay": Q(status=OrderStatus.PENDING_PAYMENT),
        "to_ship": Q(status=OrderStatus.PAID),
        "to_receive": Q(status__in=(OrderStatus.SHIPPED, OrderStatus.DELIVERED)),
        "to_review": Q(Exists(unreviewed_line), status=OrderStatus.COMPLETED),
        "completed": Q(status=OrderStatus.COMPLETED),
        "after_sales": Q(status=OrderStatus.REFUNDED) | Q(dispute__isnull=False),
    }[tab]


def orders_in_tab(orders: QuerySet[Order], *, tab: str) -> QuerySet[Order]:
    """The orders of one tab ("" or "all": every order)."""
    if tab in ("", "all"):
        return orders
    return orders.filter(_tab_condition(tab))


def buyer_tab_counts(*, buyer) -> dict[str, int]:
    """How many of the buyer's orders each tab holds, in one query."""
    counts = Order.objects.filter(buyer=buyer).aggregate(
        all=Count("pk"), **{tab: Count("pk", filter=_tab_condition(tab)) for tab in ORDER_TABS}
    )
    return counts


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


def payout_accounts_of(*, owner) -> QuerySet[PayoutAccount]:
    """The owner's accounts new withdrawals may be paid to."""
    return PayoutAccount.objects.filter(owner=owner, removed=False).order_by("-created_at", "-pk")


def withdrawals_for(*, user, statuses: tuple[str, ...] = ()) -> QuerySet[Withdrawal]:
    """Admins see every withdrawal (the approval queue); a farmer those of their own shops."""
    withdrawals = Withdrawal.objects.select_related("shop", "account", "requested_by", "decided_by")
    if not user.is_admin:
        withdrawals = withdrawals.filter(shop__owner=user)
    if statuses:
        withdrawals = withdrawals.filter(status__in=statuses)
    return withdrawals.order_by("-requested_at", "-pk")


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


def reviewable_order_id(*, user, number: str) -> int | None:
    """The id of the flagged (or already reviewed) order `number` if this reviewer may act on it, else None."""
    return (
        review_queue_for(user=user, reviews=tuple(TrustReview.values))
        .filter(number=number)
        .values_list("pk", flat=True)
        .first()
    )


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


# --- Parcels at the village station (orders/services/station_parcels.py)


# A parcel waits at the station until handed over, even if its buyer already confirmed receipt in the app.
WAITING_STATUSES = (OrderStatus.SHIPPED, OrderStatus.DELIVERED)


def _station_parcel_base(*, station) -> QuerySet[Order]:
    tracking = TrackingParcel.objects.filter(carrier=OuterRef("carrier"), number=OuterRef("tracking_number"))
    return (
        (Order.objects.filter(pickup_station=station) if station is not None else Order.objects.all())
        .select_related("buyer", "shop")
        .annotate(tracking_status=Subquery(tracking.values("status")[:1]))
    )


def station_parcels_expected(*, station) -> QuerySet[Order]:
    """Shipped to the station, not scanned in yet; those the carrier reports out for delivery or at the station
    (today's arrivals) first."""
    today = Q(tracking_status__in=(TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.AT_STATION))
    return (
        _station_parcel_base(station=station)
        .filter(status=OrderStatus.SHIPPED, station_arrived_at__isnull=True)
        .annotate(expected_today=ExpressionWrapper(today, output_field=BooleanField()))
        .order_by("-expected_today", "shipped_at", "pk")
    )


def station_parcels_waiting(*, station) -> QuerySet[Order]:
    """Scanned in, waiting for their buyer (oldest first)."""
    return (
        _station_parcel_base(station=station)
        .filter(station_arrived_at__isnull=False, station_collected_at__isnull=True, status__in=WAITING_STATUSES)
        .order_by("station_arrived_at", "pk")
    )


def station_parcels_unclaimed(*, station, now=None) -> QuerySet[Order]:
    """Waiting longer than ORDERS_STATION_UNCLAIMED_DAYS: to remind."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.ORDERS_STATION_UNCLAIMED_DAYS)
    return station_parcels_waiting(station=station).filter(station_arrived_at__lt=cutoff)


def station_outgoing(*, station) -> QuerySet[Order]:
    """Paid orders of the station village's shops, to give the courier (the pick list's second half)."""
    return (
        Order.objects.filter(shop__village_id=station.village_id, status=OrderStatus.PAID)
        .select_related("shop", "ship_province")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("pk")))
        .order_by("paid_at", "pk")
    )


def station_parcels_for(*, user, state: str = "waiting") -> QuerySet[Order]:
    """The parcels of the stations this user operates (admins: every station), in one state."""

    stations = ServiceStation.objects.all() if user.is_admin else ServiceStation.objects.filter(operator=user)
    qs = _station_parcel_base(station=None).filter(pickup_station__in=stations)
    if state == "expected":
        return qs.filter(status=OrderStatus.SHIPPED, station_arrived_at__isnull=True).order_by("shipped_at", "pk")
    if state in ("waiting", "unclaimed"):
        qs = qs.filter(station_arrived_at__isnull=False, station_collected_at__isnull=True, status__in=WAITING_STATUSES)
        if state == "unclaimed":
            cutoff = timezone.now() - datetime.timedelta(days=settings.ORDERS_STATION_UNCLAIMED_DAYS)
            qs = qs.filter(station_arrived_at__lt=cutoff)
        return qs.order_by("station_arrived_at", "pk")
    if state == "collected":
        return qs.filter(station_collected_at__isnull=False).order_by("-station_collected_at", "-pk")
    if state == "all":
        return qs.order_by("-pk")
    return qs.none()


def order_tracking_events(*, order: Order) -> list:
    """The order's parcel events (time, place, status) in the order they happened: one query."""
    if not order.tracking_number:
        return []
    return tracking_events_for(carrier=order.carrier, number=order.tracking_number)
