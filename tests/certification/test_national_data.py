"""The national bench generator (bench/national_data.py) at a tiny scale: what it writes directly is what the app
would have kept (village rollups = the sums of the shop rollups, the kept active shops = the rule's own backfill
from the shop rollups with the triggers on), and a run over it gives the figures computed from the rollups."""

import pytest
from django.db import connection

from bench.certification import CUTOFF
from bench.national_data import SCALES, generate
from certification import selectors, services
from certification.models import RunTrigger, VillageEvidence
from orders.models import ActivityRule
from orders.services.activity import activity_rules_rebuild

pytestmark = pytest.mark.django_db

ACTIVITY = "SELECT rule_id, shop_id, village_id, month, orders, shop_open, opened_on, active FROM orders_shopactivity"
VILLAGE_ACTIVE = (
    "SELECT rule_id, village_id, month, active_shops FROM orders_villageactiveshops WHERE active_shops <> 0"
)
VILLAGE_ROLLUPS = "SELECT village_id, month, sales_volume, order_count FROM orders_villagemonthlysales"
SUMMED = "SELECT village_id, month, sum(sales_volume), sum(order_count) FROM orders_shopmonthlysales GROUP BY 1, 2"


def _rows(sql: str) -> set[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return set(cursor.fetchall())


@pytest.fixture
def national():
    if connection.vendor != "postgresql":
        pytest.skip("the national bench generator builds its data in PostgreSQL")
    scale = SCALES["tiny"]
    result = generate(scale=scale, cutoff=CUTOFF, quiet=True, vacuum=False)
    return scale, result


def test_counts_shape_and_reuse(national):
    scale, result = national
    counts = result["counts"]
    assert (counts["villages_village"], counts["shops_shop"]) == (200, 2000) == (scale.villages, scale.shops)
    months = _rows("SELECT DISTINCT month FROM orders_shopmonthlysales")
    assert len(months) == 24 and max(months)[0].isoformat() == "2026-10-01"
    # Every kind of shop is there: active, pro rata, closed, suspended, too young, dormant.
    statuses = _rows("SELECT DISTINCT status FROM shops_shop")
    assert statuses == {("open",), ("closed",), ("suspended",)}
    assert generate(scale=scale, cutoff=CUTOFF, quiet=True, vacuum=False)["reused"]


def test_written_rows_are_what_the_app_keeps(national):
    assert _rows(VILLAGE_ROLLUPS) == _rows(SUMMED)
    rule = ActivityRule.objects.get()
    assert rule.ready
    activity, village_active = _rows(ACTIVITY), _rows(VILLAGE_ACTIVE)
    assert sum(1 for row in activity if row[-1]) > 1000
    # The rule's own backfill from the shop rollups, with the triggers on, writes the same rows.
    activity_rules_rebuild()
    assert _rows(ACTIVITY) == activity
    assert _rows(VILLAGE_ACTIVE) == village_active


def test_run_agrees_with_the_figures_computed_from_the_rollups(national):
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    run = services.assessment_run_execute(run_id=run.pk, chunk_size=70)
    window = selectors.Window(start=run.window_start, end=run.window_end)
    computed = selectors.village_figures_computed(
        policy=run.policy, cutoff=CUTOFF, window=window, village_id_after=0, village_id_upto=10**12
    )
    evidence = {
        e[0]: e[1:]
        for e in VillageEvidence.objects.filter(run=run).values_list(
            "village_id", "shops_total", "active_shops", "sales_volume", "order_count", "eligible"
        )
    }
    assert run.villages_done == len(evidence) == 200
    for village_id, figures in computed.items():
        assert evidence[village_id][:4] == (
            figures.shops_total,
            figures.active_shops,
            figures.sales_volume,
            figures.order_count,
        )
    # Blocks of 100: the large village is eligible, the one near the thresholds only in some blocks.
    assert sum(1 for e in evidence.values() if e[-1]) == 2
    assert sum(1 for e in evidence.values() if e[0] > 100 and e[1] in range(95, 100)) == 1
