"""Pre-sale of a harvest (预售, issue 23): reserve, deposit, call, balance, forfeit, ship, automatic refund."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import Conflict, InvalidTransition, NotPermitted, ValidationFailed
from credit.selectors import score_facts_for_users
from notifications.models import Notification
from orders import services
from orders.models import (
    LedgerKind,
    OrderStatus,
    PreSaleOrderStatus,
    ShopLedgerEntry,
    ShopMonthlySales,
)
from orders.services.presale_audit import presales_audit
from promotions.models import PreSale, PreSaleStatus
from tests.factories import BuyerFactory, waybill
from tests.orders.presale_helpers import kiwi_variant, open_presale, pay_due, reserve

pytestmark = pytest.mark.django_db
S = PreSaleOrderStatus


def _books_balance():
    assert services.orders_audit() == []


def _unearned(shop_id):
    return sum(
        ShopLedgerEntry.objects.filter(shop_id=shop_id, kind=LedgerKind.PRESALE_UNEARNED).values_list(
            "amount", flat=True
        ),
        Decimal("0.00"),
    )


def test_kiwi_farmer_presells_500_kg_and_ships_with_every_deposit_accounted_for():
    """Done when: a kiwi farmer pre-sells 500 kg in June and ships in September, every deposit accounted for."""
    presale = open_presale()
    shop = presale.product.shop
    buyers = [BuyerFactory() for _ in range(5)]
    orders = [reserve(presale, buyer, "100") for buyer in buyers]  # the whole harvest
    with pytest.raises(services.InsufficientStock):
        reserve(presale, BuyerFactory(), "1")
    for order in orders:
        pay_due(order)
    _books_balance()
    assert _unearned(shop.pk) == Decimal("1500.00")  # 5 x 100 kg x 3.00
    assert services.shop_balance(shop_id=shop.pk) == Decimal("0.00")  # unearned: not withdrawable
    assert ShopMonthlySales.objects.count() == 0  # a deposit is not a sale for certification

    services.presale_call_balance(actor=shop.owner, presale_id=presale.pk)
    assert Notification.objects.filter(event="presale_balance_called").count() == 5
    for order in orders[:4]:
        pay_due(order)
    _books_balance()
    # the fifth buyer lets the window pass: the deposit is forfeited, as the terms said
    late = timezone.now() + datetime.timedelta(days=8)
    assert services.presale_orders_expire(now=late) == 1
    assert services.presale_orders_expire(now=late) == 0  # idempotent
    _books_balance()
    for order in orders[:4]:
        shipped = services.presale_order_ship(
            presale_order_id=order.pk, actor=shop.owner, carrier="SF", tracking_number=waybill()
        )
        assert shipped.status == OrderStatus.SHIPPED and shipped.total == Decimal("1250.00")
    _books_balance()
    assert _unearned(shop.pk) == Decimal("0.00")
    # only now, paid in full and shipped, does the harvest count in the village's sales
    assert sum(ShopMonthlySales.objects.values_list("sales_volume", flat=True)) == Decimal("5000.00")
    forfeit = ShopLedgerEntry.objects.get(kind=LedgerKind.PRESALE_FORFEIT)
    assert forfeit.amount + forfeit.commission == Decimal("300.00")
    for order in orders[:4]:
        order.refresh_from_db()
        services.order_deliver(order_id=order.order_id, actor=order.buyer)
        services.order_complete(order_id=order.order_id, actor=order.buyer)
    _books_balance()
    assert services.shop_balance(shop_id=shop.pk) == Decimal("5300.00")  # commission is 0 in the tests
    statuses = sorted(PreSaleOrderStatus(o.status) for o in type(orders[0]).objects.all())
    assert statuses == sorted([S.SHIPPED] * 4 + [S.FORFEITED])


def test_full_price_up_front_goes_straight_to_paid_in_full():
    presale = open_presale(deposit_per_unit=Decimal("12.50"))
    order = reserve(presale, BuyerFactory(), "4")
    assert order.balance_amount == Decimal("0.00")
    pay_due(order)
    order.refresh_from_db()
    assert order.status == S.PAID_IN_FULL
    services.presale_call_balance(actor=presale.product.shop.owner, presale_id=presale.pk)
    order.refresh_from_db()
    assert order.status == S.PAID_IN_FULL
    _books_balance()


def test_not_shipped_by_the_last_date_refunds_every_buyer_and_counts_late():
    presale = open_presale()
    farmer = presale.product.shop.owner
    paid_in_full, deposit_only, unpaid = (reserve(presale, BuyerFactory(), "10") for _ in range(3))
    pay_due(paid_in_full)
    pay_due(deposit_only)
    services.presale_call_balance(actor=farmer, presale_id=presale.pk)
    pay_due(paid_in_full)
    after = presale.ship_deadline() + datetime.timedelta(hours=1)
    assert services.presales_refund_unshipped(now=after) == 2
    assert services.presales_refund_unshipped(now=after) == 0  # idempotent
    for order, status, refunded in (
        (paid_in_full, S.REFUNDED, Decimal("125.00")),
        (deposit_only, S.REFUNDED, Decimal("30.00")),
        (unpaid, S.CANCELLED, Decimal("0")),
    ):
        order.refresh_from_db()
        assert order.status == status
        assert sum(order.refunds.values_list("amount", flat=True), Decimal("0")) == refunded
    assert all(r.confirmed_at for r in paid_in_full.refunds.all())  # the provider confirmed the payout
    presale.refresh_from_db()
    assert presale.status == PreSaleStatus.ENDED and presale.quantity_reserved == 0
    assert _unearned(presale.product.shop_id) == Decimal("0.00")
    assert score_facts_for_users(user_ids=[farmer.pk])[farmer.pk].shipped_late == 2
    _books_balance()


def test_terms_must_be_accepted_and_input_is_checked():
    presale = open_presale()
    buyer = BuyerFactory()
    with pytest.raises(ValidationFailed) as error:
        reserve(presale, buyer, accept_terms=False)
    assert "accept_terms" in error.value.fields
    for quantity in ("0", "-1", "1.5", "abc", "NaN"):
        with pytest.raises(ValidationFailed):
            reserve(presale, buyer, quantity)
    assert presale.orders.count() == 0


def test_own_shop_and_a_second_unpaid_reservation_are_refused():
    presale = open_presale()
    with pytest.raises(Conflict):
        reserve(presale, presale.product.shop.owner)
    buyer = BuyerFactory()
    reserve(presale, buyer, "1")
    with pytest.raises(Conflict):
        reserve(presale, buyer, "1")


def test_only_the_farmer_calls_and_ships():
    presale = open_presale()
    order = reserve(presale, BuyerFactory())
    pay_due(order)
    with pytest.raises(NotPermitted):
        services.presale_call_balance(actor=BuyerFactory(), presale_id=presale.pk)
    with pytest.raises(InvalidTransition):  # the balance is not paid yet
        services.presale_order_ship(
            presale_order_id=order.pk, actor=presale.product.shop.owner, carrier="SF", tracking_number=waybill()
        )


def test_balance_after_the_window_and_replays_pay_nothing_twice():
    presale = open_presale()
    order = reserve(presale, BuyerFactory())
    deposit = pay_due(order)
    assert services.presale_payment_confirm(reference=deposit.reference, status="succeeded", amount=deposit.amount)
    services.presale_call_balance(actor=presale.product.shop.owner, presale_id=presale.pk)
    services.presale_orders_expire(now=timezone.now() + datetime.timedelta(days=8))
    order.refresh_from_db()
    assert order.status == S.FORFEITED
    with pytest.raises(InvalidTransition):
        pay_due(order)
    _books_balance()


def test_a_late_unpaid_reservation_lapses_and_its_quantity_returns():
    presale = open_presale(quantity_offered=Decimal("10"))
    order = reserve(presale, BuyerFactory(), "10")
    assert services.presale_orders_expire(now=timezone.now() + datetime.timedelta(hours=1)) == 1
    order.refresh_from_db()
    assert order.status == S.CANCELLED
    assert PreSale.objects.get(pk=presale.pk).quantity_reserved == 0
    reserve(presale, BuyerFactory(), "10")
    assert presales_audit() == []


def test_opening_a_presale_reports_every_bad_field():
    variant = kiwi_variant()
    today = timezone.localdate()
    with pytest.raises(ValidationFailed) as error:
        open_presale(
            variant,
            quantity_offered="-5",
            deposit_per_unit="20.00",
            final_price_per_unit="12.50",
            harvest_from=today - datetime.timedelta(days=3),
            ship_by="not a date",
            terms="short",
            balance_days=0,
        )
    assert set(error.value.fields) >= {
        "quantity_offered",
        "deposit_per_unit",
        "harvest_from",
        "ship_by",
        "terms",
        "balance_days",
    }
    assert PreSale.objects.count() == 0
    with pytest.raises(NotPermitted):
        open_presale(variant, actor=BuyerFactory())


def test_attacks_a_wrong_amount_a_forged_callback_and_someone_elses_order():
    from core.payments import PROVIDERS

    presale = open_presale()
    order = reserve(presale, BuyerFactory())
    with pytest.raises(NotPermitted):  # another account pays (or probes) someone else's reservation
        services.presale_payment_start(presale_order_id=order.pk, payer=BuyerFactory(), idempotency_key="x")
    payment = services.presale_payment_start(presale_order_id=order.pk, payer=order.buyer, idempotency_key="k")
    with pytest.raises(NotPermitted):  # unsigned: 403, nothing written
        services.payment_callback_handle(
            body=b'{"reference": "%s", "status": "succeeded", "amount": "30.00"}' % payment.reference.encode(),
            signature="0" * 64,
        )
    body, signature = PROVIDERS["simulated"].confirmation(reference=payment.reference, amount=Decimal("0.01"))
    assert services.payment_callback_handle(body=body, signature=signature).status == "failed"
    order.refresh_from_db()
    assert order.status == S.AWAITING_DEPOSIT and order.ledger_entries.count() == 0
    _books_balance()
