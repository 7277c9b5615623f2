"""Write use cases of the promotion offers (pre-sales here; the buyer's side is in orders.services.presales)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import NotFound, NotPermitted, ValidationFailed
from core.money import money_parse
from promotions.models import PreSale
from shops.models import ProductVariant
from shops.selectors import shop_can_manage
from shops.services import _decimal, unit_price_check

BALANCE_DAYS_MAX = 30
QUANTITY_PLACES = Decimal("0.001")


def _date(value, *, field: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationFailed(fields={field: [_("Enter a date such as 2026-09-15.")]}) from None


@transaction.atomic
def presale_open(
    *,
    actor,
    variant_id: int,
    quantity_offered,
    deposit_per_unit,
    final_price_per_unit,
    harvest_from,
    harvest_to,
    ship_by,
    terms: str,
    balance_days: int = 7,
) -> PreSale:
    """A farmer (or their station, or an admin) offers the coming harvest of one product option. Every field is
    checked and the errors are reported together; nothing is written unless all pass."""
    variant = ProductVariant.objects.select_related("product__shop").filter(pk=variant_id).first()
    if variant is None:
        raise NotFound(_("No such product option."))
    product = variant.product
    if not shop_can_manage(user=actor, shop=product.shop):
        raise NotPermitted(_("Only the shop's owner, its village's station operator or an admin may do this."))
    errors: dict[str, list[str]] = {}
    values: dict = {}
    for field, raw in (("deposit_per_unit", deposit_per_unit), ("final_price_per_unit", final_price_per_unit)):
        try:
            values[field] = money_parse(raw, field=field)
        except ValidationFailed as error:
            errors.update(error.fields or {})
    try:
        quantity = _decimal(quantity_offered, field="quantity_offered")
        if quantity <= 0 or quantity != quantity.quantize(QUANTITY_PLACES):
            errors["quantity_offered"] = [_("Enter more than 0, with at most three decimals.")]
        elif quantity % variant.order_step != 0:
            errors["quantity_offered"] = [_("Offer a multiple of the option's order step.")]
        values["quantity_offered"] = quantity
    except ValidationFailed as error:
        errors.update(error.fields or {})
    for field, raw in (("harvest_from", harvest_from), ("harvest_to", harvest_to), ("ship_by", ship_by)):
        try:
            values[field] = _date(raw, field=field)
        except ValidationFailed as error:
            errors.update(error.fields or {})
    try:
        days = int(balance_days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= BALANCE_DAYS_MAX:
        errors["balance_days"] = [_("Between 1 and %(max)s days.") % {"max": BALANCE_DAYS_MAX}]
    terms = (terms or "").strip()
    if len(terms) < 10:
        errors["terms"] = [_("Say what happens to the deposit if the balance is not paid (at least 10 characters).")]
    deposit, price = values.get("deposit_per_unit"), values.get("final_price_per_unit")
    if deposit is not None and price is not None and deposit > price:
        errors["deposit_per_unit"] = [_("The deposit cannot be more than the final price.")]
    if price is not None and "final_price_per_unit" not in errors:
        try:
            unit_price_check(unit=product.unit, price=price, field="final_price_per_unit")
        except ValidationFailed as error:
            errors.update(error.fields or {})
    start, end, ship = values.get("harvest_from"), values.get("harvest_to"), values.get("ship_by")
    today = timezone.localdate()
    if start and start < today:
        errors["harvest_from"] = [_("The harvest cannot start in the past.")]
    if start and end and end < start:
        errors["harvest_to"] = [_("The harvest window ends after it starts.")]
    if end and ship and ship < end:
        errors["ship_by"] = [_("The last shipping date is on or after the end of the harvest.")]
    if errors:
        raise ValidationFailed(_("The pre-sale could not be opened."), fields=errors)
    transaction.on_commit(presale_marks_changed)
    return PreSale.objects.create(
        product=product,
        variant=variant,
        balance_days=days,
        terms=terms[:4000],
        created_by=actor,
        **values,
    )


def presale_marks_changed() -> None:
    """The catalogue's pre-sale marks are cached (a minute, and in its drawn pages): drop them when a pre-sale
    opens or closes."""
    from django.core.cache import cache

    from promotions.templatetags.presale_tags import OPEN_PRODUCTS_KEY
    from shops import catalogue_cache

    cache.delete(OPEN_PRODUCTS_KEY)
    catalogue_cache.changed()  # the catalogue's drawn pages carry the marks
