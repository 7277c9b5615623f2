"""One payment for a whole checkout (合并付款, issue 16): paid once, then each order lives on its own."""

import json
import uuid
from decimal import Decimal

import pytest

from core.errors import InvalidTransition, NotFound
from core.payments import callback_body, callback_sign
from orders import services
from orders.models import CheckoutPayment, Order, OrderStatus, Payment, PaymentStatus, Refund
from tests.factories import BuyerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import place

pytestmark = pytest.mark.django_db
D = Decimal


def three_shop_checkout(buyer):
    products = [ProductFactory(shop=ShopFactory(), unit_price=D(price)) for price in ("10.00", "20.50", "7.25")]
    return place(buyer, *[(product, 2) for product in products])


def callback(checkout_payment, *, status="succeeded", amount=None):
    body = callback_body(
        reference=checkout_payment.reference, status=status, amount=D(amount or checkout_payment.amount)
    )
    return services.payment_callback_handle(body=body, signature=callback_sign(body))


def test_three_shop_checkout_paid_once_then_one_order_refunded():
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    key = uuid.uuid4().hex
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key=key
    )
    assert checkout_payment.amount == D("75.50")
    assert (
        services.checkout_payment_start(checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key=key)
        == checkout_payment
    )  # replayed start: the same payment
    assert callback(checkout_payment).status == PaymentStatus.SUCCEEDED
    assert {o.status for o in Order.objects.filter(checkout_id=orders[0].checkout_id)} == {OrderStatus.PAID}
    assert sorted(p.amount for p in checkout_payment.parts.all()) == [D("14.50"), D("20.00"), D("41.00")]
    # The replayed callback changes nothing.
    assert callback(checkout_payment).status == PaymentStatus.SUCCEEDED
    assert Payment.objects.filter(status=PaymentStatus.SUCCEEDED).count() == 3
    # One shop's order is refunded later; the others go on.
    refunded = orders[1]
    services.order_refund(order_id=refunded.pk, actor=refunded.shop.owner)
    assert Refund.objects.get(order=refunded).amount == refunded.total
    other = orders[0]
    services.order_ship(order_id=other.pk, actor=other.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=other.pk, actor=buyer)
    services.order_complete(order_id=other.pk, actor=buyer)
    assert services.orders_audit() == []


@pytest.mark.parametrize(("status", "amount"), [("failed", None), ("succeeded", "75.49"), ("succeeded", "10.00")])
def test_declined_or_partial_payment_leaves_nothing_half_paid(status, amount):
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="k1"
    )
    assert callback(checkout_payment, status=status, amount=amount).status == PaymentStatus.FAILED
    assert {o.status for o in Order.objects.filter(pk__in=[o.pk for o in orders])} == {OrderStatus.PENDING_PAYMENT}
    assert set(checkout_payment.parts.values_list("status", flat=True)) == {PaymentStatus.FAILED}
    assert services.orders_audit() == []
    # A new attempt pays them all.
    again = services.checkout_payment_start(checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="k2")
    assert callback(again).status == PaymentStatus.SUCCEEDED
    assert services.orders_audit() == []


def test_an_order_paid_or_cancelled_meanwhile_fails_the_whole_checkout_payment():
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="k1"
    )
    services.order_cancel(order_id=orders[2].pk, actor=buyer)
    assert callback(checkout_payment).status == PaymentStatus.FAILED
    assert Order.objects.filter(pk__in=[orders[0].pk, orders[1].pk], status=OrderStatus.PAID).count() == 0
    # The next checkout payment covers only what still waits.
    again = services.checkout_payment_start(checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="k2")
    assert again.amount == orders[0].total + orders[1].total
    callback(again)
    assert services.orders_audit() == []


def test_a_part_cannot_be_confirmed_on_its_own_and_single_orders_still_pay():
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="k1"
    )
    part = checkout_payment.parts.order_by("order_id").first()
    body = callback_body(reference=part.reference, status="succeeded", amount=part.amount)
    with pytest.raises(NotFound):
        services.payment_callback_handle(body=body, signature=callback_sign(body))
    # The buyer pays one order by itself; the checkout payment then fails as a whole.
    single = services.payment_start(order_id=orders[0].pk, payer=buyer, idempotency_key="single")
    services.payment_simulate(payment=single)
    assert callback(checkout_payment).status == PaymentStatus.FAILED
    assert Order.objects.get(pk=orders[1].pk).status == OrderStatus.PENDING_PAYMENT
    assert services.orders_audit() == []


def test_someone_elses_checkout_and_a_paid_checkout_are_refused():
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    with pytest.raises(NotFound):
        services.checkout_payment_start(checkout_id=orders[0].checkout_id, payer=BuyerFactory(), idempotency_key="x")
    callback(services.checkout_payment_start(checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="a"))
    with pytest.raises(InvalidTransition):
        services.checkout_payment_start(checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="b")
    assert CheckoutPayment.objects.count() == 1


def test_callback_over_http_bad_signature_is_403_and_writes_nothing(client):
    buyer = BuyerFactory()
    orders = three_shop_checkout(buyer)
    checkout_payment = services.checkout_payment_start(
        checkout_id=orders[0].checkout_id, payer=buyer, idempotency_key="k"
    )
    body = callback_body(reference=checkout_payment.reference, status="succeeded", amount=checkout_payment.amount)
    bad = client.post(
        "/orders/payments/callback/",
        data=body,
        content_type="application/json",
        headers={"X-Taocun-Signature": "0" * 64},
    )
    assert bad.status_code == 403
    checkout_payment.refresh_from_db()
    assert checkout_payment.status == PaymentStatus.PENDING
    good = client.post(
        "/orders/payments/callback/",
        data=body,
        content_type="application/json",
        headers={"X-Taocun-Signature": callback_sign(body)},
    )
    assert good.status_code == 200
    assert json.loads(good.content)["status"] == "succeeded"
