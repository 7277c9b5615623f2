"""Reads of pre-sale orders (issue 23): the buyer's list, a pre-sale's reservations, the late-shipping facts."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

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


def presale_late_refunds(*, user_ids: list[int]) -> dict[int, int]:
    """Per shop owner: pre-sale orders refunded because they were not shipped by the last shipping date. The
    credit score counts each as a late shipment (the buyer waited for a harvest that never came). One query."""
    return dict(
        PreSaleOrder.objects.filter(shop__owner_id__in=user_ids, refunded_late=True)
        .values("shop__owner_id")
        .annotate(n=Count("pk"))
        .values_list("shop__owner_id", "n")
        .order_by()
    )
