"""The run's figures (village rollups + look-back shop rollups) equal the naive GROUP BY over raw orders.

A small but varied dataset: shops open, closed and suspended, opened years ago, inside the look-back months
or days before the cut-off; orders of every status, paid inside the window, just outside it at both ends
(Shanghai midnights) and after it, refunded in full or in part. The naive query is the bench's own
(bench/certification.py), so `make bench` compares the same two things at 10,000,000 orders.
"""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection

from certification import selectors, services
from certification.models import RunTrigger, VillageEvidence
from orders.models import Order
from orders.services import rollups_audit, sales_rollup_rebuild
from tests.factories import BuyerFactory, OrderFactory, ProvinceFactory, ShopFactory, VillageFactory

pytestmark = pytest.mark.django_db
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def _varied_data(cutoff: datetime.date) -> None:
    rng = random.Random(20261101)
    buyer, province = BuyerFactory(), ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    openings = [
        datetime.date(2023, 5, 1),
        datetime.date(2026, 7, 31),  # the day before the first look-back month
        datetime.date(2026, 8, 1),
        datetime.date(2026, 9, 15),
        datetime.date(2026, 10, 1),
        cutoff - datetime.timedelta(days=30),
        cutoff - datetime.timedelta(days=29),
        cutoff - datetime.timedelta(days=3),
    ]
    # Shanghai midnights around the window (Nov 2025 .. Oct 2026) and the look-back (Aug .. Oct 2026).
    edges = [
        datetime.datetime(2025, 11, 1, tzinfo=SHANGHAI),
        datetime.datetime(2026, 8, 1, tzinfo=SHANGHAI),
        datetime.datetime(2026, 11, 1, tzinfo=SHANGHAI),
    ]
    orders = []
    for _ in range(6):
        village = VillageFactory()
        for _ in range(rng.randint(0, 9)):
            shop = ShopFactory(
                owner__home_village=village,
                status=rng.choice(["open", "open", "open", "closed", "suspended"]),
                opened_on=rng.choice(openings),
            )
            for _ in range(rng.choice([0, 1, 2, 3, 5, 12])):
                status = rng.choice(["paid", "shipped", "delivered", "completed", "completed", "refunded", "cancelled"])
                if rng.random() < 0.3:
                    paid_at = rng.choice(edges) + datetime.timedelta(seconds=rng.choice([-1, 0]))
                else:
                    paid_at = datetime.datetime(2025, 9, 1, tzinfo=SHANGHAI) + datetime.timedelta(
                        minutes=rng.randint(0, 60 * 24 * 450)
                    )
                total = Decimal(rng.randint(100, 500_000)) / 100
                refunded = {"refunded": total}.get(status, Decimal("0.00"))
                if status in ("delivered", "completed") and rng.random() < 0.3:
                    refunded = (total / 3).quantize(Decimal("0.01"))
                orders.append(
                    OrderFactory.build(
                        buyer=buyer,
                        shop=shop,
                        ship_province=province,
                        status=status,
                        total=total,
                        subtotal=total,
                        refunded_amount=refunded,
                        paid_at=None if status == "cancelled" else paid_at,
                    )
                )
    Order.objects.bulk_create(orders)
    sales_rollup_rebuild()


def test_run_figures_equal_the_naive_group_by_over_orders():
    if connection.vendor != "postgresql":
        pytest.skip("the naive query of the bench is PostgreSQL SQL")
    from bench.certification import CUTOFF, _naive

    _varied_data(CUTOFF)
    assert rollups_audit() == []
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    run = services.assessment_run_execute(run_id=run.pk, chunk_size=4)
    naive = _naive(policy=run.policy, window=selectors.Window(start=run.window_start, end=run.window_end))
    evidence = {
        row[0]: row[1:]
        for row in VillageEvidence.objects.filter(run=run).values_list(
            "village_id", "shops_total", "active_shops", "sales_volume", "order_count"
        )
    }
    assert {village: evidence[village] for village in naive} == naive
    # Villages without shops have zero evidence (and are absent from the naive GROUP BY).
    assert all(figures == (0, 0, Decimal("0.00"), 0) for village, figures in evidence.items() if village not in naive)
    # The data is varied enough to mean something: active and inactive shops, sales in and out of the window.
    totals = [sum(column) for column in zip(*naive.values(), strict=True)]
    assert 0 < totals[1] < totals[0] and totals[2] > 0 and totals[3] > 0
