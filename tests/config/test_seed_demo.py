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
    # The demo's money is as real as the services would make it: both books balance.
    call_command("orders_audit")
    call_command("credit_audit")
    # One seed for both tests: it grows two years of orders.
    _ends_with_a_certification_run_over_its_orders()


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
