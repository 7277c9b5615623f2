import pytest
from django.core.management import call_command

from accounts.models import Role, User
from villages.models import County, ServiceStation, Township, Village


@pytest.mark.django_db
def test_seed_demo_is_complete_and_idempotent():
    call_command("seed_demo", quiet=True)
    counts = (Village.objects.count(), ServiceStation.objects.count(), User.objects.count(), County.objects.count())
    call_command("seed_demo", quiet=True)
    assert (
        Village.objects.count(),
        ServiceStation.objects.count(),
        User.objects.count(),
        County.objects.count(),
    ) == counts
    assert counts[0] >= 20 and counts[1] == counts[0]
    assert County.objects.filter(is_poverty_county=True).exists()
    assert set(User.objects.values_list("role", flat=True)) == {r.value for r in Role}
    assert User.objects.get(username="op_libei").check_password("taocun-demo-2026")
    # Every demo farmer's home village is confirmed by its station (issue 15: a claim otherwise).
    assert not User.objects.filter(role=Role.FARMER, home_village_confirmed_at__isnull=True).exists()
    # The demo's money is as real as the services would make it: both books balance.
    call_command("orders_audit")
    call_command("credit_audit")
    # One seed for all three checks: it grows two years of orders.
    _ends_with_a_certification_run_over_its_orders()
    _honest_demo_farmers_keep_their_tiers()


def _ends_with_a_certification_run_over_its_orders():
    """Eligible villages, a Taobao town and a village just short, all computed from the demo's orders."""
    from certification import selectors
    from certification.models import AssessmentRun, VillageEvidence
    from orders.models import SALE_STATUSES, Order, ShopMonthlySales

    run = AssessmentRun.objects.get()
    evidence = {e.village.name: e for e in VillageEvidence.objects.filter(run=run).select_related("village")}
    assert all(evidence[name].eligible for name in ("Dinglou", "Zhangzhuang", "Sunzhuang", "Zhouquan"))
    libei = evidence["Libei"]
    assert not libei.eligible and 0 < libei.shops_shortfall <= 5 and libei.sales_volume >= 10_000_000
    # The run's figures are the orders' own: the sales of Dinglou's shops paid in the window.
    window = Order.objects.filter(
        shop__village__name="Dinglou",
        status__in=SALE_STATUSES,
        paid_at__date__gte=run.window_start,
        paid_at__date__lte=run.window_end,
    )
    assert evidence["Dinglou"].order_count == window.count()
    assert ShopMonthlySales.objects.filter(village=evidence["Dinglou"].village).exists()
    daji = Township.objects.get(name="Daji")
    assert selectors.township_status(township=daji).is_town
    queue = selectors.review_queue()
    assert [e.village.name for e in queue["newly_eligible"]] == ["Zhouquan"]
    # Written in Chinese first: townships, stations, people family name first.
    assert daji.name_zh == "大集镇"
    assert ServiceStation.objects.get(village__name="Libei").name == "立碑村村级服务站"
    assert User.objects.get(username="farmer_long").get_full_name() == "龙锐"


def _honest_demo_farmers_keep_their_tiers():
    """The arm's-length trading rules (issue 14) take nothing from the demo's honest farmers: each keeps the
    tier that plain counting of their completed orders, on-time shipments and disputes won gives."""
    import dataclasses
    import datetime

    from django.db.models import Count, F, Q, Value

    from credit import selectors as credit_selectors
    from credit.scorecard import scorecard_compute
    from orders.models import DisputeStatus, Order

    farmers = list(
        User.objects.filter(role=Role.FARMER, owned_shops__isnull=False).distinct().values_list("pk", flat=True)
    )
    assert farmers
    facts = credit_selectors.score_facts_for_users(user_ids=farmers)
    promise = F("paid_at") + Value(datetime.timedelta(hours=48))
    plain = {
        row["shop__owner_id"]: row
        for row in Order.objects.filter(shop__owner_id__in=farmers)
        .values("shop__owner_id")
        .annotate(
            completed=Count("pk", filter=Q(status="completed")),
            on_time=Count("pk", filter=Q(shipped_at__isnull=False, paid_at__isnull=False, shipped_at__lte=promise)),
            won=Count("pk", filter=Q(dispute__status=DisputeStatus.REJECTED)),
        )
        .order_by()
    }
    changed = []
    for pk, fact in facts.items():
        row = plain.get(pk, {})
        before = dataclasses.replace(
            fact,
            orders_completed=row.get("completed", 0),
            shipped_on_time=row.get("on_time", 0),
            disputes_won=row.get("won", 0),
            trading_notes=(),
        )
        if scorecard_compute(before).tier != scorecard_compute(fact).tier:
            changed.append((pk, scorecard_compute(before).tier, scorecard_compute(fact).tier, fact.trading_notes))
    assert not changed
