"""Settlement: the shop's credit at completion, commission rates, payouts, the balance."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from core.money import format_yuan, money_parse, quantize_yuan
from orders.models import (
    UNEARNED_LEDGER_KINDS,
    CommissionRate,
    LedgerKind,
    Order,
    ShopLedgerEntry,
)
from orders.services.coupons import platform_subsidy_due
from shops.models import Shop


def _settle(order: Order, *, actor) -> ShopLedgerEntry:
    """Credit the shop with what the buyer paid less refunds and the platform commission (rounded once). The
    commission is taken on the goods only: the freight the shop kept pays the courier. A platform coupon is paid
    by the platform: the shop receives the goods before that discount (less commission on them), and the
    platform's cost is the entry's `platform_subsidy`."""
    net = order.total - order.refunded_amount
    freight_back = order.refunds.aggregate(total=Sum("freight_amount"))["total"] or Decimal("0.00")
    freight_kept = max(Decimal("0.00"), min(net, order.shipping_fee - freight_back))
    subsidy = platform_subsidy_due(order)
    rate = commission_rate_current()
    commission = quantize_yuan((net - freight_kept + subsidy) * rate)
    return ShopLedgerEntry.objects.create(
        shop_id=order.shop_id,
        kind=LedgerKind.SALE,
        order=order,
        amount=net + subsidy - commission,
        commission=commission,
        platform_subsidy=subsidy,
        commission_rate=rate,
        note=order.number,
        created_by=actor or None,
    )


def commission_rate_current(*, at: datetime.datetime | None = None) -> Decimal:
    rate = (
        CommissionRate.objects.filter(effective_from__lte=at or timezone.now())
        .order_by("-effective_from", "-pk")
        .values_list("rate", flat=True)
        .first()
    )
    return rate if rate is not None else Decimal("0")


@transaction.atomic
def commission_rate_set(*, admin, rate: Decimal, effective_from: datetime.datetime | None = None) -> CommissionRate:
    """An admin sets the platform commission (a fraction, 0 <= rate < 1) from a moment on."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins set the commission."))
    rate = Decimal(rate)
    if not (Decimal("0") <= rate < Decimal("1")):
        raise ValidationFailed(_("A rate is a fraction between 0 and 1."), fields={"rate": [_("0 <= rate < 1.")]})
    return CommissionRate.objects.create(rate=rate, effective_from=effective_from or timezone.now(), created_by=admin)


@transaction.atomic
def payout_record(*, admin, shop_id: int, amount: Decimal, note: str = "") -> ShopLedgerEntry:
    """An admin records a payout to the farmer; never more than the balance (the shop row is locked)."""
    if not admin.is_admin:
        raise NotPermitted(_("Only admins record payouts."))
    amount = money_parse(amount, field="amount")
    if not Shop.objects.select_for_update().filter(pk=shop_id).exists():
        raise NotFound(_("No such shop."))
    balance = shop_balance(shop_id=shop_id)
    if amount > balance:
        message = _("The payout exceeds the balance of %(balance)s.") % {"balance": format_yuan(balance)}
        raise Conflict(message, code="over_balance")
    entry = ShopLedgerEntry.objects.create(
        shop_id=shop_id, kind=LedgerKind.PAYOUT, amount=-amount, note=note.strip()[:255], created_by=admin
    )
    audit_record(
        actor=admin,
        action="payout",
        target=entry,
        summary=f"shop {shop_id}: payout of {amount}",
        details={"shop_id": shop_id, "amount": str(amount), "note": entry.note},
    )
    return entry


def shop_balance(*, shop_id: int) -> Decimal:
    """What the shop may withdraw: every entry but money not earned yet (pre-sale payments before shipment)."""
    entries = ShopLedgerEntry.objects.filter(shop_id=shop_id).exclude(kind__in=UNEARNED_LEDGER_KINDS)
    total = entries.aggregate(total=Sum("amount"))["total"]
    return total if total is not None else Decimal("0.00")
