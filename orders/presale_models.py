"""Pre-sale orders (预售, issue 23): a buyer's reservation on a promotions.PreSale, its deposit and balance
payments and its refunds. Kept apart from models.py (re-exported there) so the variant, coupon and group-buy
work on Order does not collide with it. The offer lives in promotions; the money side of a pre-sale lives here.

Life of a pre-sale order:
  awaiting_deposit -> deposit_paid -> balance_due -> paid_in_full -> shipped (an Order takes over)
  awaiting_deposit -> cancelled (not paid in time; the quantity returns to the pre-sale)
  balance_due -> forfeited (balance not paid in the window: the shop keeps the deposit, as the terms said)
  deposit_paid | balance_due | paid_in_full -> refunded (not shipped by the last shipping date: in full)
A full-price-up-front pre-sale goes from awaiting_deposit straight to paid_in_full.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orders.models import Order, PaymentStatus


class PreSaleOrderStatus(models.TextChoices):
    AWAITING_DEPOSIT = "awaiting_deposit", _("Waiting for the deposit")
    DEPOSIT_PAID = "deposit_paid", _("Deposit paid")
    BALANCE_DUE = "balance_due", _("Balance due")
    PAID_IN_FULL = "paid_in_full", _("Paid in full")
    SHIPPED = "shipped", pgettext_lazy("pre-sale order status", "Shipped")
    CANCELLED = "cancelled", pgettext_lazy("pre-sale order status", "Cancelled")
    FORFEITED = "forfeited", _("Deposit forfeited")
    REFUNDED = "refunded", pgettext_lazy("pre-sale order status", "Refunded")


S = PreSaleOrderStatus
PRESALE_ORDER_TRANSITIONS = {
    S.AWAITING_DEPOSIT: {S.DEPOSIT_PAID, S.PAID_IN_FULL, S.CANCELLED},
    S.DEPOSIT_PAID: {S.BALANCE_DUE, S.PAID_IN_FULL, S.REFUNDED},
    S.BALANCE_DUE: {S.PAID_IN_FULL, S.FORFEITED, S.REFUNDED},
    S.PAID_IN_FULL: {S.SHIPPED, S.REFUNDED},
    S.SHIPPED: set(),
    S.CANCELLED: set(),
    S.FORFEITED: set(),
    S.REFUNDED: set(),
}
# The quantity these hold stays reserved on the pre-sale; the others gave it back.
PRESALE_HOLDING = (S.AWAITING_DEPOSIT, S.DEPOSIT_PAID, S.BALANCE_DUE, S.PAID_IN_FULL, S.SHIPPED)


class PreSaleOrder(models.Model):
    """One buyer's reservation on a pre-sale: the prices are copied from the offer when reserving."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    presale = models.ForeignKey(
        "promotions.PreSale", on_delete=models.PROTECT, related_name="orders", verbose_name=_("pre-sale")
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="presale_orders", verbose_name=_("buyer")
    )
    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.PROTECT, related_name="presale_orders", verbose_name=_("shop")
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=3)
    deposit_amount = models.DecimalField(_("deposit"), max_digits=14, decimal_places=2)
    balance_amount = models.DecimalField(_("balance"), max_digits=14, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=14, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=20, choices=PreSaleOrderStatus.choices, default=S.AWAITING_DEPOSIT, db_index=True
    )
    recipient_name = models.CharField(_("recipient"), max_length=100)
    recipient_phone = models.CharField(_("phone"), max_length=32)
    ship_province = models.ForeignKey(
        "villages.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    ship_city = models.CharField(_("city"), max_length=64)
    ship_county = models.CharField(_("county or district"), max_length=64)
    ship_address = models.CharField(_("street address"), max_length=255)
    terms_accepted = models.TextField(_("terms accepted"), help_text=_("The terms as the buyer saw them."))
    order = models.OneToOneField(
        Order,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="presale_order",
        verbose_name=_("order"),
        help_text=_("The order created at shipment: from there it follows the ordinary lifecycle."),
    )
    refunded_late = models.BooleanField(
        _("refunded because not shipped in time"), default=False, help_text=_("Counts as a late shipment.")
    )
    reserved_at = models.DateTimeField(_("reserved at"), auto_now_add=True, db_index=True)
    deposit_paid_at = models.DateTimeField(_("deposit paid at"), null=True, blank=True)
    balance_due_at = models.DateTimeField(_("balance due by"), null=True, blank=True)
    paid_in_full_at = models.DateTimeField(_("paid in full at"), null=True, blank=True)
    shipped_at = models.DateTimeField(_("shipped at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    forfeited_at = models.DateTimeField(_("forfeited at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)

    class Meta:
        ordering = ["-reserved_at", "-pk"]
        verbose_name = _("pre-sale order")
        verbose_name_plural = _("pre-sale orders")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="presale_order_quantity_positive"),
            models.CheckConstraint(
                condition=models.Q(total=models.F("deposit_amount") + models.F("balance_amount")),
                name="presale_order_total_is_deposit_plus_balance",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def balance_payable(self) -> bool:
        return self.status == S.BALANCE_DUE


class PreSalePaymentKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    BALANCE = "balance", pgettext_lazy("pre-sale", "Balance")


class PreSalePayment(models.Model):
    """The deposit or the balance of a pre-sale order, through the payment provider: only its signed confirmation
    moves the order on (the same callback endpoint as every payment)."""

    presale_order = models.ForeignKey(
        PreSaleOrder, on_delete=models.PROTECT, related_name="payments", verbose_name=_("pre-sale order")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PreSalePaymentKind.choices)
    payer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(_("idempotency key"), max_length=100)
    provider = models.CharField(_("provider"), max_length=32)
    reference = models.CharField(_("provider reference"), max_length=64, unique=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.PENDING, db_index=True
    )
    failure_reason = models.CharField(_("failure reason"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        ordering = ["presale_order", "created_at", "pk"]
        verbose_name = _("pre-sale payment")
        verbose_name_plural = _("pre-sale payments")
        constraints = [
            models.UniqueConstraint(fields=["payer", "idempotency_key"], name="presale_payment_idempotency_key"),
            # One successful payment of each kind per order, whatever the provider replays.
            models.UniqueConstraint(
                fields=["presale_order", "kind"],
                condition=models.Q(status="succeeded"),
                name="presale_payment_once_per_kind",
            ),
        ]

    def __str__(self):
        return self.reference


class PreSaleRefund(models.Model):
    """Money returned to the buyer of a pre-sale order through the provider (its payout interface)."""

    presale_order = models.ForeignKey(
        PreSaleOrder, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("pre-sale order")
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    provider = models.CharField(_("provider"), max_length=32)
    reference = models.CharField(_("provider reference"), max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed by the provider at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["presale_order", "created_at", "pk"]
        verbose_name = _("pre-sale refund")
        verbose_name_plural = _("pre-sale refunds")
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="presale_refund_positive")]

    def __str__(self):
        return f"{self.presale_order} {self.amount}"
