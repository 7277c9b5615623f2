"""`make run` without a broker runs the beat schedule in-process (manage.py run_periodic): the checkout's promise
that an unpaid order is cancelled after 30 minutes holds on a developer's machine too."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from config.management.commands.run_periodic import Command
from orders.models import Order
from tests.factories import BuyerFactory, ProductFactory
from tests.orders.factories import place

pytestmark = pytest.mark.django_db


def test_a_due_task_runs_in_process_and_cancels_an_unpaid_order(settings):
    settings.CELERY_BROKER_URL = ""
    (order,) = place(BuyerFactory(), (ProductFactory(stock=Decimal("10")), 2))
    Order.objects.filter(pk=order.pk).update(placed_at=timezone.now() - datetime.timedelta(minutes=45))
    now = timezone.now()
    last_run = dict.fromkeys(settings.CELERY_BEAT_SCHEDULE, now)  # nothing else is due
    last_run["orders-cancel-unpaid"] = now - datetime.timedelta(minutes=6)  # every 5 minutes: due
    assert Command().run_due(last_run) == ["orders-cancel-unpaid"]
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert last_run["orders-cancel-unpaid"] > now  # and not again until its next turn
    assert Command().run_due(last_run) == []


def test_with_a_broker_it_leaves_the_schedule_to_celery_beat(settings, capsys):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    call_command("run_periodic", "--once")
    assert "make beat" in capsys.readouterr().out
