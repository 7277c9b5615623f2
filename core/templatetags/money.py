"""Money display for templates: `{% load money %}{{ amount|yuan }}`.

- en, fr and small amounts in zh-hans: "¥12,345.60" (always two decimals, comma thousands).
- zh-hans, amounts of 10,000 yuan and more: how Chinese readers count money, in 万 (10^4) and
  亿 (10^8) yuan, trailing zeros dropped: 10,000,000 -> "1000万元", 65,709,800 -> "6570.98万元",
  250,000,000 -> "2.5亿元". Rounded half up to two decimals of the unit (display only).
- None or an empty value shows as "—"; anything that is not a number is shown unchanged.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import translation

from core.money import quantize_yuan

register = template.Library()

WAN = Decimal(10_000)
YI = Decimal(100_000_000)
HUNDREDTH = Decimal("0.01")


def _plain(number: Decimal) -> str:
    """Decimal without exponent or trailing zeros: 1000.00 -> "1000", 6570.90 -> "6570.9"."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def yuan_text(amount, language: str | None = None) -> str:
    """The display text of an amount in yuan for a language (default: the active one)."""
    if amount is None or amount == "":
        return "—"
    if isinstance(amount, float):
        amount = Decimal(str(amount))
    try:
        value = quantize_yuan(amount)
    except (InvalidOperation, TypeError, ValueError):
        return str(amount)
    language = (language or translation.get_language() or "en").lower()
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if language.startswith("zh") and magnitude >= WAN:
        unit, suffix = (YI, "亿元") if magnitude >= YI else (WAN, "万元")
        scaled = (magnitude / unit).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
        return f"{sign}{_plain(scaled)}{suffix}"
    return f"{sign}¥{magnitude:,}"


@register.filter
def yuan(amount) -> str:
    """Template filter: an amount in yuan for the active language (see the module docstring)."""
    return yuan_text(amount)


@register.filter
def yuan_exact(amount) -> str:
    """Template filter: "¥12,345.60" in every language, for amounts to be paid to the fen (order totals)."""
    return yuan_text(amount, language="en")
