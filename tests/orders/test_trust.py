"""Checkout's trust rules on the services: own shops refused, suspect orders held out of the rollups until a
review, price bounds, and delivery only by the buyer, the carrier or the timer."""

from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import UserDevice
from core.audit import current_device
from core.errors import NotPermitted, ValidationFailed
from orders import services
from orders.carriers import carrier_sign
from orders.models import Order, ShopMonthlySales
from tests.factories import AdminFactory, BuyerFactory, FarmerFactory, ProductFactory, ShopFactory, waybill
from tests.orders.factories import options, pay, place, ship_to

pytestmark = pytest.mark.django_db


def _volume(shop) -> tuple:
    row = ShopMonthlySales.objects.filter(shop=shop).values_list("sales_volume", "order_count").first()
    return row or (Decimal("0"), 0)


def test_own_shop_and_member_shop_are_refused_with_nothing_written():
    product = ProductFactory()
    member = BuyerFactory()
    product.shop.members.add(member)
    for buyer in (product.shop.owner, member):
        with pytest.raises(services.OwnShopPurchase) as error:
            place(buyer, (product, 2))
        assert error.value.status_code == 409
    assert not Order.objects.exists()


def test_a_device_both_used_holds_the_order():
    product = ProductFactory()
    buyer = BuyerFactory()
    # The seller was seen on this device (listing or shipping); the buyer checks out from it.
    UserDevice.objects.create(user=product.shop.owner, device="device-1", last_seen=timezone.now())
    token = current_device.set("device-1")
    try:
        (order,) = place(buyer, (product, 2))
    finally:
        current_device.reset(token)
    assert (order.trust_review, order.suspect_reasons) == ("held", ["shared_device"])
    assert UserDevice.objects.filter(user=buyer, device="device-1").exists()
    # Another device: nothing links them.
    (other,) = place(BuyerFactory(), (product, 2))
    assert (other.trust_review, other.suspect_reasons) == ("", [])


def test_held_orders_join_the_rollups_when_cleared_and_leave_them_when_confirmed_as_fraud():
    seller = FarmerFactory(phone="13712345678")
    product = ProductFactory(shop=ShopFactory(owner=seller))
    relative = BuyerFactory(phone="13712345678")
    (order,) = place(relative, (product, 2))
    assert order.suspect_reasons == ["shared_phone"]
    pay(order)
    assert _volume(product.shop) == (Decimal("0.00"), 0)
    admin = AdminFactory()
    services.order_review_clear(order_id=order.pk, reviewer=admin, note="cousin")
    assert _volume(product.shop) == (Decimal("37.00"), 1)
    services.order_review_confirm_fraud(order_id=order.pk, reviewer=admin, note="same phone")
    assert _volume(product.shop) == (Decimal("0.00"), 0)
    assert services.orders_audit() == []
    services.sales_rollup_rebuild()
    assert _volume(product.shop) == (Decimal("0"), 0)


def test_a_refund_of_a_held_order_leaves_the_rollups_alone():
    seller = FarmerFactory(phone="13712345678")
    product = ProductFactory(shop=ShopFactory(owner=seller))
    (order,) = services.order_place(
        buyer=BuyerFactory(), variants=options((product, Decimal("2"))), ship_to=ship_to(recipient_phone="13712345678")
    )
    pay(order)
    services.order_cancel(order_id=order.pk, actor=order.buyer)
    assert _volume(product.shop) == (Decimal("0.00"), 0)
    assert services.orders_audit() == []


def test_checkout_refuses_a_product_priced_outside_its_units_bounds():
    product = ProductFactory(unit="kg", unit_price=Decimal("0.01"))
    with pytest.raises(ValidationFailed) as error:
        place(BuyerFactory(), (product, 2))
    assert error.value.code == "unit_price_out_of_bounds" and "items" in error.value.fields


def test_only_the_buyer_delivers():
    (order,) = place(BuyerFactory(), (ProductFactory(), 2))
    pay(order)
    seller = order.shop.owner
    services.order_ship(order_id=order.pk, actor=seller, carrier="SF", tracking_number=waybill())
    for actor in (seller, AdminFactory()):
        with pytest.raises(NotPermitted):
            services.order_deliver(order_id=order.pk, actor=actor)
    assert services.order_deliver(order_id=order.pk, actor=order.buyer).status == "delivered"


def test_carrier_callback_refuses_a_bad_signature_and_a_malformed_body():
    with pytest.raises(NotPermitted):
        services.carrier_callback_handle(body=b"{}", signature="nope")
    with pytest.raises(ValidationFailed):
        services.carrier_callback_handle(body=b"not json", signature=carrier_sign(b"not json"))
