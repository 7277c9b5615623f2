"""Pre-sale races on PostgreSQL: concurrent reservations never oversell; a replayed callback pays once; the
forfeit timer and a late balance payment never both win."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from core.payments import PROVIDERS
from orders import services
from orders.models import PreSaleOrder, PreSaleOrderStatus, PreSalePayment
from promotions.models import PreSale
from tests.factories import BuyerFactory
from tests.orders.factories import ship_to
from tests.orders.presale_helpers import open_presale, pay_due
from tests.orders.test_concurrency import _race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks and concurrent connections need PostgreSQL (set DATABASE_URL)",
    ),
]


def test_30_concurrent_reservations_of_5_on_a_100_kg_presale_take_exactly_100():
    presale = open_presale(quantity_offered=Decimal("100"))
    buyers = [BuyerFactory() for _ in range(30)]
    address = ship_to()
    results = _race(
        30,
        lambda i: services.presale_reserve(
            buyer=buyers[i], presale_id=presale.pk, quantity="5", ship_to=address, accept_terms=True
        ),
    )
    won = [r for r in results if isinstance(r, PreSaleOrder)]
    lost = [r for r in results if isinstance(r, services.InsufficientStock)]
    assert (len(won), len(lost)) == (20, 10), [r for r in results if not isinstance(r, PreSaleOrder)]
    assert PreSale.objects.get(pk=presale.pk).quantity_reserved == Decimal("100")
    assert services.orders_audit() == []


def test_a_deposit_callback_delivered_8_times_at_once_pays_once():
    presale = open_presale()
    order = services.presale_reserve(
        buyer=BuyerFactory(), presale_id=presale.pk, quantity="10", ship_to=ship_to(), accept_terms=True
    )
    payment = services.presale_payment_start(
        presale_order_id=order.pk, payer=order.buyer, idempotency_key=uuid.uuid4().hex
    )
    body, signature = PROVIDERS["simulated"].confirmation(reference=payment.reference, amount=payment.amount)
    _race(8, lambda i: services.payment_callback_handle(body=body, signature=signature))
    order.refresh_from_db()
    assert order.status == PreSaleOrderStatus.DEPOSIT_PAID
    assert order.ledger_entries.count() == 1
    assert services.orders_audit() == []


def test_the_forfeit_timer_and_a_balance_confirmation_never_both_win():
    presale = open_presale()
    order = services.presale_reserve(
        buyer=BuyerFactory(), presale_id=presale.pk, quantity="10", ship_to=ship_to(), accept_terms=True
    )
    pay_due(order)
    services.presale_call_balance(actor=presale.product.shop.owner, presale_id=presale.pk)
    balance = services.presale_payment_start(
        presale_order_id=order.pk, payer=order.buyer, idempotency_key=uuid.uuid4().hex
    )
    body, signature = PROVIDERS["simulated"].confirmation(reference=balance.reference, amount=balance.amount)
    later = timezone.now() + datetime.timedelta(days=8)
    _race(
        2,
        lambda i: (
            services.payment_callback_handle(body=body, signature=signature)
            if i == 0
            else services.presale_orders_expire(now=later)
        ),
    )
    order.refresh_from_db()
    balance = PreSalePayment.objects.get(pk=balance.pk)
    assert (order.status, balance.status) in {
        (PreSaleOrderStatus.PAID_IN_FULL, "succeeded"),
        (PreSaleOrderStatus.FORFEITED, "failed"),
    }
    assert services.orders_audit() == []
