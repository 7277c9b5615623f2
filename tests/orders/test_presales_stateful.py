"""Pre-sale books over random sequences (hypothesis): reserve / pay the deposit / call / pay the balance / forfeit /
ship / automatic refund / replayed callbacks, with orders_audit (pre-sales included) checked after every step."""

import contextlib
import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from core.errors import DomainError
from core.payments import PROVIDERS
from orders import services
from orders.models import LedgerKind, PreSaleOrder, PreSaleOrderStatus, PreSalePayment, ShopLedgerEntry
from promotions.models import PreSale
from tests.factories import BuyerFactory, waybill
from tests.orders.presale_helpers import open_presale, pay_due, reserve

pytestmark = pytest.mark.django_db
S = PreSaleOrderStatus


class PreSaleBook(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.presale = open_presale(quantity_offered=Decimal("30"))
        self.farmer = self.presale.product.shop.owner
        self.buyers = [BuyerFactory() for _ in range(4)]

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _pick(self, status, index):
        orders = list(PreSaleOrder.objects.filter(presale=self.presale, status=status).order_by("pk"))
        return orders[index % len(orders)] if orders else None

    @rule(buyer=st.integers(0, 3), quantity=st.integers(1, 12))
    def reserve(self, buyer, quantity):
        with contextlib.suppress(DomainError):
            reserve(self.presale, self.buyers[buyer], str(quantity))

    @rule(index=st.integers(0, 5), succeed=st.booleans())
    def pay_deposit(self, index, succeed):
        order = self._pick(S.AWAITING_DEPOSIT, index)
        if order is not None:
            with contextlib.suppress(DomainError):
                pay_due(order, succeed=succeed)

    @rule()
    def call(self):
        with contextlib.suppress(DomainError):
            services.presale_call_balance(actor=self.farmer, presale_id=self.presale.pk)

    @rule(index=st.integers(0, 5), succeed=st.booleans())
    def pay_balance(self, index, succeed):
        order = self._pick(S.BALANCE_DUE, index)
        if order is not None:
            with contextlib.suppress(DomainError):
                pay_due(order, succeed=succeed)

    @rule()
    def forfeit(self):
        services.presale_orders_expire(now=timezone.now() + datetime.timedelta(days=8))

    @rule(index=st.integers(0, 5))
    def ship(self, index):
        order = self._pick(S.PAID_IN_FULL, index)
        if order is not None:
            services.presale_order_ship(
                presale_order_id=order.pk, actor=self.farmer, carrier="SF", tracking_number=waybill()
            )

    @rule()
    def auto_refund(self):
        presale = PreSale.objects.get(pk=self.presale.pk)
        services.presales_refund_unshipped(now=presale.ship_deadline() + datetime.timedelta(hours=1))

    @rule(index=st.integers(0, 20))
    def replay_a_callback(self, index):
        payments = list(PreSalePayment.objects.exclude(status="pending").order_by("pk"))
        if payments:
            payment = payments[index % len(payments)]
            body, signature = PROVIDERS["simulated"].confirmation(reference=payment.reference, amount=payment.amount)
            services.payment_callback_handle(body=body, signature=signature)

    @invariant()
    def books_balance(self):
        assert services.orders_audit() == []

    @invariant()
    def unearned_is_what_buyers_paid_for_unshipped_orders(self):
        held = Decimal("0.00")
        for status, deposit, total in PreSaleOrder.objects.filter(presale=self.presale).values_list(
            "status", "deposit_amount", "total"
        ):
            held += {S.DEPOSIT_PAID: deposit, S.BALANCE_DUE: deposit, S.PAID_IN_FULL: total}.get(status, Decimal("0"))
        unearned = ShopLedgerEntry.objects.filter(
            shop_id=self.presale.product.shop_id, kind=LedgerKind.PRESALE_UNEARNED
        ).aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
        assert unearned == held
        presale = PreSale.objects.get(pk=self.presale.pk)
        assert Decimal("0") <= presale.quantity_reserved <= presale.quantity_offered


def test_presale_books_hold_over_random_sequences():
    run_state_machine_as_test(
        PreSaleBook,
        settings=settings(
            max_examples=15,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
