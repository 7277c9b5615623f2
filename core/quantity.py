"""Quantity helpers: how a quantity of produce is written to a reader ("300 斤", "1,5 kg", "2 boxes"), never in
scientific notation (Decimal.normalize() turns 300 into "3E+2"), and its unit by name, not by code ("jin").

One place for every page, message, API error and export: `format_quantity` (number and unit), `format_number`
(the number alone, in the active language's writing) and `plain_number` (for an <input value>: no grouping,
always a decimal point, as HTML number inputs expect)."""

from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import npgettext

# The unit codes of shops.models.Unit, as written after a number. Chinese has no plural; French and English do.
UNIT_FORMS = {
    "kg": ("kg", "kg"),
    "jin": ("jin", "jin"),
    "piece": ("piece", "pieces"),
    "portion": ("portion", "portions"),
    "box": ("box", "boxes"),
    "bottle": ("bottle", "bottles"),
}


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def plain_number(value) -> str:
    """1.500 -> "1.5", Decimal("3E+2") -> "300": no exponent, no trailing zeros, no grouping (for inputs)."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_number(value, *, language: str | None = None) -> str:
    """A quantity's number as the reader writes it: "1,5" in French, "10,000" in Chinese and English."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    with translation.override(language or translation.get_language()):
        return number_format(Decimal(plain_number(number)), force_grouping=True)


def unit_name(code: str, count=1) -> str:
    """A unit code ("jin") by its name in the active language after a number: 斤, jin; "box" -> 箱, caisses
    (plural from 2 on, by the language's rule). An unknown code is shown as it is."""
    if code not in UNIT_FORMS:
        return code or ""
    number = _decimal(count)
    singular, plural = UNIT_FORMS[code]
    return npgettext("unit after a quantity", singular, plural, int(abs(number)) if number is not None else 1)


def format_quantity(value, unit: str | None = None, *, language: str | None = None) -> str:
    """ "300 斤", "1,5 kg", "2 boxes": the quantity in the active language (or `language`) with its unit's name."""
    with translation.override(language or translation.get_language()):
        text = format_number(value)
        return f"{text} {unit_name(unit, value)}" if unit else text
