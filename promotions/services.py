"""Writing promotion offers: a farmer (or the village's station operator) opens and ends a group-buy offer."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotFound, NotPermitted, ValidationFailed
from core.money import money_bound_check, quantize_yuan
from promotions.models import GroupBuyOffer
from shops import catalogue_cache
from shops.models import ProductVariant
from shops.selectors import shop_can_manage

GROUP_SIZE_MAX = 50
FILL_HOURS_MAX = 24 * 7


def _require_manage(actor, shop) -> None:
    if not shop_can_manage(user=actor, shop=shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))


def _number(value, *, field: str, places: str = "0.001") -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationFailed(_("Enter a number."), fields={field: [_("Enter a number.")]}) from None
    if not number.is_finite():
        raise ValidationFailed(_("Enter a number."), fields={field: [_("Enter a number.")]})
    return number


def _whole(value, *, field: str, low: int, high: int, errors: dict) -> int:
    """A whole number within bounds, or an error for the field (collected with the others)."""
    try:
        number = int(str(value).strip())
    except (ValueError, TypeError):
        number = None
    if number is None or not low <= number <= high:
        errors[field] = [_("A whole number from %(low)s to %(high)s.") % {"low": low, "high": high}]
        return low
    return number


@transaction.atomic
def group_buy_offer_create(
    *,
    actor,
    variant_id: int,
    group_price,
    group_size,
    fill_hours=24,
    quantity=Decimal("1"),
    max_groups=None,
    max_quantity=None,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
) -> GroupBuyOffer:
    """Offer a group price on one of the shop's options: below the option's price, for groups of 2 to 50 buyers,
    filled within 1 hour to 7 days; optionally at most so many groups or so much stock in all."""
    variant = ProductVariant.objects.select_related("product__shop").filter(pk=variant_id).first()
    if variant is None:
        raise ValidationFailed(_("Unknown option."), fields={"variant": [_("Unknown option.")]})
    shop = variant.product.shop
    _require_manage(actor, shop)
    errors: dict[str, list[str]] = {}
    price = quantize_yuan(_number(group_price, field="group_price"))
    money_bound_check(price, field="group_price")
    if price <= 0:
        errors["group_price"] = [_("More than zero.")]
    elif price >= variant.unit_price:
        errors["group_price"] = [
            _("Below the option's price (¥%(price)s): otherwise nobody gains by forming a group.")
            % {"price": variant.unit_price}
        ]
    size = _whole(group_size, field="group_size", low=2, high=GROUP_SIZE_MAX, errors=errors)
    hours = _whole(fill_hours, field="fill_hours", low=1, high=FILL_HOURS_MAX, errors=errors)
    amount = _number(quantity, field="quantity")
    if amount <= 0 or amount != amount.quantize(Decimal("0.001")):
        errors["quantity"] = [_("More than zero, at most three decimals.")]
    groups = (
        None if max_groups in (None, "") else _whole(max_groups, field="max_groups", low=1, high=10**6, errors=errors)
    )
    stock = None
    if max_quantity not in (None, ""):
        stock = _number(max_quantity, field="max_quantity")
        if stock <= 0 or stock != stock.quantize(Decimal("0.001")) or stock > Decimal("999999999"):
            errors["max_quantity"] = [_("More than zero, at most three decimals.")]
    starts_at = starts_at or timezone.now()
    if ends_at is not None and ends_at <= starts_at:
        errors["ends_at"] = [_("After the start.")]
    if errors:
        raise ValidationFailed(_("Check the offer."), fields=errors)
    catalogue_cache.changed_after_commit()  # the catalogue's cards mark products with a group buy
    return GroupBuyOffer.objects.create(
        shop=shop,
        variant=variant,
        group_price=price,
        group_size=size,
        fill_hours=hours,
        quantity=amount,
        max_groups=groups,
        max_quantity=stock,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=actor,
    )


@transaction.atomic
def group_buy_offer_end(*, actor, offer_id: int) -> GroupBuyOffer:
    """Stop opening new groups on this offer; groups already open run to their deadline."""
    offer = GroupBuyOffer.objects.select_for_update(of=("self",)).select_related("shop").filter(pk=offer_id).first()
    if offer is None:
        raise NotFound(_("No such offer."))
    _require_manage(actor, offer.shop)
    if offer.is_active:
        offer.is_active = False
        offer.save(update_fields=["is_active"])
        catalogue_cache.changed_after_commit()
    return offer
