"""The certification rule at its boundaries, computed by a run over the monthly rollups."""

import datetime
import uuid
from decimal import Decimal

import pytest

from certification import selectors, services
from certification.models import AssessmentRun, RunTrigger, VillageEvidence
from orders.models import ShopMonthlySales
from orders.services import sales_rollup_rebuild
from tests.certification.conftest import CUTOFF, LOOKBACK, WINDOW_MONTHS, add_sales, add_shops
from tests.factories import OrderFactory, ShopFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def assess(cutoff=CUTOFF) -> AssessmentRun:
    run, created = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=cutoff, enqueue=False)
    assert created
    return services.assessment_run_execute(run_id=run.pk, chunk_size=2)


def evidence_of(run, village) -> VillageEvidence:
    return VillageEvidence.objects.get(run=run, village=village)


def test_window_is_the_whole_months_before_the_cutoff():
    window = selectors.assessment_window(cutoff=datetime.date(2026, 11, 25), months=12)
    assert (window.start, window.end, window.months) == (datetime.date(2025, 11, 1), datetime.date(2026, 10, 31), 12)
    window = selectors.assessment_window(cutoff=datetime.date(2026, 1, 1), months=12)
    assert (window.start, window.end) == (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def test_exactly_100_active_shops_and_exactly_ten_million_is_eligible(village):
    add_shops(village, 100)  # 100 x 3 x 100.00 = 30,000.00
    add_sales(village, "9970000.00")
    evidence = evidence_of(assess(), village)
    assert evidence.active_shops == 100
    assert evidence.sales_volume == Decimal("10000000.00")
    assert evidence.eligible is True
    assert (evidence.shops_shortfall, evidence.sales_shortfall) == (0, Decimal("0.00"))
    assert (evidence.policy_version, evidence.window_start, evidence.window_end) == (
        1,
        datetime.date(2025, 11, 1),
        datetime.date(2026, 10, 31),
    )


def test_99_active_shops_is_not_eligible(village):
    add_shops(village, 99)
    add_sales(village, "9999000.00")
    evidence = evidence_of(assess(), village)
    assert (evidence.active_shops, evidence.eligible, evidence.shops_shortfall) == (99, False, 1)
    assert evidence.sales_volume >= Decimal("10000000.00")


def test_one_fen_short_of_ten_million_is_not_eligible(village):
    add_shops(village, 100)
    add_sales(village, "9969999.99")
    evidence = evidence_of(assess(), village)
    assert evidence.sales_volume == Decimal("9999999.99")
    assert (evidence.eligible, evidence.sales_shortfall, evidence.shops_shortfall) == (False, Decimal("0.01"), 0)


def test_cancelled_refunded_and_out_of_window_orders_do_not_count(village):
    shop = ShopFactory(village=village, owner__home_village=village, opened_on=datetime.date(2024, 1, 1))

    def order(status, paid_at, total="1000.00", refunded="0.00"):
        OrderFactory(shop=shop, status=status, paid_at=paid_at, total=Decimal(total), refunded_amount=Decimal(refunded))

    in_window = datetime.datetime(2026, 9, 10, 4, 0, tzinfo=UTC)
    order("completed", in_window)
    order("paid", datetime.datetime(2026, 8, 3, 4, 0, tzinfo=UTC), total="250.00")
    order("cancelled", None)
    order("refunded", in_window, refunded="1000.00")
    order("delivered", in_window, total="300.00", refunded="100.00")  # partly refunded: 200.00 counts
    order("completed", datetime.datetime(2025, 10, 31, 15, 59, tzinfo=UTC))  # 31 Oct 23:59 Shanghai: before
    order("completed", datetime.datetime(2026, 10, 31, 16, 0, tzinfo=UTC))  # 1 Nov 00:00 Shanghai: after
    order("completed", datetime.datetime(2025, 10, 31, 16, 0, tzinfo=UTC))  # 1 Nov 2025 00:00 Shanghai: in
    order("pending_payment", None)
    sales_rollup_rebuild()
    evidence = evidence_of(assess(), village)
    assert evidence.sales_volume == Decimal("2450.00")
    assert evidence.order_count == 4


@pytest.mark.parametrize(
    ("kwargs", "active"),
    [
        ({}, 1),
        ({"status": "closed"}, 0),
        ({"status": "suspended"}, 0),
        ({"opened_on": CUTOFF - datetime.timedelta(days=20)}, 0),
        ({"opened_on": CUTOFF - datetime.timedelta(days=30)}, 1),
        ({"monthly": {month: ("500.00", 3) for month in WINDOW_MONTHS[:9]}}, 0),  # no order in the last 3 months
        ({"monthly": {LOOKBACK[0]: ("10.00", 3)}}, 1),  # 3 orders in 3 months is an average of one a month
        ({"monthly": {LOOKBACK[0]: ("10.00", 2)}}, 0),
        # Opened in September: open 2 of the 3 look-back months, needs 2 orders (pro rata).
        ({"opened_on": datetime.date(2026, 9, 15), "monthly": {LOOKBACK[2]: ("10.00", 2)}}, 1),
        ({"opened_on": datetime.date(2026, 9, 15), "monthly": {LOOKBACK[2]: ("10.00", 1)}}, 0),
        # Opened 1 October (31 days before the cut-off): open 1 look-back month, 1 order is enough.
        ({"opened_on": datetime.date(2026, 10, 1), "monthly": {LOOKBACK[2]: ("10.00", 1)}}, 1),
    ],
)
def test_active_shop_rule(village, kwargs, active):
    add_shops(village, 1, **kwargs)
    assert evidence_of(assess(), village).active_shops == active


def test_households_rule_is_off_by_default_and_stands_in_for_100_shops_when_on(village, admin_user):
    village.households = 300
    village.save()
    add_shops(village, 30)
    add_sales(village, "10000000.00")
    evidence = evidence_of(assess(), village)
    assert (evidence.eligible, evidence.required_active_shops, evidence.shops_shortfall) == (False, 100, 70)

    services.policy_create(
        created_by=admin_user,
        name="With households rule",
        effective_from=datetime.date(2026, 6, 1),
        households_rule_enabled=True,
    )
    evidence = evidence_of(assess(), village)
    assert evidence.policy_version == 2
    assert (evidence.eligible, evidence.shops_rule, evidence.required_active_shops) == (True, "households", 30)


def test_households_rule_needs_ten_percent_rounded_up(village, admin_user):
    village.households = 301  # 10 % = 30.1: 31 shops needed
    village.save()
    add_shops(village, 30)
    add_sales(village, "10000000.00")
    services.policy_create(
        created_by=admin_user, name="H", effective_from=datetime.date(2026, 1, 1), households_rule_enabled=True
    )
    evidence = evidence_of(assess(), village)
    assert (evidence.eligible, evidence.required_active_shops, evidence.shops_shortfall) == (False, 31, 1)


def test_policy_in_force_is_chosen_by_the_cutoff(admin_user, village):
    services.policy_create(
        created_by=admin_user, name="2027 rule", effective_from=datetime.date(2027, 1, 1), min_active_shops=50
    )
    assert assess().policy.version == 1
    assert assess(cutoff=datetime.date(2027, 2, 1)).policy.version == 2


def test_village_without_shops_gets_zero_evidence(village):
    evidence = evidence_of(assess(), village)
    assert (evidence.shops_total, evidence.active_shops, evidence.sales_volume, evidence.eligible) == (
        0,
        0,
        Decimal("0.00"),
        False,
    )
    assert evidence.sales_shortfall == Decimal("10000000.00")


def test_rollup_rows_are_the_only_input(village):
    """The run reads ShopMonthlySales: rollups without any order still count (and orders without rollups do not)."""
    add_shops(village, 2)
    assert ShopMonthlySales.objects.count() == 6
    OrderFactory(
        shop=add_shops(village, 1, monthly={})[0],
        status="paid",
        paid_at=datetime.datetime(2026, 9, 1, tzinfo=UTC),
        checkout_id=uuid.uuid4(),
    )
    evidence = evidence_of(assess(), village)
    assert (evidence.active_shops, evidence.sales_volume, evidence.order_count) == (2, Decimal("600.00"), 6)
