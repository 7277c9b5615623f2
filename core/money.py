"""Money helpers: Decimal yuan, rounded once, ROUND_HALF_UP to the fen."""

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def quantize_yuan(amount: Decimal | int | str) -> Decimal:
    """Round an amount to the fen (0.01 yuan), half up. Floats are refused: they already lost precision."""
    if isinstance(amount, float):
        raise TypeError("money must not be a float; pass a Decimal or a string")
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def format_yuan(amount: Decimal) -> str:
    return f"¥{quantize_yuan(amount):,}"
