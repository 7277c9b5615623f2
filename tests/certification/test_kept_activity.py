"""Active shops kept by the database (orders migration 0006) equal the ones computed from the shop rollups,
after every kind of write, under a new policy's rule, and under concurrent payments (PostgreSQL)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from certification import selectors, services
from certification.models import CertificationPolicy, RunTrigger, VillageEvidence
from orders.models import ActivityRule, ShopActivity, ShopMonthlySales, VillageActiveShops
from orders.services import month_of, sales_rollup_add, sales_rollup_rebuild
from orders.services.activity import activity_rule_build, activity_rule_build_step, activity_rule_get_or_add
from shops.models import Shop
from tests.certification.conftest import CUTOFF, LOOKBACK, add_shops
from tests.certification.test_naive_agreement import _varied_data
from tests.factories import BuyerFactory, ProductFactory, VillageFactory
from villages.models import Village

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the database keeps the shop activity on PostgreSQL only"
    ),
]
CUTOFFS = [CUTOFF, datetime.date(2026, 11, 25), datetime.date(2026, 10, 15), datetime.date(2026, 12, 2)]


def _kept_and_computed(policy, cutoff, rule):
    window = selectors.assessment_window(cutoff=cutoff, months=policy.window_months)
    last = Village.objects.order_by("-pk").values_list("pk", flat=True).first()
    args = {"policy": policy, "cutoff": cutoff, "window": window, "village_id_after": 0, "village_id_upto": last}
    return selectors.village_figures_kept(rule=rule, **args), selectors.village_figures_computed(**args)


def assert_kept_equals_computed(policy, rule, cutoffs=CUTOFFS):
    for cutoff in cutoffs:
        kept, computed = _kept_and_computed(policy, cutoff, rule)
        assert kept == computed, cutoff
    # Something is active at all (the comparison means something).
    return sum(figures.active_shops for figures in computed.values())


def _default_rule():
    rule = activity_rule_get_or_add(lookback_months=3, min_orders_per_month=1)
    return activity_rule_build(rule_id=rule.pk, chunk_villages=2)


def test_kept_active_shops_follow_every_write_to_rollups_and_shops():
    _varied_data(CUTOFF)
    policy = selectors.policy_in_force(on=CUTOFF)
    rule = _default_rule()
    assert rule.ready
    assert assert_kept_equals_computed(policy, rule) > 0

    shops = list(Shop.objects.order_by("pk"))
    busy = max(shops, key=lambda shop: ShopMonthlySales.objects.filter(shop=shop).count())
    # A payment and a refund (what payment_confirm and order_refund do, in their transaction).
    sales_rollup_add(shop_id=busy.pk, month=LOOKBACK[1], volume=Decimal("80.00"), orders=1)
    sales_rollup_add(shop_id=shops[0].pk, month=LOOKBACK[2], volume=Decimal("-5.00"), orders=-1)
    assert_kept_equals_computed(policy, rule)
    # Closed, reopened, opened later, moved to another village.
    Shop.objects.filter(pk=busy.pk).update(status="closed")
    assert_kept_equals_computed(policy, rule)
    Shop.objects.filter(pk=busy.pk).update(status="open", opened_on=datetime.date(2026, 9, 20))
    assert_kept_equals_computed(policy, rule)
    other = Village.objects.exclude(pk=busy.village_id).first()
    busy.village = other
    busy.save()
    assert_kept_equals_computed(policy, rule)
    # A rebuild of the rollups from the orders, and a shop deleted with its rollups.
    sales_rollup_rebuild()
    assert_kept_equals_computed(policy, rule)
    # A shop without orders (rollups only) deleted with its rollups.
    extra = add_shops(other, 2)
    assert_kept_equals_computed(policy, rule)
    extra[0].delete()
    assert_kept_equals_computed(policy, rule)


def test_a_run_reads_the_kept_row_of_each_village(village):
    add_shops(village, 3)
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    run = services.assessment_run_execute(run_id=run.pk)
    assert VillageEvidence.objects.get(run=run, village=village).active_shops == 3
    rule = ActivityRule.objects.get(lookback_months=3, min_orders_per_month=1)
    assert rule.ready
    kept = VillageActiveShops.objects.get(rule=rule, village=village, month=LOOKBACK[-1])
    assert kept.active_shops == 3
    # Proof that the run reads that row and not the shops: tamper with it, assess again.
    VillageActiveShops.objects.filter(pk=kept.pk).update(active_shops=7)
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    run = services.assessment_run_execute(run_id=run.pk)
    assert VillageEvidence.objects.get(run=run, village=village).active_shops == 7


def test_a_policy_with_another_rule_is_filled_in_chunks_and_gives_the_right_figures(admin_user):
    _varied_data(CUTOFF)
    old_rule = _default_rule()
    policy = services.policy_create(
        created_by=admin_user,
        name="Two months, two orders",
        effective_from=datetime.date(2026, 1, 1),
        active_lookback_months=2,
        active_min_orders_per_month=2,
        active_min_days_open=45,
    )
    rule = activity_rule_get_or_add(lookback_months=2, min_orders_per_month=2)
    # The varied data has few shops with 4 orders in 2 months: give some more.
    for shop in Shop.objects.order_by("pk")[:12]:
        sales_rollup_add(shop_id=shop.pk, month=LOOKBACK[2], volume=Decimal("30.00"), orders=3)
    assert not rule.ready
    # A range of villages per transaction, resumable from the rule's cursor.
    assert activity_rule_build_step(rule_id=rule.pk, chunk_villages=2) is True
    rule.refresh_from_db()
    assert not rule.ready and rule.built_upto_village > 0
    rule = activity_rule_build(rule_id=rule.pk, chunk_villages=2)
    assert rule.ready
    assert assert_kept_equals_computed(policy, rule) > 0
    # The old rule is still kept right too, and a run under the new policy gives the computed figures.
    assert_kept_equals_computed(CertificationPolicy.objects.get(version=1), old_rule)
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    run = services.assessment_run_execute(run_id=run.pk, chunk_size=3)
    assert run.policy == policy
    _, computed = _kept_and_computed(policy, CUTOFF, rule)
    evidence = dict(VillageEvidence.objects.filter(run=run).values_list("village_id", "active_shops"))
    assert {village: figures.active_shops for village, figures in computed.items()} == {
        village: evidence[village] for village in computed
    }


def test_a_rule_added_while_payments_happen_keeps_them():
    """Rows the backfill has not reached yet are rewritten from the rollups; later payments add to them."""
    village = VillageFactory()
    shops = add_shops(village, 2, monthly={})
    rule = activity_rule_get_or_add(lookback_months=3, min_orders_per_month=1)
    for shop in shops:
        sales_rollup_add(shop_id=shop.pk, month=LOOKBACK[0], volume=Decimal("10.00"), orders=3)
    assert ShopActivity.objects.filter(rule=rule).count() == 6  # kept by the triggers from the rule's creation on
    rule = activity_rule_build(rule_id=rule.pk)
    sales_rollup_add(shop_id=shops[0].pk, month=LOOKBACK[1], volume=Decimal("10.00"), orders=1)
    kept = VillageActiveShops.objects.get(rule=rule, village=village, month=LOOKBACK[-1])
    assert kept.active_shops == 2
    assert ShopActivity.objects.get(rule=rule, shop=shops[0], month=LOOKBACK[-1]).orders == 4


@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_to_shops_of_one_village_each_count_once():
    from tests.orders.factories import pay, place
    from tests.orders.test_concurrency import _race

    village = VillageFactory()
    rule = _default_rule()
    buyer = BuyerFactory()
    products = [
        ProductFactory(shop__village=village, shop__opened_on=datetime.date(2024, 1, 1), stock=Decimal("100"))
        for _ in range(8)
    ]
    # Three orders a shop (the look-back needs one a month on average), paid all at once across the village.
    orders = [order for product in products for _ in range(3) for order in place(buyer, (product, 1))]
    results = _race(len(orders), lambda i: pay(orders[i]))
    assert not [r for r in results if isinstance(r, Exception)], results
    month = month_of(datetime.datetime.now(datetime.UTC))
    kept = VillageActiveShops.objects.get(rule=rule, village=village, month=month)
    assert kept.active_shops == 8
    assert sum(ShopActivity.objects.filter(rule=rule, month=month).values_list("orders", flat=True)) == 24
    policy = selectors.policy_in_force()
    today = datetime.date.today()
    cutoff = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    assert_kept_equals_computed(policy, rule, cutoffs=[cutoff, today + datetime.timedelta(days=40)])
