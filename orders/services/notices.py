"""What orders tell people (through notifications.services.notify, inside the transaction that made it true)."""

from __future__ import annotations

from django.urls import reverse

from notifications.services import admin_recipients, notify
from orders.models import AssistedPurchase, Dispute, Order, OrderLine


def order_notify(order: Order, event: str, recipients: list, **params) -> None:
    """One event about an order; its key is the order, so raising it again tells nobody twice."""
    notify(
        event=event,
        recipients=recipients,
        key=f"order:{order.pk}",
        params={"number": order.number, "total": order.total, **params},
        url=reverse("orders:order_detail", args=[order.number]),
    )


def order_flag_notify(order: Order, *, reason: str) -> None:
    """Tell the admins about an order that looks wrong (a provider confirming another amount than was asked)."""
    notify(
        event="flagged",
        recipients=admin_recipients(),
        key=f"order:{order.pk}:{reason[:60]}",
        params={"subject": order.number, "reason": reason},
        url=reverse("orders:order_detail", args=[order.number]),
    )


def review_received_notify(*, line: OrderLine, rating: int, review_id: int) -> None:
    """Tell the seller a buyer rated a purchase: they may answer once, on the product's page. The buyer's name is
    not given (a review can be anonymous to buyers; the seller sees the order number either way)."""
    notify(
        event="review_received",
        recipients=[line.order.shop.owner_id],
        key=f"review:{review_id}",
        params={
            "number": line.order.number,
            "product": f"{line.product_name} · {line.variant_name}" if line.variant_name else line.product_name,
            "stars": rating,
        },
        url=reverse("shops:product_detail", args=[line.product_id]) + "#reviews-title",
    )


def dispute_notify(dispute: Dispute, event: str, recipients: list, **params) -> None:
    order = dispute.order
    notify(
        event=event,
        recipients=recipients,
        key=f"dispute:{dispute.pk}",
        params={"number": order.number, **params},
        url=reverse("orders:order_detail", args=[order.number]),
    )


def parcel_arrived_notify(purchase: AssistedPurchase) -> None:
    """The pickup code goes to the villager (by SMS whatever they chose: they need it at the counter)."""
    notify(
        event="parcel_arrived",
        recipients=[purchase.villager_id],
        key=f"assisted:{purchase.pk}",
        params={
            "item": purchase.description,
            "station": purchase.station.village.name_zh or purchase.station.village.name,
            "code": purchase.pickup_code,
        },
        url=reverse("orders:my_assisted"),
    )
