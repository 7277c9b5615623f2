"""Promotion offers (issue 23). Orders reference them; this app never imports orders.

Coupons (满减): a shop coupon is funded by its shop, a platform coupon by the platform. A buyer holds a coupon
as a `CouponClaim` (claimed from a shop or product page, or granted by an admin); a claim is used at most once,
by one checkout, and given back if every order it went to is cancelled unpaid.

Group buying (拼团): a GroupBuyOffer prices a product variant for groups of N; each GroupBuy is one group opened
by a buyer and shared by a link (its `code`). Who holds a place and who paid is the orders app's business
(orders.GroupBuyMember, one per member's order); the group row here is what every join locks.
"""

from __future__ import annotations

import datetime
import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import quantize_yuan

CENT = Decimal("0.01")


class CouponScope(models.TextChoices):
    SHOP = "shop", pgettext_lazy("coupon scope", "Shop")
    PLATFORM = "platform", pgettext_lazy("coupon scope", "Platform")


class CouponKind(models.TextChoices):
    AMOUNT = "amount", _("Amount off above a threshold")
    PERCENT = "percent", _("Percentage off, with a cap")


class Coupon(models.Model):
    """What a coupon gives and to whom: validity window, total quantity, how many one person may hold."""

    scope = models.CharField(_("funded by"), max_length=8, choices=CouponScope.choices, db_index=True)
    shop = models.ForeignKey(
        "shops.Shop",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coupons",
        verbose_name=_("shop"),
        help_text=_("A shop coupon applies to this shop's goods only; a platform coupon has none."),
    )
    name = models.CharField(_("name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=8, choices=CouponKind.choices, default=CouponKind.AMOUNT)
    threshold = models.DecimalField(
        _("minimum spend"), max_digits=14, decimal_places=2, default=Decimal("0.00"), help_text=_("On the goods.")
    )
    amount_off = models.DecimalField(_("amount off"), max_digits=14, decimal_places=2, null=True, blank=True)
    percent_off = models.DecimalField(
        _("percent off"), max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("10 is 10 % off.")
    )
    cap = models.DecimalField(_("at most"), max_digits=14, decimal_places=2, null=True, blank=True)
    valid_from = models.DateTimeField(_("valid from"))
    valid_until = models.DateTimeField(_("valid until"))
    total_quantity = models.PositiveIntegerField(_("quantity"))
    claimed_count = models.PositiveIntegerField(_("claimed"), default=0)
    per_user_limit = models.PositiveSmallIntegerField(
        _("per person"), default=1, help_text=_("Per account, and per phone number or device shared by accounts.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("coupon")
        verbose_name_plural = _("coupons")
        constraints = [
            models.CheckConstraint(
                condition=(Q(scope="shop") & Q(shop__isnull=False)) | (Q(scope="platform") & Q(shop__isnull=True)),
                name="coupon_scope_shop",
            ),
            models.CheckConstraint(
                condition=(Q(kind="amount") & Q(amount_off__gt=0))
                | (Q(kind="percent") & Q(percent_off__gt=0) & Q(percent_off__lt=100) & Q(cap__gt=0)),
                name="coupon_kind_values",
            ),
            models.CheckConstraint(condition=Q(threshold__gte=0), name="coupon_threshold_positive"),
            models.CheckConstraint(condition=Q(valid_until__gt=models.F("valid_from")), name="coupon_window"),
            models.CheckConstraint(
                condition=Q(claimed_count__lte=models.F("total_quantity")), name="coupon_not_over_claimed"
            ),
            models.CheckConstraint(condition=Q(per_user_limit__gte=1), name="coupon_per_user_positive"),
        ]

    def __str__(self):
        return self.name or str(self.label)

    @property
    def label(self) -> str:
        """How buyers read it: "满 99 减 10", "满 50 打 9 折，最多减 20" (in their language)."""
        from django.utils.translation import gettext

        if self.kind == CouponKind.AMOUNT:
            if self.threshold > 0:
                return gettext("¥%(off)s off orders of ¥%(threshold)s or more") % {
                    "threshold": _yuan(self.threshold),
                    "off": _yuan(self.amount_off),
                }
            return gettext("¥%(off)s off") % {"off": _yuan(self.amount_off)}
        values = {"percent": _yuan(self.percent_off), "cap": _yuan(self.cap), "threshold": _yuan(self.threshold)}
        if self.threshold > 0:
            return gettext("%(percent)s %% off orders of ¥%(threshold)s or more (at most ¥%(cap)s off)") % values
        return gettext("%(percent)s %% off (at most ¥%(cap)s off)") % values

    @property
    def remaining(self) -> int:
        return self.total_quantity - self.claimed_count

    def discount_on(self, base: Decimal) -> Decimal:
        """What the coupon takes off `base` (goods), or zero below the threshold. Never more than the base."""
        if base <= 0 or base < self.threshold:
            return Decimal("0.00")
        if self.kind == CouponKind.AMOUNT:
            off = self.amount_off
        else:
            off = min(quantize_yuan(base * self.percent_off / 100), self.cap)
        return min(quantize_yuan(off), base)


def _yuan(value: Decimal) -> str:
    """99.00 -> "99", 9.50 -> "9.5": coupons are read as round numbers."""
    value = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class ClaimStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    USED = "used", _("Used")
    REVOKED = "revoked", _("Withdrawn")


class ClaimSource(models.TextChoices):
    CLAIMED = "claimed", _("Claimed by the buyer")
    GRANTED = "granted", _("Granted")


class CouponClaim(models.Model):
    """A coupon in a buyer's hands; used by at most one checkout (a conditional update takes it)."""

    coupon = models.ForeignKey(Coupon, on_delete=models.PROTECT, related_name="claims", verbose_name=_("coupon"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coupon_claims", verbose_name=_("buyer")
    )
    # The phone the account had when claiming (last 11 digits): several accounts of one phone share the limit.
    phone_key = models.CharField(_("phone"), max_length=11, blank=True, db_index=True)
    source = models.CharField(_("source"), max_length=8, choices=ClaimSource.choices, default=ClaimSource.CLAIMED)
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.AVAILABLE, db_index=True
    )
    checkout_id = models.UUIDField(_("used by checkout"), null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        verbose_name = _("claimed coupon")
        verbose_name_plural = _("claimed coupons")
        indexes = [models.Index(fields=["user", "status"], name="coupon_claim_user_status")]

    def __str__(self):
        return f"{self.coupon} → {self.user_id} ({self.status})"


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


class GroupBuyOffer(models.Model):
    """A group price on one variant, for groups of `group_size` buyers filled within `fill_hours`."""

    shop = models.ForeignKey(
        "shops.Shop", on_delete=models.PROTECT, related_name="group_buy_offers", verbose_name=_("shop")
    )
    variant = models.ForeignKey(
        "shops.ProductVariant", on_delete=models.PROTECT, related_name="group_buy_offers", verbose_name=_("option")
    )
    group_price = models.DecimalField(_("group price (yuan)"), max_digits=14, decimal_places=2)
    group_size = models.PositiveSmallIntegerField(_("group size"), help_text=_("Buyers needed: 2 or more."))
    quantity = models.DecimalField(
        _("quantity per member"),
        max_digits=10,
        decimal_places=3,
        default=Decimal("1"),
        help_text=_("How much of the option each member buys at the group price."),
    )
    fill_hours = models.PositiveSmallIntegerField(
        _("hours to fill a group"), default=24, help_text=_("A group not full by then is refunded.")
    )
    max_groups = models.PositiveIntegerField(_("groups at most"), null=True, blank=True)
    max_quantity = models.DecimalField(
        _("stock for the offer"),
        max_digits=12,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("The most the offer may sell, all groups together (empty: the option's stock)."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, help_text=_("No new group after this."))
    is_active = models.BooleanField(_("on offer"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("group-buy offer")
        verbose_name_plural = _("group-buy offers")
        constraints = [
            models.CheckConstraint(condition=Q(group_price__gt=0), name="groupbuy_price_positive"),
            models.CheckConstraint(condition=Q(group_size__gte=2), name="groupbuy_size_at_least_two"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="groupbuy_quantity_positive"),
            models.CheckConstraint(condition=Q(fill_hours__gte=1), name="groupbuy_fill_hours_positive"),
            models.CheckConstraint(
                condition=Q(max_quantity__isnull=True) | Q(max_quantity__gt=0), name="groupbuy_max_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")), name="groupbuy_ends_after"
            ),
        ]

    def __str__(self):
        return f"{self.variant} · {self.group_size} × ¥{self.group_price}"

    @property
    def label(self) -> str:
        """ "3 人团 ¥25" in the active language."""
        return group_label(self.group_size, self.group_price)


def group_label(size: int, price) -> str:
    """ "3 人团 ¥25.00", "Groupe de 3 · 25,00 ¥": the price written as the reader writes amounts."""
    from django.utils.translation import gettext

    from core.money import format_yuan

    return gettext("%(size)s-buyer group %(price)s") % {"size": size, "price": format_yuan(price)}


class GroupBuyStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("group buy", "Open")
    SUCCEEDED = "succeeded", pgettext_lazy("group buy", "Succeeded")
    FAILED = "failed", pgettext_lazy("group buy", "Not filled")


def group_code() -> str:
    return secrets.token_urlsafe(9)


class GroupBuy(models.Model):
    """One group: opened by a buyer, joined by the share link until `size` members have paid (succeeded) or the
    deadline passes (failed: every paid member is refunded). Price, size and quantity are the offer's at opening."""

    offer = models.ForeignKey(GroupBuyOffer, on_delete=models.PROTECT, related_name="groups", verbose_name=_("offer"))
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    code = models.CharField(_("share code"), max_length=16, unique=True, default=group_code)
    size = models.PositiveSmallIntegerField(_("group size"))
    price = models.DecimalField(_("group price (yuan)"), max_digits=14, decimal_places=2)
    quantity = models.DecimalField(_("quantity per member"), max_digits=10, decimal_places=3)
    status = models.CharField(
        _("status"), max_length=12, choices=GroupBuyStatus.choices, default=GroupBuyStatus.OPEN, db_index=True
    )
    deadline = models.DateTimeField(_("deadline"), db_index=True)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("group buy")
        verbose_name_plural = _("group buys")
        constraints = [models.CheckConstraint(condition=Q(size__gte=2), name="groupbuy_group_size_at_least_two")]

    def __str__(self):
        return f"{self.code} · {self.offer}"

    def get_absolute_url(self):
        return reverse("orders:group_buy", args=[self.code])
