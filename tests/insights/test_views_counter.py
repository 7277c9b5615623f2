import datetime
import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from insights.models import ProductDailyViews
from insights.services import product_view_record
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_product_page_view_is_counted_per_day(client):
    product = ProductFactory()
    sold_out = ProductFactory(stock=Decimal("0"))
    for _ in range(3):
        assert client.get(f"/shop/products/{product.pk}/").status_code == 200
    client.get(f"/shop/products/{sold_out.pk}/")
    client.head(f"/shop/products/{product.pk}/")  # only GETs count
    client.get("/shop/products/999999/")  # 404: not counted
    today = timezone.localdate()
    rows = {
        row.product_id: (row.day, row.views, row.views_while_out_of_stock) for row in ProductDailyViews.objects.all()
    }
    assert rows == {product.pk: (today, 3, 0), sold_out.pk: (today, 1, 1)}


def test_drafts_are_not_counted():
    draft = ProductFactory(status="draft")
    assert product_view_record(product_id=draft.pk) is False
    assert not ProductDailyViews.objects.exists()


def test_a_failing_counter_never_breaks_the_page(client, monkeypatch):
    product = ProductFactory()

    def broken(**kwargs):
        raise RuntimeError("database away")

    monkeypatch.setattr("insights.middleware.product_view_record", broken)
    assert client.get(f"/shop/products/{product.pk}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_lose_no_count():
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("concurrent upserts need PostgreSQL (SQLite serialises writers)")
    product = ProductFactory()
    day = datetime.date(2025, 5, 1)
    barrier = threading.Barrier(8)

    def view():
        barrier.wait()
        for _ in range(10):
            product_view_record(product_id=product.pk, day=day)
        connection.close()

    threads = [threading.Thread(target=view) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    row = ProductDailyViews.objects.get(product=product, day=day)
    assert row.views == 80
