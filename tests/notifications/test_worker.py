"""Delivery on a real Celery worker (Redis broker, the notifications queue), through the fake Aliyun gateway."""

import time

import pytest
from django.db import transaction

from config.celery import queue_kind
from notifications import services
from notifications.models import Delivery, DeliveryStatus
from notifications.tasks import delivery_send
from orders import services as order_services
from tests.factories import BuyerFactory
from tests.notifications.gateway import FakeGateway, provider_settings
from tests.orders.factories import AssistedPurchaseFactory


def test_delivery_tasks_go_to_the_notifications_queue():
    for name in (delivery_send.name, "notifications.tasks.deliveries_release", "credit.tasks.loan_reminders_notify"):
        assert queue_kind(name) == "notifications"


@pytest.fixture
def worker_gateway(monkeypatch, settings):
    """The fake gateway, and the environment a worker started afterwards reads to reach it."""
    with FakeGateway() as fake:
        environment = {
            **provider_settings(fake),
            "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
            "NOTIFICATIONS_QUIET_HOURS": "0,0",
        }
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        yield fake


def wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.celery_worker
def test_each_event_sends_one_sms_on_a_real_worker_and_a_retry_never_duplicates(worker_gateway, celery_worker, station):
    villager = BuyerFactory(phone="13700137000", email="", home_village=station.village, preferred_language="zh-hans")
    purchase = AssistedPurchaseFactory(station=station, villager=villager)
    order_services.assisted_order(purchase_id=purchase.pk, operator=station.operator)
    purchase = order_services.assisted_arrive(purchase_id=purchase.pk, operator=station.operator)  # commits
    sms = Delivery.objects.get(notification__recipient=villager, channel="sms")
    assert wait_for(lambda: Delivery.objects.get(pk=sms.pk).status == DeliveryStatus.SENT)
    assert [m["params"]["code"] for m in worker_gateway.received] == [purchase.pickup_code]
    assert "取件码" in worker_gateway.received[0]["params"]["content"]

    # The same task again (a broker redelivery, a retry after a lost acknowledgement): nothing more is sent.
    assert delivery_send.delay(sms.pk).get(timeout=60) == DeliveryStatus.SENT
    assert len(worker_gateway.received) == 1

    # A gateway error is retried by Celery with backoff and then goes through, once.
    worker_gateway.script = ["http500"]
    with transaction.atomic():
        services.notify(
            event="order_shipped",
            recipients=[villager],
            key="order:1",
            params={"number": "TC1", "carrier": "SF", "tracking_number": "SF9"},
        )
    shipped = Delivery.objects.get(notification__event="order_shipped")
    assert wait_for(lambda: Delivery.objects.get(pk=shipped.pk).status == DeliveryStatus.SENT)
    shipped.refresh_from_db()
    assert shipped.attempts == 2 and len(worker_gateway.received) == 2
    assert worker_gateway.received[1]["params"]["tracking_number"] == "SF9"
