"""Money display for templates: `{% load money %}{{ amount|yuan }}` (see core.money.format_yuan).

- `yuan`: figures read at a glance: "¥12,345.60" (en), "12 345,60 ¥" (fr); in zh-hans "¥9,999.99" below
  1万 and "1000万元", "6570.98万元", "2.5亿元" from 10,000 yuan up.
- `yuan_exact`: amounts to be paid to the fen (order totals, table columns): never in 万.
- None or an empty value shows as "—"; anything that is not a number is shown unchanged.
"""

from decimal import Decimal, InvalidOperation

from django import template

from core.money import format_yuan

register = template.Library()


def yuan_text(amount, language: str | None = None, *, exact: bool = False) -> str:
    """The display text of an amount in yuan for a language (default: the active one)."""
    if amount is None or amount == "":
        return "—"
    if isinstance(amount, float):
        amount = Decimal(str(amount))
    try:
        return format_yuan(amount, language=language, exact=exact)
    except (InvalidOperation, TypeError, ValueError):
        return str(amount)


@register.filter
def yuan(amount) -> str:
    """Template filter: an amount in yuan for the active language, in 万 in Chinese from 10,000 yuan."""
    return yuan_text(amount)


@register.filter
def yuan_exact(amount) -> str:
    """Template filter: an amount to the fen in the active language's writing, never in 万 (order totals)."""
    return yuan_text(amount, exact=True)


@register.filter
def yuan_range(low, high) -> str:
    """Template filter: a price range, the currency written once ("¥12.00–30.00", "12,00–30,00 ¥"); a single
    price when `high` is empty or not above `low` (`{{ product.unit_price|yuan_range:product.price_max }}`)."""
    first = yuan_text(low)
    try:
        if high in (None, "") or Decimal(high) <= Decimal(low):
            return first
    except (InvalidOperation, TypeError, ValueError):
        return first
    last = yuan_text(high)
    if first.startswith("¥") and last.startswith("¥"):
        return f"{first}–{last[1:]}"
    if first.endswith("\u00a0¥") and last.endswith("\u00a0¥"):
        return f"{first[:-2]}–{last}"
    return f"{first}–{last}"
