"""Hypothesis drives random checkouts with coupons (shop and platform, best or none), payments, line refunds,
weighed-lighter shipments, full refunds, cancellations and completions, and checks after every step that
`orders_audit` balances, that the shop ledger's platform subsidies are the platform's only cost, and that a claim
is used by at most one live checkout."""

import contextlib
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from core.errors import DomainError
from orders import services
from orders.models import LedgerKind, Order, OrderCoupon, OrderStatus, ShopLedgerEntry
from orders.services.coupons import BEST
from orders.services.line_refunds import order_line_refund
from promotions.models import ClaimStatus, CouponClaim
from tests.factories import AdminFactory, BuyerFactory, ProductFactory, waybill
from tests.orders.factories import options, pay, ship_to
from tests.promotions.factories import claimed

pytestmark = pytest.mark.django_db

prices = st.decimals(min_value=Decimal("0.50"), max_value=Decimal("120.00"), places=2)


class CouponBook(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        services.commission_rate_set(admin=AdminFactory(), rate=Decimal("0.05"))
        self.buyer = BuyerFactory()
        self.address = ship_to()
        self.products = []
        self.orders: list[int] = []

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    @rule(price=prices, second_shop=st.booleans(), weighed=st.booleans())
    def list_product(self, price, second_shop, weighed):
        shop = self.products[0].shop if self.products and not second_shop else None
        values = {"unit_price": price, "order_step": Decimal("1"), "unit": "kg" if weighed else "piece"}
        self.products.append(ProductFactory(shop=shop, **values) if shop else ProductFactory(**values))

    @precondition(lambda self: self.products)
    @rule(
        index=st.integers(0, 20),
        platform=st.booleans(),
        threshold=st.sampled_from(["0", "50", "99"]),
        off=st.sampled_from(["3", "10", "30"]),
        percent=st.booleans(),
    )
    def claim_coupon(self, index, platform, threshold, off, percent):
        product = self.products[index % len(self.products)]
        kind = {"percent_off": Decimal("15"), "cap": Decimal(off)} if percent else {"amount_off": off}
        if not percent and Decimal(threshold) and Decimal(off) > Decimal(threshold):
            threshold = "0"
        claimed(self.buyer, shop=None if platform else product.shop, threshold=threshold, **kind)

    @precondition(lambda self: self.products)
    @rule(picks=st.lists(st.tuples(st.integers(0, 20), st.integers(1, 4)), min_size=1, max_size=3), best=st.booleans())
    def checkout(self, picks, best):
        items = {}
        for index, quantity in picks:
            product = self.products[index % len(self.products)]
            items[product] = quantity
        try:
            orders = services.order_place(
                buyer=self.buyer, variants=options(*items.items()), ship_to=self.address, coupons=BEST if best else ()
            )
        except DomainError:
            return
        self.orders.extend(order.pk for order in orders)

    def _order(self, index, *statuses):
        candidates = [pk for pk in self.orders if Order.objects.get(pk=pk).status in statuses]
        return Order.objects.get(pk=candidates[index % len(candidates)]) if candidates else None

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 50))
    def pay(self, index):
        order = self._order(index, OrderStatus.PENDING_PAYMENT)
        if order:
            pay(order)

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 50))
    def cancel(self, index):
        order = self._order(index, OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)
        if order:
            services.order_cancel(order_id=order.pk, actor=self.buyer)

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 50), line=st.integers(0, 5))
    def refund_line(self, index, line):
        order = self._order(index, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
        if order:
            lines = list(order.lines.order_by("pk"))
            with contextlib.suppress(DomainError):
                order_line_refund(order_id=order.pk, line_id=lines[line % len(lines)].pk, actor=order.shop.owner)

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 50), lighter=st.booleans())
    def ship(self, index, lighter):
        order = self._order(index, OrderStatus.PAID)
        if order:
            weighed = {line.pk: line.quantity * Decimal("0.9") for line in order.lines.all() if line.unit == "kg"}
            services.order_ship(
                order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill(),
                weighed=weighed if lighter else None,
            )  # fmt: skip

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 50))
    def deliver_and_complete(self, index):
        order = self._order(index, OrderStatus.SHIPPED)
        if order:
            services.order_deliver(order_id=order.pk, actor=self.buyer)
            services.order_complete(order_id=order.pk, actor=self.buyer)

    @precondition(lambda self: self.orders)
    @rule(index=st.integers(0, 50))
    def refund_all(self, index):
        order = self._order(index, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
        if order:
            services.order_refund(order_id=order.pk, actor=order.shop.owner)

    @invariant()
    def books_balance(self):
        assert services.orders_audit() == []

    @invariant()
    def subsidies_only_for_platform_coupons(self):
        for entry in ShopLedgerEntry.objects.filter(kind=LedgerKind.SALE).select_related("order"):
            assert Decimal("0") <= entry.platform_subsidy <= entry.order.platform_discount

    @invariant()
    def claims_used_by_live_orders_only(self):
        for claim in CouponClaim.objects.all():
            live = OrderCoupon.objects.filter(claim=claim).exclude(order__status=OrderStatus.CANCELLED).exists()
            assert (claim.status == ClaimStatus.USED) == live, claim
            assert OrderCoupon.objects.filter(claim=claim).values("order__checkout_id").distinct().count() <= 1 or (
                claim.status == ClaimStatus.USED
            )


def test_coupon_books_balance_over_random_sequences():
    run_state_machine_as_test(
        CouponBook,
        settings=settings(
            max_examples=15,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
