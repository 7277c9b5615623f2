"""Reads of pre-sale orders (issue 23): the buyer's list, a pre-sale's reservations, the late-shipping facts."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet

from orders.models import PreSaleOrder, PreSaleOrderStatus
from promotions.models import PreSale
from shops.selectors import shops_managed_by

S = PreSaleOrderStatus


def presale_orders_for_buyer(*, buyer) -> QuerySet[PreSaleOrder]:
    return PreSaleOrder.objects.filter(buyer=buyer).select_related(
        "presale__product", "presale__variant", "shop", "order"
    )


def presales_managed(*, user) -> QuerySet[PreSale]:
    """The pre-sales of the shops a farmer (operator, admin) manages, with their reservations counted by status
    in the same query."""
    return (
        PreSale.objects.filter(product__shop__in=shops_managed_by(user=user))
        .select_related("product__shop", "variant")
        .annotate(
            reservations=Count("orders", filter=~Q(orders__status__in=(S.CANCELLED,))),
            deposits_paid=Count("orders", filter=Q(orders__status__in=(S.DEPOSIT_PAID, S.BALANCE_DUE))),
            balances_due=Count("orders", filter=Q(orders__status=S.BALANCE_DUE)),
            paid_in_full=Count("orders", filter=Q(orders__status=S.PAID_IN_FULL)),
            shipped=Count("orders", filter=Q(orders__status=S.SHIPPED)),
        )
        .order_by("-created_at", "-pk")
    )


def presale_orders_of(*, presale_id: int) -> QuerySet[PreSaleOrder]:
    return PreSaleOrder.objects.filter(presale_id=presale_id).select_related("buyer", "order").order_by("pk")


def presale_late_refunds_subquery():
    """For a user (OuterRef "pk"), the pre-sale orders of their shops refunded because they were not shipped by the
    last shipping date: the credit score counts each as a late shipment (the buyer waited for a harvest that never
    came). A subquery, so the score's facts keep their query count."""
    return (
        PreSaleOrder.objects.filter(shop__owner_id=OuterRef("pk"), refunded_late=True)
        .order_by()
        .values("shop__owner_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
