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
