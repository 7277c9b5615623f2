"""A member of a group buy (issue 23): one order per member, at the group price. Imported by orders.models.

Kept apart from orders/models.py so that the variants, coupons and pre-sale work can edit that file alongside.
Whether a member still holds a place is read from its order (orders/services/group_buys.py): paid, or waiting
for payment within ORDERS_UNPAID_TIMEOUT_MINUTES; a cancelled or refunded order holds none."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class GroupBuyMember(models.Model):
    group = models.ForeignKey(
        "promotions.GroupBuy", on_delete=models.PROTECT, related_name="members", verbose_name=_("group buy")
    )
    order = models.OneToOneField(
        "orders.Order", on_delete=models.PROTECT, related_name="group_buy_member", verbose_name=_("order")
    )
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # False once the member's unpaid place was released (their order cancelled): they may join again.
    active = models.BooleanField(_("holds a place"), default=True)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        ordering = ["group", "joined_at", "pk"]
        verbose_name = _("group-buy member")
        verbose_name_plural = _("group-buy members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "buyer"], condition=Q(active=True), name="groupbuy_member_once_per_group"
            )
        ]

    def __str__(self):
        return f"{self.group_id} · {self.buyer_id}"
