import datetime
from decimal import Decimal

import pytest

from insights.models import ShopMonthlyDestination, ShopMonthlyProductSales
from insights.services import insights_rollup_rebuild, recent_months_start
from insights.tasks import rebuild_rollups, refresh_recent_rollups
from orders.models import Order

pytestmark = pytest.mark.django_db


def test_rebuild_groups_sales_by_shop_month_and_destination(world):
    rows = {
        (r.shop_id, r.month, r.province.name, r.city, r.county): (r.orders, r.volume)
        for r in ShopMonthlyDestination.objects.select_related("province")
    }
    # 1 January 2025 01:00 in Shanghai is January's, not December's.
    assert rows[(world.s1.pk, datetime.date(2025, 1, 1), "Zhejiang", "Hangzhou", "Xihu")] == (1, Decimal("30.00"))
    assert rows[(world.s3.pk, datetime.date(2025, 6, 1), "Shandong", "Qingdao", "Shinan")] == (1, Decimal("100.00"))
    assert not any(key[3] == "Ningbo" for key in rows)  # the refunded order is no sale
    products = {
        (r.product_id, r.month): (r.orders, r.quantity, r.volume) for r in ShopMonthlyProductSales.objects.all()
    }
    assert products[(world.p1.pk, datetime.date(2025, 3, 1))] == (2, Decimal("2.000"), Decimal("200.00"))


def test_a_partial_rebuild_redoes_only_recent_months(world):
    before = ShopMonthlyDestination.objects.filter(month__lt=datetime.date(2025, 11, 1)).count()
    order = Order.objects.get(shop=world.s2, status="paid")
    Order.objects.filter(pk=order.pk).update(status="refunded", refunded_amount=order.total)
    insights_rollup_rebuild(since=datetime.date(2025, 11, 1))
    assert not ShopMonthlyDestination.objects.filter(shop=world.s2, month=datetime.date(2025, 11, 1)).exists()
    assert not ShopMonthlyProductSales.objects.filter(product=world.p2).exists()
    assert ShopMonthlyDestination.objects.filter(month__lt=datetime.date(2025, 11, 1)).count() == before


def test_the_tasks_are_idempotent(world):
    total = ShopMonthlyDestination.objects.count() + ShopMonthlyProductSales.objects.count()
    assert rebuild_rollups.delay().get() == total
    assert rebuild_rollups.delay().get() == total
    refresh_recent_rollups.delay().get()
    assert ShopMonthlyDestination.objects.count() + ShopMonthlyProductSales.objects.count() == total
    assert recent_months_start(months=1).day == 1


@pytest.mark.celery_worker
def test_a_real_worker_rebuilds_the_rollups(celery_worker, world):
    ShopMonthlyDestination.objects.all().delete()
    result = rebuild_rollups.delay()
    assert result.get(timeout=60) > 0
    assert ShopMonthlyDestination.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_rebuilds_never_duplicate_rows(world):
    import threading

    from django.conf import settings
    from django.db import connection

    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("concurrent rebuilds need PostgreSQL (SQLite serialises writers)")
    expected = ShopMonthlyDestination.objects.count(), ShopMonthlyProductSales.objects.count()
    barrier, errors = threading.Barrier(4), []

    def rebuild(since):
        try:
            barrier.wait()
            insights_rollup_rebuild(since=since)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=rebuild, args=(since,))
        for since in (None, datetime.date(2025, 1, 1), None, datetime.date(2025, 6, 1))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert (ShopMonthlyDestination.objects.count(), ShopMonthlyProductSales.objects.count()) == expected


def test_the_rebuild_command(world):
    from io import StringIO

    from django.core.management import CommandError, call_command

    ShopMonthlyDestination.objects.all().delete()
    out = StringIO()
    call_command("insights_rebuild_rollups", stdout=out)
    assert "rollup rows written" in out.getvalue()
    assert ShopMonthlyDestination.objects.exists()
    call_command("insights_rebuild_rollups", "--since", "2025-11", stdout=out)
    with pytest.raises(CommandError):
        call_command("insights_rebuild_rollups", "--since", "November")


def test_rollups_are_read_only_in_the_admin(client, world):
    from tests.factories import AdminFactory

    admin = AdminFactory(is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/insights/shopmonthlydestination/").status_code == 200
    assert client.get("/admin/insights/shopmonthlyproductsales/").status_code == 200
    assert client.get("/admin/insights/shopmonthlydestination/add/").status_code == 403
