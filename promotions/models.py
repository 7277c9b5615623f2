"""Promotion offers (issue 23). Orders reference them; this app never imports orders."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PreSaleStatus(models.TextChoices):
    OPEN = "open", _("Taking reservations")
    CALLED = "called", _("Balance called")
    ENDED = "ended", _("Ended")


PRESALE_TRANSITIONS = {
    PreSaleStatus.OPEN: {PreSaleStatus.CALLED, PreSaleStatus.ENDED},
    PreSaleStatus.CALLED: {PreSaleStatus.ENDED},
    PreSaleStatus.ENDED: set(),
}


class PreSale(models.Model):
    """A farmer sells a coming harvest (预售) of one product option: buyers reserve a quantity and pay a deposit
    per unit (or the full price up front); at harvest the farmer calls for the balance, due within
    `balance_days`; the farmer ships by `ship_by` or every buyer is refunded. Its quantity is its own (the coming
    harvest), independent of the option's current stock; `quantity_reserved` only moves by a conditional update
    that never passes `quantity_offered`."""

    product = models.ForeignKey(
        "shops.Product", on_delete=models.PROTECT, related_name="presales", verbose_name=_("product")
    )
    variant = models.ForeignKey(
        "shops.ProductVariant", on_delete=models.PROTECT, related_name="presales", verbose_name=_("product option")
    )
    quantity_offered = models.DecimalField(_("quantity offered"), max_digits=12, decimal_places=3)
    quantity_reserved = models.DecimalField(
        _("quantity reserved"), max_digits=12, decimal_places=3, default=Decimal("0")
    )
    deposit_per_unit = models.DecimalField(_("deposit per unit (yuan)"), max_digits=14, decimal_places=2)
    final_price_per_unit = models.DecimalField(_("final price per unit (yuan)"), max_digits=14, decimal_places=2)
    harvest_from = models.DateField(_("harvest expected from"))
    harvest_to = models.DateField(_("harvest expected until"))
    balance_days = models.PositiveSmallIntegerField(
        _("days to pay the balance"), default=7, help_text=_("Counted from the farmer's call for the balance.")
    )
    ship_by = models.DateField(_("last shipping date"))
    terms = models.TextField(
        _("terms"),
        help_text=_("Shown to the buyer before paying the deposit, e.g. that it is kept if the balance is not paid."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PreSaleStatus.choices, default=PreSaleStatus.OPEN, db_index=True
    )
    called_at = models.DateTimeField(_("balance called at"), null=True, blank=True)
    balance_due_at = models.DateTimeField(_("balance due by"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pre-sale")
        verbose_name_plural = _("pre-sales")
        constraints = [
            models.CheckConstraint(condition=Q(quantity_offered__gt=0), name="presale_quantity_positive"),
            models.CheckConstraint(
                condition=Q(quantity_reserved__gte=0) & Q(quantity_reserved__lte=F("quantity_offered")),
                name="presale_never_oversold",
            ),
            models.CheckConstraint(
                condition=Q(deposit_per_unit__gt=0) & Q(deposit_per_unit__lte=F("final_price_per_unit")),
                name="presale_deposit_within_price",
            ),
            models.CheckConstraint(condition=Q(harvest_to__gte=F("harvest_from")), name="presale_harvest_window"),
            models.CheckConstraint(condition=Q(ship_by__gte=F("harvest_from")), name="presale_ship_after_harvest"),
        ]

    def __str__(self):
        return f"{self.variant} · {self.quantity_offered}"

    @property
    def quantity_left(self) -> Decimal:
        return self.quantity_offered - self.quantity_reserved

    @property
    def full_price_up_front(self) -> bool:
        return self.deposit_per_unit == self.final_price_per_unit

    @property
    def balance_per_unit(self) -> Decimal:
        return self.final_price_per_unit - self.deposit_per_unit

    def ship_deadline(self) -> datetime.datetime:
        """The end of the last shipping day, in the platform's time zone (Asia/Shanghai)."""
        day_after = datetime.datetime.combine(self.ship_by + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(day_after, timezone.get_default_timezone())
