"""Promotion offers (issue 23). Orders reference them; this app never imports orders.

Group buying (拼团): a GroupBuyOffer prices a product variant for groups of N; each GroupBuy is one group opened
by a buyer and shared by a link (its `code`). Who holds a place and who paid is the orders app's business
(orders.GroupBuyMember, one per member's order); the group row here is what every join locks."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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
