"""Orders out of the village and the facts the apps above read.

The contract other apps rely on (certification, credit, insights read these; they never write):
- Order: one per shop; status follows ORDER_TRANSITIONS; paid_at / shipped_at / delivered_at /
  completed_at / cancelled_at / refunded_at are set by the transition that reaches them.
- Order.ship_province / ship_city / ship_county: where the buyer lives (destination statistics).
- Dispute: one per order at most, with its outcome (refunded = the seller lost; rejected = the seller won).
- ShopMonthlySales: per shop and calendar month (Asia/Shanghai) of payment, net of refunds, updated
  in the same transaction as a payment or a refund.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Waiting for payment")
    PAID = "paid", _("Paid")
    SHIPPED = "shipped", _("Shipped")
    DELIVERED = "delivered", _("Delivered")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


ORDER_TRANSITIONS: dict[str, set[str]] = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.PAID, OrderStatus.CANCELLED},
    OrderStatus.PAID: {OrderStatus.SHIPPED, OrderStatus.REFUNDED},
    OrderStatus.SHIPPED: {OrderStatus.DELIVERED, OrderStatus.REFUNDED},
    OrderStatus.DELIVERED: {OrderStatus.COMPLETED, OrderStatus.REFUNDED},
    OrderStatus.COMPLETED: set(),
    OrderStatus.CANCELLED: set(),
    OrderStatus.REFUNDED: set(),
}
# Orders in these statuses count as sales (cancelled and refunded ones do not).
SALE_STATUSES = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED)


class Order(models.Model):
    number = models.CharField(_("number"), max_length=32, unique=True)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders", verbose_name=_("buyer")
    )
    shop = models.ForeignKey("shops.Shop", on_delete=models.PROTECT, related_name="orders", verbose_name=_("shop"))
    checkout_id = models.UUIDField(_("checkout"), db_index=True, help_text=_("Orders split from one cart share it."))
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.PENDING_PAYMENT, db_index=True
    )
    # Ship-to address: the destination statistics read province, city and county.
    recipient_name = models.CharField(_("recipient"), max_length=100)
    recipient_phone = models.CharField(_("phone"), max_length=32)
    ship_province = models.ForeignKey(
        "villages.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    ship_city = models.CharField(_("city"), max_length=64)
    ship_county = models.CharField(_("county or district"), max_length=64)
    ship_address = models.CharField(_("street address"), max_length=255)
    # Money, computed on the server; rounded once at the totals (core.money.quantize_yuan).
    subtotal = models.DecimalField(_("subtotal"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    shipping_fee = models.DecimalField(_("shipping fee"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    refunded_amount = models.DecimalField(_("refunded"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.CharField(_("cancellation reason"), max_length=255, blank=True)
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True, db_index=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="order_total_not_negative"),
            models.CheckConstraint(condition=Q(refunded_amount__gte=0), name="order_refund_not_negative"),
            models.CheckConstraint(
                condition=Q(refunded_amount__lte=models.F("total")), name="order_refund_within_total"
            ),
        ]
        indexes = [
            models.Index(fields=["shop", "status", "paid_at"]),
            models.Index(fields=["buyer", "-placed_at"]),
            models.Index(fields=["status", "placed_at"]),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:order_detail", args=[self.number])


class OrderLine(models.Model):
    """A line keeps the product's name, unit and price at the time of purchase."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    product = models.ForeignKey(
        "shops.Product", on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("product")
    )
    product_name = models.CharField(_("product name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=16)
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=2)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    shipped_quantity = models.DecimalField(
        _("weighed quantity"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("For produce sold by weight: what the seller weighed when shipping."),
    )
    line_total = models.DecimalField(_("line total"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_quantity_positive")]

    def __str__(self):
        return f"{self.quantity} {self.unit} {self.product_name}"


class OrderEvent(models.Model):
    """The order's history: every transition with its actor and time."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events", verbose_name=_("order"))
    from_status = models.CharField(_("from"), max_length=20, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=OrderStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["order", "created_at", "pk"]
        verbose_name = _("order event")
        verbose_name_plural = _("order events")

    def __str__(self):
        return f"{self.order} {self.from_status or '-'} -> {self.to_status}"


class DisputeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered by the seller")
    REFUNDED = "refunded", _("Decided: refunded")
    REJECTED = "rejected", _("Decided: rejected")


class Dispute(models.Model):
    """A buyer's dispute: refunded means the seller lost it, rejected means the seller won it."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="dispute", verbose_name=_("order"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    reason = models.TextField(_("reason"))
    seller_answer = models.TextField(_("seller's answer"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DisputeStatus.choices, default=DisputeStatus.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")

    def __str__(self):
        return f"{self.order} ({self.get_status_display()})"


class ShopMonthlySales(models.Model):
    """Sales rollup per shop and calendar month of payment, net of refunds.

    Kept in the same transaction as each payment (+volume, +1 order) and refund (-refund; a full
    refund also -1 order), so certification and dashboards never scan raw orders.
    """

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.CASCADE, related_name="monthly_sales", verbose_name=_("shop")
    )
    month = models.DateField(_("month"), help_text=_("First day of the month (Asia/Shanghai)."))
    sales_volume = models.DecimalField(_("sales volume"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    order_count = models.IntegerField(_("orders"), default=0)

    class Meta:
        ordering = ["shop", "month"]
        verbose_name = _("monthly shop sales")
        verbose_name_plural = _("monthly shop sales")
        constraints = [models.UniqueConstraint(fields=["shop", "month"], name="shop_monthly_sales_unique")]
        indexes = [models.Index(fields=["month", "shop"])]

    def __str__(self):
        return f"{self.shop} {self.month:%Y-%m}"
