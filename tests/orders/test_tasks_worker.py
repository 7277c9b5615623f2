import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from orders.models import Order
from orders.tasks import orders_auto_complete, orders_cancel_unpaid
from tests.factories import BuyerFactory, ProductFactory
from tests.orders.factories import place


@pytest.mark.celery_worker
def test_beat_tasks_on_a_real_worker(celery_worker):
    """The unpaid-order timeout runs in a worker process on the test database; running it twice is harmless."""
    product = ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    Order.objects.filter(pk=order.pk).update(placed_at=timezone.now() - datetime.timedelta(minutes=45))
    assert orders_cancel_unpaid.delay().get(timeout=60) == 1
    assert orders_cancel_unpaid.delay().get(timeout=60) == 0
    assert orders_auto_complete.delay().get(timeout=60) == 0
    order.refresh_from_db()
    product.refresh_from_db()
    assert order.status == "cancelled" and product.stock == Decimal("10")
