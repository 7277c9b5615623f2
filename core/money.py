"""Money helpers: Decimal yuan, rounded once, ROUND_HALF_UP to the fen; and how each language writes it."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import translation

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
WAN = Decimal(10_000)
YI = Decimal(100_000_000)
# The largest amount a money column holds (DecimalField(max_digits=14, decimal_places=2)): the one bound that
# pages, the API, callbacks and computed totals are held to, so that none of them reaches the database as a 500.
MONEY_MAX = Decimal("999999999999.99")


def quantize_yuan(amount: Decimal | int | str) -> Decimal:
    """Round an amount to the fen (0.01 yuan), half up. Floats are refused: they already lost precision."""
    if isinstance(amount, float):
        raise TypeError("money must not be a float; pass a Decimal or a string")
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def _plain(number: Decimal) -> str:
    """Decimal without exponent or trailing zeros: 1000.00 -> "1000", 6570.90 -> "6570.9"."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_yuan(amount: Decimal, *, language: str | None = None, exact: bool = True) -> str:
    """An amount as a reader of `language` (default: the active one) writes it, always to the fen:
    "¥12,345.60" in English and Chinese, "12 345,60 ¥" in French (narrow no-break spaces, decimal comma).

    Not `exact` (figures read at a glance, not amounts to pay), Chinese counts from 1万 in 万 and 亿 yuan,
    trailing zeros dropped, as Chinese platforms and readers do: 10,000,000 -> "1000万元", 65,709,800 ->
    "6570.98万元", 250,000,000 -> "2.5亿元" (rounded half up to two decimals of the unit)."""
    value = quantize_yuan(amount)
    language = (language or translation.get_language() or "en").lower()
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if language.startswith("zh") and magnitude >= WAN and not exact:
        unit, suffix = (YI, "亿元") if magnitude >= YI else (WAN, "万元")
        return f"{sign}{_plain((magnitude / unit).quantize(FEN, rounding=ROUND_HALF_UP))}{suffix}"
    if language.startswith("fr"):
        grouped = f"{magnitude:,}".replace(",", "\u202f").replace(".", ",")
        return f"{sign}{grouped}\u00a0¥"
    return f"{sign}¥{magnitude:,}"


def money_parse(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """An amount from outside (a form, a JSON body, a provider's callback) as Decimal yuan, or ValidationFailed
    with a message for `field`: never a float, never NaN or infinity, at most two decimals, more than zero (or
    zero when allowed) and at most MONEY_MAX."""
    from django.utils.translation import gettext as _

    from core.errors import ValidationFailed

    if isinstance(value, float):
        value = str(value)
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationFailed(fields={field: [_("Enter an amount in yuan, such as 5000.00.")]}) from None
    if not amount.is_finite():
        raise ValidationFailed(fields={field: [_("Enter an amount in yuan, such as 5000.00.")]})
    money_bound_check(amount, field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationFailed(fields={field: [_("The amount must be more than zero.")]})
    if amount != amount.quantize(FEN):
        raise ValidationFailed(fields={field: [_("Amounts are in yuan and fen: at most two decimals.")]})
    return quantize_yuan(amount)


def money_bound_check(amount: Decimal, *, field: str = "amount") -> None:
    """Refuse an amount (typed or computed: a line, a total) that no money column can hold."""
    from django.utils.translation import gettext as _

    from core.errors import ValidationFailed

    if abs(amount) > MONEY_MAX:
        message = _("The amount is too large: at most %(max)s.") % {"max": format_yuan(MONEY_MAX)}
        raise ValidationFailed(message, code="amount_too_large", fields={field: [message]})
