"""Orders out of the village and the facts the apps above read.

The contract other apps rely on (certification, credit, insights read these; they never write):
- Order: one per shop; status follows ORDER_TRANSITIONS; paid_at / shipped_at / delivered_at /
  completed_at / cancelled_at / refunded_at are set by the transition that reaches them.
- Order.ship_province / ship_city / ship_county: where the buyer lives (destination statistics).
- Dispute: one per order at most, with its outcome (refunded = the seller lost; rejected = the seller won).
- ShopMonthlySales: per shop and calendar month (Asia/Shanghai) of payment, net of refunds, updated
  in the same transaction as a payment or a refund.
- VillageMonthlySales: the same per village and month, always the sum of its shops' ShopMonthlySales
  (database triggers on the shop rollups keep it, in the same transaction as any write to them; a shop
  moved to another village takes its rollups along).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.crypto import EncryptedCharField
from core.payments import ProviderPayment
from logistics.carriers import CARRIERS
from shops.models import unit_label


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


class TrustReview(models.TextChoices):
    """Where an order stands with the anti-fraud review: held and fraud orders earn no points and stay out of
    the sales rollups; cleared ones count like any other."""

    NONE = "", _("not flagged")
    HELD = "held", _("held for review")
    CLEARED = "cleared", _("cleared by a reviewer")
    FRAUD = "fraud", _("confirmed fraud")


# Orders that neither earn trading points nor count in the sales rollups.
EXCLUDED_REVIEWS = (TrustReview.HELD, TrustReview.FRAUD)


class SuspectReason(models.TextChoices):
    """Why checkout held an order: the buyer and the seller look like the same household or person."""

    OWN_SHOP = "own_shop", _("bought from the buyer's own shop (before checkout refused it)")
    SHARED_PHONE = "shared_phone", _("the buyer and the seller share a phone number")
    SELLER_ADDRESS = "seller_address", _("shipped to the seller's own village")
    SHARED_DEVICE = "shared_device", _("the buyer and the seller use the same device")


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
    # Coupons (issue 23): total = subtotal + shipping_fee - shop_discount - platform_discount. The shop funds the
    # first; the platform funds the second (settlement credits it to the shop).
    shop_discount = models.DecimalField(_("shop coupon"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    platform_discount = models.DecimalField(
        _("platform coupon"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    refunded_amount = models.DecimalField(_("refunded"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    # How shipping_fee was reached at checkout (logistics.freight.parcel_freight): the templates' terms, weights
    # and pieces, kept so the order explains its fee and weighed re-pricing uses the terms the buyer accepted.
    freight_detail = models.JSONField(_("freight detail"), default=dict, blank=True)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    # "Collect at my village station": the parcel goes to the station, the operator scans it in, the buyer collects
    # it with the pickup code (orders/services/station_parcels.py).
    pickup_station = models.ForeignKey(
        "villages.ServiceStation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parcels",
        verbose_name=_("collect at station"),
    )
    pickup_code = models.CharField(_("pickup code"), max_length=6, blank=True)
    station_arrived_at = models.DateTimeField(_("arrived at the station"), null=True, blank=True)
    station_collected_at = models.DateTimeField(_("collected at the station"), null=True, blank=True)
    station_reminded_at = models.DateTimeField(_("pickup reminder sent"), null=True, blank=True)
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
    trust_review = models.CharField(
        _("fraud review"), max_length=8, choices=TrustReview.choices, default=TrustReview.NONE, blank=True
    )
    suspect_reasons = models.JSONField(_("suspect because"), default=list, blank=True)
    trust_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    trust_reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    trust_review_note = models.CharField(_("review note"), max_length=255, blank=True)

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
            models.Index(fields=["carrier", "tracking_number"], name="order_waybill_idx"),
            models.Index(
                fields=["pickup_station", "status"],
                name="order_station_parcel_idx",
                condition=Q(pickup_station__isnull=False),
            ),
            # The review queue and the rollups' exclusions read only the few flagged orders.
            models.Index(fields=["trust_review", "placed_at"], name="order_flagged_idx", condition=~Q(trust_review="")),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:order_detail", args=[self.number])

    @property
    def carrier_name(self) -> str:
        """The carrier's Chinese name (顺丰速运) for its code; older free-text carriers as they were typed."""
        carrier = CARRIERS.get(self.carrier)
        return carrier.name_zh if carrier else self.carrier

    @property
    def excluded_from_sales(self) -> bool:
        return self.trust_review in EXCLUDED_REVIEWS

    def suspect_reason_labels(self) -> list[str]:
        labels = dict(SuspectReason.choices)
        return [str(labels.get(code, code)) for code in self.suspect_reasons]


class OrderLine(models.Model):
    """A line keeps the product's name, unit and price at the time of purchase."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    product = models.ForeignKey(
        "shops.Product", on_delete=models.PROTECT, related_name="order_lines", verbose_name=_("product")
    )
    # The option sold (issue 18); its name is kept on the line as it was at purchase.
    variant = models.ForeignKey(
        "shops.ProductVariant",
        on_delete=models.PROTECT,
        related_name="order_lines",
        verbose_name=_("option"),
    )
    product_name = models.CharField(_("product name"), max_length=120)
    variant_name = models.CharField(_("option"), max_length=60, blank=True)
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
    # The line's share of the order's coupons (issue 23), so that refunding the line returns what was paid for it.
    discount = models.DecimalField(_("coupon share"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    platform_discount = models.DecimalField(
        _("of which platform coupon"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    # The traceability batch the seller shipped it from (issue 22): the buyer's page links to its story, a
    # recall of the batch finds this line.
    batch = models.ForeignKey(
        "shops.ProduceBatch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="order_lines",
        verbose_name=_("batch"),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_quantity_positive")]

    def __str__(self):
        return f"{self.quantity} {self.unit} {self.display_name}"

    @property
    def display_name(self) -> str:
        """The product and the option bought, as they were named at purchase (柑橘 · 10 斤装)."""
        return f"{self.product_name} · {self.variant_name}" if self.variant_name else self.product_name

    @property
    def unit_label(self) -> str:
        """The unit in the active language ("box" -> 箱, caisse); the line stores the code as it was sold."""
        return unit_label(self.unit)


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
    OPEN = "open", pgettext_lazy("dispute status", "Open")
    ANSWERED = "answered", _("Answered by the seller")
    REFUNDED = "refunded", _("Decided: refunded")
    REJECTED = "rejected", _("Decided: rejected")


class Dispute(models.Model):
    """A buyer's dispute: refunded means the seller lost it, rejected means the seller won it."""

    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="dispute", verbose_name=_("order"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("dispute", "opened by"),
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
    # The shop's village, copied by the database (triggers of migration 0004: filled on insert, follows a shop
    # moved to another village), so a village's shop rollups are one index range. Never set it by hand.
    village = models.ForeignKey(
        "villages.Village",
        on_delete=models.CASCADE,
        null=True,
        editable=False,
        db_index=False,
        related_name="+",
        verbose_name=_("village"),
    )
    month = models.DateField(_("month"), help_text=_("First day of the month (Asia/Shanghai)."))
    sales_volume = models.DecimalField(_("sales volume"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    order_count = models.IntegerField(_("orders"), default=0)

    class Meta:
        ordering = ["shop", "month"]
        verbose_name = _("monthly shop sales")
        verbose_name_plural = _("monthly shop sales")
        constraints = [models.UniqueConstraint(fields=["shop", "month"], name="shop_monthly_sales_unique")]
        indexes = [
            models.Index(fields=["month", "shop"]),
            # Covering (PostgreSQL; other databases ignore INCLUDE): certification and dashboards read a
            # shop's months with an index-only scan, never touching the table (2.8x faster certification run).
            models.Index(
                fields=["shop", "month"], include=["sales_volume", "order_count"], name="shop_monthly_sales_covering"
            ),
            # Certification: the look-back months of a range of villages' shops, index-only and in (village,
            # shop) order, merge-joined with the shops in the same order (shops index shop_village_order).
            models.Index(
                fields=["village", "shop", "month"], include=["order_count"], name="shop_monthly_sales_by_village"
            ),
        ]

    def __str__(self):
        return f"{self.shop} {self.month:%Y-%m}"


class VillageMonthlySales(models.Model):
    """Sales rollup per village and calendar month: the sum of the village's ShopMonthlySales rows.

    Kept by database triggers on orders_shopmonthlysales (migration 0004), so every writer of the shop
    rollups (payments, refunds, rebuilds, bulk loads, the admin, a shop moved to another village) moves it
    in the same transaction and it can never drift from them. Certification reads a village's 12 months
    here instead of its shops'. SQLite rebuilds a table on some ALTERs, dropping its triggers: a migration
    altering orders_shopmonthlysales or shops_shop must create them again (PostgreSQL keeps them).
    A row can stay at zero after refunds, like a shop rollup.
    """

    village = models.ForeignKey(
        "villages.Village",
        on_delete=models.CASCADE,
        related_name="monthly_sales",
        verbose_name=_("village"),
        db_index=False,  # the unique (village, month) index serves
    )
    month = models.DateField(_("month"), help_text=_("First day of the month (Asia/Shanghai)."))
    sales_volume = models.DecimalField(_("sales volume"), max_digits=16, decimal_places=2, default=Decimal("0.00"))
    order_count = models.IntegerField(_("orders"), default=0)

    class Meta:
        ordering = ["village", "month"]
        verbose_name = _("monthly village sales")
        verbose_name_plural = _("monthly village sales")
        # No INCLUDE here: Django leaves out a covering unique constraint on SQLite, and the triggers need it.
        constraints = [models.UniqueConstraint(fields=["village", "month"], name="village_monthly_sales_unique")]
        # Certification reads a range of villages' months index-only (PostgreSQL; SQLite ignores INCLUDE).
        indexes = [
            models.Index(
                fields=["village", "month"],
                include=["sales_volume", "order_count"],
                name="village_monthly_sales_covering",
            )
        ]

    def __str__(self):
        return f"{self.village} {self.month:%Y-%m}"


# --- Checkout, payment, refunds and settlement (added with the orders issue; the contract above is unchanged)


class Cart(models.Model):
    """A signed-in user's cart, the same on every device and on the API (orders/cart.py); an anonymous visitor's
    cart lives in the session and joins this one at log-in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self):
        return f"cart of {self.user}"


class CartItem(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items", verbose_name=_("cart"))
    product = models.ForeignKey("shops.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("product"))
    variant = models.ForeignKey(
        "shops.ProductVariant", on_delete=models.CASCADE, related_name="+", verbose_name=_("option")
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    # The price the buyer saw when the line was put in the cart: checkout flags a line whose price moved since.
    unit_price_seen = models.DecimalField(_("price when added"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["cart", "pk"]
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="cart_item_unique_variant"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="cart_item_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.product_id}"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the provider")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", pgettext_lazy("payment status", "Failed")


class BuyerPayment(ProviderPayment):
    """A payment a buyer starts (with an Idempotency-Key) and the provider's signed callback decides."""

    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(_("idempotency key"), max_length=100)
    status = models.CharField(
        _("status"), max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


class CheckoutPayment(BuyerPayment):
    """One provider payment for every order of a checkout (合并付款): the provider sees one reference and one
    amount; each order gets its own Payment (a part) so it is then paid, refunded and settled on its own.
    Only the provider's signed callback moves it, and all its parts with it, to succeeded or failed."""

    checkout_id = models.UUIDField(_("checkout"), db_index=True)

    class Meta(BuyerPayment.Meta):
        verbose_name = _("checkout payment")
        verbose_name_plural = _("checkout payments")
        constraints = [
            models.UniqueConstraint(fields=["payer", "idempotency_key"], name="checkout_payment_idempotency_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="checkout_payment_amount_positive"),
        ]


class Payment(BuyerPayment):
    """One attempt to pay one order. Only the provider's signed callback moves it to succeeded (for a part of a
    checkout payment: the callback of the checkout payment)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments", verbose_name=_("order"))
    checkout_payment = models.ForeignKey(
        CheckoutPayment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        verbose_name=_("checkout payment"),
    )

    class Meta(BuyerPayment.Meta):
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["payer", "idempotency_key"], name="payment_idempotency_unique"),
            models.UniqueConstraint(
                fields=["order"], condition=Q(status="succeeded"), name="payment_one_success_per_order"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]


class RefundKind(models.TextChoices):
    FULL = "full", _("Full refund")
    WEIGHT = "weight", _("Weighed lighter than ordered")
    DISPUTE = "dispute", _("Dispute decided for the buyer")
    LINE = "line", _("One line refunded")


class Refund(models.Model):
    """Money returned to the buyer; order.refunded_amount is the sum of these."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("order"))
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    kind = models.CharField(_("kind"), max_length=16, choices=RefundKind.choices)
    freight_amount = models.DecimalField(
        _("of which freight"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("The part of the amount that returns freight (no commission is taken on freight)."),
    )
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    line = models.ForeignKey(
        "OrderLine",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
        verbose_name=_("line"),
        help_text=_("For a refund of one line: the line (refunded once, its share of the coupons deducted)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["order", "created_at", "pk"]
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")]

    def __str__(self):
        return f"{self.order} -{self.amount}"


class CommissionRate(models.Model):
    """The platform commission on completed orders, set by admins; the latest one in effect applies."""

    rate = models.DecimalField(_("rate"), max_digits=5, decimal_places=4, help_text=_("A fraction: 0.0500 is 5 %."))
    effective_from = models.DateTimeField(_("effective from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        constraints = [
            models.CheckConstraint(condition=Q(rate__gte=0) & Q(rate__lt=1), name="commission_rate_fraction")
        ]

    def __str__(self):
        return f"{self.rate * 100:.2f} % from {self.effective_from:%Y-%m-%d}"


class LedgerKind(models.TextChoices):
    SALE = "sale", _("Completed order (less commission)")
    PAYOUT = "payout", _("Payout to the farmer")
    # A withdrawal sets its amount aside at once (hold), so concurrent requests never exceed the balance; the
    # provider's confirmation releases the hold and books the payout; a refusal or a failed payout releases it.
    WITHDRAWAL_HOLD = "withdrawal_hold", _("Withdrawal requested (set aside)")
    WITHDRAWAL_RELEASE = "withdrawal_release", _("Withdrawal hold released")
    # Pre-sales (issue 23): deposits and balances sit here as unearned (not withdrawable) until shipment, when
    # they are released (the shipped order settles as any sale); a forfeited deposit becomes the shop's.
    PRESALE_UNEARNED = "presale_unearned", _("Pre-sale payment (unearned until shipment)")
    PRESALE_FORFEIT = "presale_forfeit", _("Pre-sale deposit forfeited (less commission)")


# Kinds that are not the shop's money yet: left out of the withdrawable balance.
UNEARNED_LEDGER_KINDS = (LedgerKind.PRESALE_UNEARNED,)


class ShopLedgerEntry(models.Model):
    """The shop's statement: sales credit it (net of commission), payouts debit it. Balance = sum of amounts."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.PROTECT, related_name="ledger", verbose_name=_("shop"))
    kind = models.CharField(_("kind"), max_length=24, choices=LedgerKind.choices)
    order = models.OneToOneField(
        Order, null=True, blank=True, on_delete=models.PROTECT, related_name="settlement", verbose_name=_("order")
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, help_text=_("Negative for payouts."))
    commission = models.DecimalField(_("commission"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    commission_rate = models.DecimalField(_("commission rate"), max_digits=5, decimal_places=4, null=True, blank=True)
    # A sale's platform coupon (issue 23): the platform pays the shop what the buyer did not; amount includes it.
    platform_subsidy = models.DecimalField(
        _("paid by the platform's coupon"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    withdrawal = models.ForeignKey(
        "Withdrawal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("withdrawal"),
    )
    presale_order = models.ForeignKey(  # issue 23
        "PreSaleOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("pre-sale order"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["shop", "-created_at", "-pk"]
        verbose_name = _("shop ledger entry")
        verbose_name_plural = _("shop ledger entries")
        indexes = [models.Index(fields=["shop", "-created_at"])]

    def __str__(self):
        return f"{self.shop} {self.kind} {self.amount}"


class OrderCoupon(models.Model):
    """A coupon applied to an order, for how much, and who funds it. A platform coupon spread over the orders of
    one checkout has one row per order (its shares add up to the coupon's discount)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="coupons", verbose_name=_("order"))
    claim = models.ForeignKey(
        "promotions.CouponClaim", on_delete=models.PROTECT, related_name="order_uses", verbose_name=_("coupon")
    )
    funded_by = models.CharField(_("funded by"), max_length=8)
    label = models.CharField(_("coupon"), max_length=120)
    amount = models.DecimalField(_("discount"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("order coupon")
        verbose_name_plural = _("order coupons")
        constraints = [
            models.UniqueConstraint(fields=["order", "claim"], name="order_coupon_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="order_coupon_amount_positive"),
        ]

    def __str__(self):
        return f"{self.order} {self.label} -{self.amount}"


# --- Withdrawals: the farmer asks for the balance to be paid to an account they registered


class PayoutAccountKind(models.TextChoices):
    BANK_CARD = "bank_card", _("Bank card")
    ALIPAY = "alipay", _("Alipay account")


class PayoutAccount(models.Model):
    """Where a farmer's withdrawals are paid. Only what the provider needs to pay is kept (kind, holder's name,
    number, bank); the number is stored encrypted, and pages, the API and the audit log only ever show it masked.
    Removing one keeps the row (withdrawals refer to it) but hides it from new requests."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payout_accounts", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PayoutAccountKind.choices)
    holder_name = models.CharField(_("holder's name"), max_length=50)
    # Encrypted in the table (core/crypto.py, PAYOUT_ACCOUNT_KEY): a dump or a backup does not reveal it.
    number = EncryptedCharField(_("account number"), max_length=255, help_text=_("Card number or Alipay login."))
    bank_name = models.CharField(_("bank"), max_length=50, blank=True)
    removed = models.BooleanField(_("removed"), default=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["owner", "-created_at", "-pk"]
        verbose_name = _("payout account")
        verbose_name_plural = _("payout accounts")

    def __str__(self):
        return f"{self.get_kind_display()} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        """Enough to recognise the account, not to use it: the last 4 digits of a card or a phone, the first letter
        and the domain of an e-mail."""
        number = self.number
        if "@" in number and self.kind == PayoutAccountKind.ALIPAY:
            name, domain = number.split("@", 1)
            return f"{name[:1]}***@{domain}"
        return f"**** {number[-4:]}"


class WithdrawalStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    PROCESSING = "processing", _("Approved, being paid")
    PAID = "paid", pgettext_lazy("withdrawal status", "Paid out")
    REFUSED = "refused", pgettext_lazy("withdrawal status", "Refused")
    FAILED = "failed", pgettext_lazy("withdrawal status", "Payout failed")
    # The provider says it paid, but another amount: the hold stays until an admin settles it with the provider.
    REVIEW = "review", pgettext_lazy("withdrawal status", "Under review")


WITHDRAWAL_TRANSITIONS: dict[str, set[str]] = {
    WithdrawalStatus.REQUESTED: {WithdrawalStatus.PROCESSING, WithdrawalStatus.REFUSED},
    WithdrawalStatus.PROCESSING: {WithdrawalStatus.PAID, WithdrawalStatus.FAILED, WithdrawalStatus.REVIEW},
    WithdrawalStatus.PAID: set(),
    WithdrawalStatus.REFUSED: set(),
    WithdrawalStatus.FAILED: set(),
    WithdrawalStatus.REVIEW: set(),
}


class Withdrawal(ProviderPayment):
    """A farmer's request to be paid part or all of a shop's balance. Requested -> (admin) processing -> paid or
    failed (the provider's signed confirmation decides), or refused with a reason (orders/services/withdrawals.py)."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.PROTECT, related_name="withdrawals", verbose_name=_("shop"))
    account = models.ForeignKey(
        PayoutAccount, on_delete=models.PROTECT, related_name="withdrawals", verbose_name=_("paid to")
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=WithdrawalStatus.choices,
        default=WithdrawalStatus.REQUESTED,
        db_index=True,
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=255, blank=True)
    # Set when an admin approves: until then no provider is involved.
    provider = models.CharField(_("provider"), max_length=32, blank=True)
    reference = models.CharField(_("provider reference"), max_length=64, unique=True, null=True, blank=True)
    # When the provider took the payout request (after the approval was committed): null on a processing
    # withdrawal means not sent yet, and withdrawal_payouts_resume sends it, under the same reference.
    payout_sent_at = models.DateTimeField(_("payout sent at"), null=True, blank=True)
    # A confirmation that says paid, for another amount (status review): what the provider reported and why it
    # waits for an admin; confirmed_at is when it arrived.
    reported_amount = models.DecimalField(
        _("amount the provider reported"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    review_reason = models.CharField(_("reason for review"), max_length=255, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="withdrawal_amount_positive")]

    def __str__(self):
        return f"{self.shop_id} {self.amount} {self.status}"


# --- Assisted purchases: the station buys for a villager


class AssistedStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ORDERED = "ordered", _("Ordered")
    ARRIVED = "arrived", _("Arrived at the station")
    COLLECTED = "collected", _("Collected")
    CANCELLED = "cancelled", pgettext_lazy("assisted purchase status", "Cancelled")


ASSISTED_TRANSITIONS: dict[str, set[str]] = {
    AssistedStatus.REQUESTED: {AssistedStatus.ORDERED, AssistedStatus.CANCELLED},
    AssistedStatus.ORDERED: {AssistedStatus.ARRIVED, AssistedStatus.CANCELLED},
    AssistedStatus.ARRIVED: {AssistedStatus.COLLECTED},
    AssistedStatus.COLLECTED: set(),
    AssistedStatus.CANCELLED: set(),
}


class AssistedPurchase(models.Model):
    """A villager's purchase made by the station operator: a Taocun product or an outside item."""

    station = models.ForeignKey(
        "villages.ServiceStation",
        on_delete=models.PROTECT,
        related_name="assisted_purchases",
        verbose_name=_("station"),
    )
    villager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assisted_purchases",
        verbose_name=_("villager"),
    )
    product = models.ForeignKey(
        "shops.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assisted_purchases",
        verbose_name=_("Taocun product"),
    )
    # The option of the Taocun product (issue 18): its price is the one charged, its name is in the description.
    variant = models.ForeignKey(
        "shops.ProductVariant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assisted_purchases",
        verbose_name=_("option"),
    )
    description = models.CharField(_("item"), max_length=200)
    link = models.URLField(_("link"), max_length=500, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3, default=Decimal("1"))
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=2)
    deposit = models.DecimalField(_("deposit paid"), max_digits=14, decimal_places=2, default=Decimal("0.00"))
    status = models.CharField(
        _("status"), max_length=16, choices=AssistedStatus.choices, default=AssistedStatus.REQUESTED, db_index=True
    )
    pickup_code = models.CharField(_("pickup code"), max_length=6, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("recorded by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    ordered_at = models.DateTimeField(_("ordered at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    collected_at = models.DateTimeField(_("collected at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("assisted purchase")
        verbose_name_plural = _("assisted purchases")
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="assisted_price_positive"),
            models.CheckConstraint(condition=Q(deposit__gte=0), name="assisted_deposit_not_negative"),
            models.CheckConstraint(condition=Q(deposit__lte=models.F("price")), name="assisted_deposit_within_price"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="assisted_quantity_positive"),
        ]
        indexes = [models.Index(fields=["station", "status"])]

    def __str__(self):
        return f"{self.description} for {self.villager}"

    @property
    def balance_due(self) -> Decimal:
        return self.price - self.deposit


# --- Shop activity for the certification's active-shop rule (issue 26), kept by database triggers


class ActivityRule(models.Model):
    """An active-shop rule whose per-shop and per-village figures the database keeps up to date.

    A rule is the part of the certification policy that decides which shops count as active from their
    rollups: the look-back months and the orders needed per month open. Certification adds a rule when a
    policy needs one; PostgreSQL triggers (migration 0006) then keep ShopActivity and VillageActiveShops for
    every rule in the same transaction as each write to the shop rollups. `built_upto_village` is the resume
    cursor of the chunked backfill of a new rule; the rule is ready (its figures complete) once `ready`.
    """

    lookback_months = models.PositiveSmallIntegerField(_("look-back months"))
    min_orders_per_month = models.PositiveSmallIntegerField(_("orders per month on average"))
    built_upto_village = models.BigIntegerField(_("backfilled up to village"), default=0)
    ready = models.BooleanField(_("ready"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("active-shop rule")
        verbose_name_plural = _("active-shop rules")
        constraints = [
            models.UniqueConstraint(fields=["lookback_months", "min_orders_per_month"], name="activity_rule_unique"),
            models.CheckConstraint(condition=Q(lookback_months__gte=1), name="activity_rule_lookback_positive"),
            # With 0 orders needed a shop without any rollup is active: no row can carry it (computed directly).
            models.CheckConstraint(condition=Q(min_orders_per_month__gte=1), name="activity_rule_orders_positive"),
        ]

    def __str__(self):
        return f"{self.lookback_months} months, {self.min_orders_per_month} orders a month"


class ShopActivity(models.Model):
    """Per rule, shop and month M: the shop's orders over the rule's look-back months ending with M.

    `active`: the shop is open, was open in at least one of those months, and has the orders the rule needs
    for the months it was open (pro rata). Set by the database (a BEFORE trigger); the "open at least N days
    before the cut-off" part depends on the cut-off's day and is applied when reading (see `opened_on`).
    Rows exist only for months within the look-back of a month with orders (no orders: never active).
    """

    rule = models.ForeignKey(ActivityRule, on_delete=models.CASCADE, related_name="+", db_index=False)
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="+", db_index=False)
    village = models.ForeignKey("villages.Village", on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField(_("month"))
    orders = models.IntegerField(_("orders over the look-back"), default=0)
    shop_open = models.BooleanField(default=False)
    opened_on = models.DateField()
    active = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("shop activity")
        verbose_name_plural = _("shop activity")
        constraints = [models.UniqueConstraint(fields=["rule", "shop", "month"], name="shop_activity_unique")]
        indexes = [
            # The active shops of a range of villages in a month, with their opening day (the days-open part).
            models.Index(
                fields=["rule", "month", "village", "opened_on"],
                condition=Q(active=True),
                name="shop_activity_active",
            ),
            models.Index(fields=["shop"], name="shop_activity_shop"),
        ]

    def __str__(self):
        return f"shop {self.shop_id} {self.month:%Y-%m}: {self.orders} orders"


class VillageActiveShops(models.Model):
    """Per rule, village and month M: how many of its shops are active for the look-back ending with M.

    The sum of ShopActivity.active, kept by statement-level triggers in the same transaction as the shop rows,
    so an assessment reads one row per village.
    """

    rule = models.ForeignKey(ActivityRule, on_delete=models.CASCADE, related_name="+", db_index=False)
    village = models.ForeignKey("villages.Village", on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField(_("month"))
    active_shops = models.IntegerField(_("active shops"), default=0)

    class Meta:
        verbose_name = _("active shops of a village")
        verbose_name_plural = _("active shops of villages")
        constraints = [models.UniqueConstraint(fields=["rule", "month", "village"], name="village_active_shops_unique")]

    def __str__(self):
        return f"village {self.village_id} {self.month:%Y-%m}: {self.active_shops} active shops"


# --- Pre-sale orders (issue 23): their own module, re-exported here so Django and callers find them.
# --- Group buys (issue 23): the member model lives in its own module; imported here for Django's registry.
from orders.group_buy_models import GroupBuyMember  # noqa: E402,F401
from orders.presale_models import (  # noqa: E402, F401
    PRESALE_HOLDING,
    PRESALE_ORDER_TRANSITIONS,
    PreSaleOrder,
    PreSaleOrderStatus,
    PreSalePayment,
    PreSalePaymentKind,
    PreSaleRefund,
)
