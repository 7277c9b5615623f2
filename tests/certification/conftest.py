"""Builders for certification tests: shops and their monthly rollups in bulk (the rollups are the input)."""

import datetime
from decimal import Decimal
from itertools import count

import pytest

from orders.models import ShopMonthlySales
from shops.models import Shop
from tests.factories import FarmerFactory, VillageFactory

# Cut-off 1 November 2026: the window is November 2025 .. October 2026, the look-back August .. October 2026.
CUTOFF = datetime.date(2026, 11, 1)
WINDOW_MONTHS = [datetime.date(2025 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(12)]
LOOKBACK = WINDOW_MONTHS[-3:]
_slugs = count()


def add_shops(
    village,
    n: int,
    *,
    status: str = "open",
    opened_on: datetime.date = datetime.date(2024, 1, 1),
    monthly: dict[datetime.date, tuple[str, int]] | None = None,
) -> list[Shop]:
    """n shops in the village, each with the same monthly rollups ({month: (volume, orders)}).

    Default: one order of 100.00 yuan in each of the 3 look-back months (an active shop).
    """
    owner = FarmerFactory(home_village=village)
    shops = Shop.objects.bulk_create(
        [
            Shop(
                village=village,
                owner=owner,
                name=f"Shop {i}",
                slug=f"cert-shop-{next(_slugs)}",
                status=status,
                opened_on=opened_on,
            )
            for i in range(n)
        ]
    )
    monthly = {month: ("100.00", 1) for month in LOOKBACK} if monthly is None else monthly
    ShopMonthlySales.objects.bulk_create(
        [
            ShopMonthlySales(shop=shop, month=month, sales_volume=Decimal(volume), order_count=orders)
            for shop in shops
            for month, (volume, orders) in monthly.items()
        ]
    )
    return shops


def add_sales(village, volume: str, *, month: datetime.date = WINDOW_MONTHS[0]) -> Shop:
    """One extra closed shop carrying `volume` of sales in a window month (adds sales, never an active shop)."""
    return add_shops(village, 1, status="closed", monthly={month: (volume, 1)})[0]


@pytest.fixture
def village(db):
    return VillageFactory(households=600)
