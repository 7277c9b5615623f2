import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import Conflict, InvalidTransition, NotPermitted, ValidationFailed
from orders import services
from orders.models import (
    Dispute,
    Order,
    OrderEvent,
    Payment,
    PaymentStatus,
    Refund,
    ShopLedgerEntry,
    ShopMonthlySales,
)
from tests.factories import AdminFactory, BuyerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import pay, place, ship_to

pytestmark = pytest.mark.django_db


def _rollup(shop):
    row = ShopMonthlySales.objects.filter(shop=shop).first()
    return (row.sales_volume, row.order_count) if row else (Decimal("0"), 0)


def test_checkout_splits_by_shop_prices_from_catalogue_and_takes_stock():
    buyer = BuyerFactory()
    cabbage = ProductFactory(unit_price=Decimal("18.50"), stock=Decimal("10"))
    tea = ProductFactory(unit_price=Decimal("33.33"), stock=Decimal("5"), order_step=Decimal("1"))
    orders = place(buyer, (cabbage, "1.5"), (tea, 2))
    assert len(orders) == 2
    assert {o.checkout_id for o in orders} == {orders[0].checkout_id}
    by_shop = {o.shop_id: o for o in orders}
    assert by_shop[cabbage.shop_id].total == Decimal("27.75")
    assert by_shop[tea.shop_id].total == Decimal("66.66")
    line = by_shop[cabbage.shop_id].lines.get()
    assert (line.product_name, line.unit_price, line.quantity) == (cabbage.name, Decimal("18.50"), Decimal("1.5"))
    cabbage.refresh_from_db()
    tea.refresh_from_db()
    assert (cabbage.stock, tea.stock) == (Decimal("8.5"), Decimal("3"))
    assert OrderEvent.objects.filter(to_status="pending_payment").count() == 2


@pytest.mark.parametrize(
    ("quantity", "code"),
    [("0", "invalid_quantity"), ("-1", "invalid_quantity"), ("1.25", "off_step"), ("0.5", "below_minimum")],
)
def test_bad_quantities_are_refused_and_nothing_written(quantity, code):
    product = ProductFactory(stock=Decimal("10"))
    with pytest.raises(ValidationFailed) as err:
        place(BuyerFactory(), (product, quantity))
    assert err.value.code == code
    assert Order.objects.count() == 0
    product.refresh_from_db()
    assert product.stock == Decimal("10")


def test_unpublished_product_and_closed_shop_are_refused():
    draft = ProductFactory(status="draft")
    with pytest.raises(ValidationFailed) as err:
        place(BuyerFactory(), (draft, 1))
    assert err.value.code == "not_on_sale"
    closed = ProductFactory(shop=ShopFactory(status="suspended"))
    with pytest.raises(ValidationFailed):
        place(BuyerFactory(), (closed, 1))
    assert Order.objects.count() == 0


def test_insufficient_stock_rolls_back_the_whole_checkout():
    plenty = ProductFactory(stock=Decimal("10"))
    scarce = ProductFactory(stock=Decimal("1"))
    with pytest.raises(services.InsufficientStock):
        place(BuyerFactory(), (plenty, 2), (scarce, 2))
    plenty.refresh_from_db()
    assert plenty.stock == Decimal("10")
    assert Order.objects.count() == 0


def test_pay_through_signed_callback_updates_rollup_and_units_sold():
    product = ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    payment = pay(order)
    order.refresh_from_db()
    product.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert order.status == "paid" and order.paid_at is not None
    assert product.units_sold == Decimal("2")
    assert _rollup(order.shop) == (Decimal("37.00"), 1)
    # A replayed callback changes nothing.
    services.payment_simulate(payment=payment)
    assert _rollup(order.shop) == (Decimal("37.00"), 1)


def test_forged_callback_is_refused_and_nothing_written():
    product = ProductFactory()
    (order,) = place(BuyerFactory(), (product, 2))
    payment = services.payment_start(order_id=order.pk, payer=order.buyer, idempotency_key="k1")
    body = f'{{"amount": "{payment.amount}", "reference": "{payment.reference}", "status": "succeeded"}}'.encode()
    with pytest.raises(NotPermitted):
        services.payment_callback_handle(body=body, signature="0" * 64)
    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING and order.status == "pending_payment"


def test_same_idempotency_key_returns_the_same_payment_and_others_cannot_pay():
    (order,) = place(BuyerFactory(), (ProductFactory(), 1))
    first = services.payment_start(order_id=order.pk, payer=order.buyer, idempotency_key="abc")
    again = services.payment_start(order_id=order.pk, payer=order.buyer, idempotency_key="abc")
    assert first.pk == again.pk and Payment.objects.count() == 1
    with pytest.raises(NotPermitted):
        services.payment_start(order_id=order.pk, payer=BuyerFactory(), idempotency_key="x")


def test_wrong_amount_fails_the_payment():
    (order,) = place(BuyerFactory(), (ProductFactory(), 1))
    payment = services.payment_start(order_id=order.pk, payer=order.buyer, idempotency_key="abc")
    from core.payments import callback_body, callback_sign

    body = callback_body(reference=payment.reference, status="succeeded", amount=Decimal("0.01"))
    payment = services.payment_callback_handle(body=body, signature=callback_sign(body))
    assert payment.status == PaymentStatus.FAILED
    order.refresh_from_db()
    assert order.status == "pending_payment"


def test_full_lifecycle_settles_with_commission_and_audit_balances():
    admin = AdminFactory()
    services.commission_rate_set(admin=admin, rate=Decimal("0.05"))
    product = ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    pay(order)
    farmer = order.shop.owner
    services.order_ship(order_id=order.pk, actor=farmer, carrier="SF Express", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    services.order_complete(order_id=order.pk, actor=order.buyer)
    order.refresh_from_db()
    assert order.status == "completed"
    entry = ShopLedgerEntry.objects.get(order=order)
    assert (entry.amount, entry.commission) == (Decimal("35.15"), Decimal("1.85"))
    assert services.shop_balance(shop_id=order.shop_id) == Decimal("35.15")
    statuses = list(order.events.values_list("to_status", flat=True))
    assert statuses == ["pending_payment", "paid", "shipped", "delivered", "completed"]
    assert all(order.events.values_list("actor", flat=True))
    assert services.orders_audit() == []
    with pytest.raises(Conflict):
        services.payout_record(admin=admin, shop_id=order.shop_id, amount=Decimal("100"))
    services.payout_record(admin=admin, shop_id=order.shop_id, amount=Decimal("35.15"))
    assert services.shop_balance(shop_id=order.shop_id) == Decimal("0.00")


def test_invalid_moves_raise_409_and_only_the_seller_ships():
    (order,) = place(BuyerFactory(), (ProductFactory(), 1))
    with pytest.raises(InvalidTransition):
        services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    pay(order)
    with pytest.raises(NotPermitted):
        services.order_ship(order_id=order.pk, actor=order.buyer, carrier="SF", tracking_number=waybill())
    with pytest.raises(InvalidTransition):
        services.order_complete(order_id=order.pk, actor=order.buyer)


def test_cancel_unpaid_returns_stock_and_refund_before_shipment_too():
    product = ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    services.order_cancel(order_id=order.pk, actor=order.buyer)
    product.refresh_from_db()
    assert product.stock == Decimal("10")
    (paid,) = place(BuyerFactory(), (product, 3))
    pay(paid)
    services.order_cancel(order_id=paid.pk, actor=paid.buyer, reason="changed my mind")
    paid.refresh_from_db()
    product.refresh_from_db()
    assert paid.status == "refunded" and paid.refunded_amount == paid.total
    assert product.stock == Decimal("10") and product.units_sold == Decimal("0")
    assert _rollup(paid.shop) == (Decimal("0.00"), 0)
    assert services.orders_audit() == []


def test_refund_after_shipment_keeps_stock_out():
    product = ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    pay(order)
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_refund(order_id=order.pk, actor=order.shop.owner, reason="lost parcel")
    product.refresh_from_db()
    assert product.stock == Decimal("8")
    assert Refund.objects.get(order=order).amount == Decimal("37.00")


def test_weighed_lighter_line_is_repriced_and_refunded_once():
    product = ProductFactory(unit_price=Decimal("18.33"), stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    assert order.total == Decimal("36.66")
    pay(order)
    line = order.lines.get()
    services.order_ship(
        order_id=order.pk,
        actor=order.shop.owner,
        carrier="SF",
        tracking_number=waybill(),
        weighed={line.pk: Decimal("1.85")},
    )
    order.refresh_from_db()
    line.refresh_from_db()
    # 18.33 x 1.85 = 33.9105 -> 33.91; refund 2.75
    assert line.line_total == Decimal("33.91")
    assert order.refunded_amount == Decimal("2.75")
    assert _rollup(order.shop) == (Decimal("33.91"), 1)
    assert services.orders_audit() == []


def test_weighed_heavier_costs_nothing_more_and_outside_tolerance_is_refused():
    product = ProductFactory(stock=Decimal("10"))
    (order,) = place(BuyerFactory(), (product, 2))
    pay(order)
    line = order.lines.get()
    with pytest.raises(ValidationFailed):
        services.order_ship(
            order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill(), weighed={line.pk: "1.5"}
        )
    order.refresh_from_db()
    assert order.status == "paid"
    services.order_ship(
        order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill(), weighed={line.pk: "2.3"}
    )
    order.refresh_from_db()
    assert order.refunded_amount == Decimal("0.00") and order.total == Decimal("37.00")


def _delivered_order():
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    return order


def test_dispute_refund_decision_refunds_the_order():
    order = _delivered_order()
    dispute = services.dispute_open(order_id=order.pk, buyer=order.buyer, reason="crushed")
    with pytest.raises(Conflict):
        services.order_complete(order_id=order.pk, actor=order.buyer)
    services.dispute_answer(dispute_id=dispute.pk, seller=order.shop.owner, answer="packed well")
    services.dispute_decide(dispute_id=dispute.pk, admin=AdminFactory(), refund=True, note="photos show damage")
    order.refresh_from_db()
    dispute.refresh_from_db()
    assert dispute.status == "refunded" and order.status == "refunded"
    assert _rollup(order.shop) == (Decimal("0.00"), 0)
    assert services.orders_audit() == []


def test_dispute_rejected_then_completes_and_window_is_15_days():
    order = _delivered_order()
    dispute = services.dispute_open(order_id=order.pk, buyer=order.buyer, reason="late")
    services.dispute_decide(dispute_id=dispute.pk, admin=AdminFactory(), refund=False)
    services.order_complete(order_id=order.pk, actor=order.buyer)
    late = _delivered_order()
    Order.objects.filter(pk=late.pk).update(delivered_at=timezone.now() - datetime.timedelta(days=16))
    with pytest.raises(Conflict):
        services.dispute_open(order_id=late.pk, buyer=late.buyer, reason="too late")
    assert Dispute.objects.count() == 1


def test_beat_services_cancel_unpaid_and_auto_complete_idempotently():
    product = ProductFactory(stock=Decimal("10"))
    (old,) = place(BuyerFactory(), (product, 2))
    (fresh,) = place(BuyerFactory(), (product, 2))
    Order.objects.filter(pk=old.pk).update(placed_at=timezone.now() - datetime.timedelta(minutes=31))
    from orders.tasks import orders_auto_complete, orders_cancel_unpaid

    assert orders_cancel_unpaid.delay().get() == 1
    assert orders_cancel_unpaid.delay().get() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == ("cancelled", "pending_payment")
    assert old.events.last().actor is None
    delivered = _delivered_order()
    Order.objects.filter(pk=delivered.pk).update(delivered_at=timezone.now() - datetime.timedelta(days=20))
    assert orders_auto_complete.delay().get() == 1
    assert orders_auto_complete.delay().get() == 0
    delivered.refresh_from_db()
    assert delivered.status == "completed"


def test_audit_finds_a_tampered_order(capsys):
    from django.core.management import call_command

    order = _delivered_order()
    services.order_complete(order_id=order.pk, actor=order.buyer)
    call_command("orders_audit")
    ShopLedgerEntry.objects.filter(order=order).update(amount=Decimal("1.00"))
    with pytest.raises(SystemExit) as exit_info:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["manage.py", "orders_audit"])
    assert exit_info.value.code == 1


def test_assisted_purchase_goes_from_request_to_pickup(station):
    villager = BuyerFactory(home_village=station.village)
    operator = station.operator
    purchase = services.assisted_request(
        operator=operator,
        station_id=station.pk,
        villager_id=villager.pk,
        description="Rice cooker",
        link="https://example.com/x",
        price=Decimal("199"),
        deposit=Decimal("50"),
    )
    services.assisted_order(purchase_id=purchase.pk, operator=operator)
    purchase = services.assisted_arrive(purchase_id=purchase.pk, operator=operator)
    assert len(purchase.pickup_code) == 6 and purchase.pickup_code.isdigit()
    wrong = "000000" if purchase.pickup_code != "000000" else "111111"
    with pytest.raises(ValidationFailed):
        services.assisted_collect(purchase_id=purchase.pk, operator=operator, code=wrong)
    purchase.refresh_from_db()
    assert purchase.status == "arrived" and purchase.collected_at is None
    services.assisted_collect(purchase_id=purchase.pk, operator=operator, code=purchase.pickup_code)
    purchase.refresh_from_db()
    assert purchase.status == "collected"
    with pytest.raises(InvalidTransition):  # single use
        services.assisted_collect(purchase_id=purchase.pk, operator=operator, code=purchase.pickup_code)
    with pytest.raises(NotPermitted):
        services.assisted_request(
            operator=BuyerFactory(), station_id=station.pk, villager_id=villager.pk, description="x", price=1
        )


def test_assisted_purchase_of_a_taocun_product_is_priced_from_the_catalogue(station):
    product = ProductFactory(unit_price=Decimal("10.00"))
    purchase = services.assisted_request(
        operator=station.operator,
        station_id=station.pk,
        villager_id=BuyerFactory(home_village=station.village).pk,
        product_id=product.pk,
        quantity=Decimal("2"),
        price=Decimal("1"),
    )
    assert purchase.price == Decimal("20.00") and purchase.description == product.name


def test_rest_cart_checkout_empties_the_cart():
    buyer = BuyerFactory()
    product = ProductFactory()
    services.cart_item_set(user=buyer, product_id=product.pk, quantity=Decimal("2"))
    orders = services.cart_checkout(user=buyer, ship_to=ship_to())
    assert len(orders) == 1 and not buyer.cart.items.exists()


def test_a_rest_cart_checkout_that_runs_short_keeps_the_cart():
    # The cart is emptied before the stock take (so the stock's row locks end at the commit): a checkout
    # that runs short rolls the emptying back with everything else.
    buyer = BuyerFactory()
    product = ProductFactory(stock=Decimal("3"))
    services.cart_item_set(user=buyer, product_id=product.pk, quantity=Decimal("2"))
    product.variants.update(stock=Decimal("1"))  # the option holds the stock (issue 18)
    with pytest.raises(Conflict):
        services.cart_checkout(user=buyer, ship_to=ship_to())
    assert list(buyer.cart.items.values_list("product_id", "quantity")) == [(product.pk, Decimal("2"))]
    assert not buyer.orders.exists()
