"""Coupons on orders: applied at checkout (server-side figures), split to the cent, refunds return the paid share,
the platform's coupon is charged to the platform at settlement, and the books balance."""

from decimal import Decimal

import pytest

from core.errors import Conflict
from orders import services
from orders.models import OrderCoupon, OrderStatus, TrustReview
from orders.services.coupons import BEST, allocate
from orders.services.line_refunds import order_line_refund
from promotions import services as coupon_services
from promotions.models import ClaimStatus
from tests.factories import AdminFactory, BuyerFactory, ProductFactory, ShopFactory, UserFactory, waybill
from tests.orders.factories import options, pay, ship_to
from tests.promotions.factories import claimed, coupon

pytestmark = pytest.mark.django_db


def _place(buyer, *items, coupons=BEST, **address):
    return services.order_place(
        buyer=buyer,
        variants=options(*items),
        ship_to=ship_to(**address),
        coupons=coupons,
    )


def _complete(order):
    services.order_ship(order_id=order.pk, actor=order.shop.owner, carrier="SF", tracking_number=waybill())
    services.order_deliver(order_id=order.pk, actor=order.buyer)
    return services.order_complete(order_id=order.pk, actor=order.buyer)


def test_allocate_is_cent_exact_with_the_remainder_on_the_last():
    assert allocate(Decimal("10.00"), [Decimal("1"), Decimal("1"), Decimal("1")]) == [
        Decimal("3.33"), Decimal("3.33"), Decimal("3.34")
    ]  # fmt: skip
    shares = allocate(Decimal("9.99"), [Decimal("0.01"), Decimal("5.00"), Decimal("4.98")])
    assert sum(shares) == Decimal("9.99") and all(
        s <= w for s, w in zip(shares, [Decimal("0.01"), Decimal("5"), Decimal("4.98")], strict=True)
    )


def test_checkout_applies_the_best_coupons_split_across_orders_and_lines():
    buyer = BuyerFactory()
    apples = ProductFactory(unit_price=Decimal("33.33"), order_step=Decimal("1"))
    pears = ProductFactory(shop=apples.shop, unit_price=Decimal("40.00"), order_step=Decimal("1"))
    rice = ProductFactory(unit_price=Decimal("50.00"), order_step=Decimal("1"))
    shop_claim = claimed(buyer, shop=apples.shop, threshold="99", amount_off="10")
    platform_claim = claimed(buyer, threshold="150", amount_off="20")
    first, second = _place(buyer, (apples, 1), (pears, 2), (rice, 2))  # 113.33 and 100.00 of goods
    assert (first.shop_discount, first.platform_discount) == (Decimal("10.00"), Decimal("10.16"))
    assert (second.shop_discount, second.platform_discount) == (Decimal("0.00"), Decimal("9.84"))
    assert first.total == first.subtotal + first.shipping_fee - Decimal("20.16")
    lines = list(first.lines.order_by("pk"))
    assert sum(line.discount for line in lines) == Decimal("20.16")
    assert sum(line.platform_discount for line in lines) == Decimal("10.16")
    assert {c.claim_id for c in OrderCoupon.objects.all()} == {shop_claim.pk, platform_claim.pk}
    shop_claim.refresh_from_db()
    assert shop_claim.status == ClaimStatus.USED and shop_claim.checkout_id == first.checkout_id
    assert services.orders_audit() == []


def test_no_coupons_when_the_buyer_says_none_and_a_claim_used_once():
    buyer = BuyerFactory()
    product = ProductFactory(unit_price=Decimal("100.00"), order_step=Decimal("1"))
    claim = claimed(buyer, shop=product.shop)
    (order,) = _place(buyer, (product, 1), coupons=[])
    assert order.shop_discount == Decimal("0.00")
    (order,) = _place(buyer, (product, 1), coupons=[claim.pk])
    assert order.shop_discount == Decimal("10.00")
    with pytest.raises(Exception) as error:  # noqa: PT011 - ValidationFailed: not available any more
        _place(buyer, (product, 1), coupons=[claim.pk])
    assert error.value.code == "coupon_unavailable"


def test_an_unpaid_order_cancelled_gives_the_coupon_back_a_paid_one_does_not():
    buyer = BuyerFactory()
    product = ProductFactory(unit_price=Decimal("100.00"), order_step=Decimal("1"))
    claim = claimed(buyer, shop=product.shop)
    (order,) = _place(buyer, (product, 1))
    services.order_cancel(order_id=order.pk, actor=buyer)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.AVAILABLE
    (order,) = _place(buyer, (product, 1))
    pay(order)
    services.order_cancel(order_id=order.pk, actor=buyer)  # refunded in full: what was paid, i.e. after the coupon
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED and order.refunded_amount == order.total
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.USED
    assert services.orders_audit() == []


def test_platform_coupon_is_paid_by_the_platform_at_settlement():
    admin = AdminFactory()
    services.commission_rate_set(admin=admin, rate=Decimal("0.05"))
    buyer = BuyerFactory()
    product = ProductFactory(unit_price=Decimal("100.00"), order_step=Decimal("1"))
    claimed(buyer, threshold="100", amount_off="20")  # platform
    (order,) = _place(buyer, (product, 1))
    assert order.total == Decimal("80.00") + order.shipping_fee
    pay(order)
    _complete(order)
    entry = order.settlement
    # the farmer receives the full 100 of goods (and the freight) less 5 % commission on the 100
    assert entry.platform_subsidy == Decimal("20.00")
    assert entry.commission == Decimal("5.00")
    assert entry.amount == Decimal("95.00") + order.shipping_fee
    assert services.orders_audit() == []


def test_shop_coupon_is_paid_by_the_shop():
    admin = AdminFactory()
    services.commission_rate_set(admin=admin, rate=Decimal("0.05"))
    buyer = BuyerFactory()
    product = ProductFactory(unit_price=Decimal("100.00"), order_step=Decimal("1"))
    claimed(buyer, shop=product.shop, threshold="100", amount_off="20")
    (order,) = _place(buyer, (product, 1))
    pay(order)
    _complete(order)
    entry = order.settlement
    assert (entry.platform_subsidy, entry.commission) == (Decimal("0.00"), Decimal("4.00"))
    assert entry.amount == Decimal("76.00") + order.shipping_fee
    assert services.orders_audit() == []


def test_line_refund_returns_the_paid_share_and_the_subsidy_follows():
    buyer = BuyerFactory()
    a = ProductFactory(unit_price=Decimal("60.00"), order_step=Decimal("1"))
    b = ProductFactory(shop=a.shop, unit_price=Decimal("40.00"), order_step=Decimal("1"))
    claimed(buyer, threshold="100", amount_off="10")  # platform
    (order,) = _place(buyer, (a, 1), (b, 1))
    pay(order)
    line_a = order.lines.get(product=a)
    assert line_a.discount == Decimal("6.00")
    order_line_refund(order_id=order.pk, line_id=line_a.pk, actor=order.shop.owner)
    order.refresh_from_db()
    assert order.refunded_amount == Decimal("54.00")
    with pytest.raises(Conflict):
        order_line_refund(order_id=order.pk, line_id=line_a.pk, actor=order.shop.owner)
    _complete(order)
    assert order.settlement.platform_subsidy == Decimal("4.00")  # only the kept line's share
    assert services.orders_audit() == []


def test_a_platform_coupon_is_refused_on_a_household_purchase_and_earns_nothing_when_fraud():
    farmer_phone = "13912345678"
    product = ProductFactory(unit_price=Decimal("100.00"), order_step=Decimal("1"))
    product.shop.owner.phone = farmer_phone
    product.shop.owner.save()
    cousin = BuyerFactory(phone=farmer_phone)  # another account of the same phone
    claim = claimed(cousin, threshold="0", amount_off="20")
    with pytest.raises(Conflict) as error:
        _place(cousin, (product, 1), coupons=[claim.pk])
    assert error.value.code == "coupon_self_purchase"
    (order,) = _place(cousin, (product, 1))  # the best combination leaves it out
    assert order.trust_review == TrustReview.HELD and order.platform_discount == Decimal("0.00")
    # an order confirmed as fraud after checkout gets no subsidy either
    buyer = BuyerFactory()
    claimed(buyer, threshold="0", amount_off="20")
    (order,) = _place(buyer, (product, 1))
    pay(order)
    services.order_review_confirm_fraud(order_id=order.pk, reviewer=AdminFactory(), note="self-dealing")
    _complete(order)
    assert order.settlement.platform_subsidy == Decimal("0.00")
    assert services.orders_audit() == []


def test_per_person_limit_counts_accounts_sharing_a_phone():
    shop = ShopFactory()
    offer = coupon(shop=shop, per_user=1)
    one = BuyerFactory(phone="+86 138 0000 1111")
    two = BuyerFactory(phone="13800001111")
    coupon_services.coupon_claim(user=one, coupon_id=offer.pk)
    with pytest.raises(Conflict) as error:
        coupon_services.coupon_claim(user=two, coupon_id=offer.pk)
    assert error.value.code == "coupon_limit"
    with pytest.raises(Conflict) as error:
        coupon_services.coupon_claim(user=one, coupon_id=offer.pk)
    assert error.value.code == "coupon_limit"
    with pytest.raises(Conflict) as error:
        coupon_services.coupon_claim(user=shop.owner, coupon_id=offer.pk)
    assert error.value.code == "coupon_own_shop"


def test_quantity_runs_out_and_grants_respect_limits():
    offer = coupon(quantity=2)
    admin = offer.created_by
    users = [UserFactory() for _ in range(3)]
    claims = coupon_services.coupon_grant(admin=admin, coupon_id=offer.pk, user_ids=[u.pk for u in users])
    assert len(claims) == 2
    offer.refresh_from_db()
    assert offer.claimed_count == 2


def test_client_amounts_are_never_trusted():
    # checkout takes claim ids only; a forged claim id of someone else is refused
    buyer, other = BuyerFactory(), BuyerFactory()
    product = ProductFactory(unit_price=Decimal("100.00"), order_step=Decimal("1"))
    theirs = claimed(other, shop=product.shop)
    with pytest.raises(Exception) as error:  # noqa: PT011
        _place(buyer, (product, 1), coupons=[theirs.pk])
    assert error.value.code == "coupon_unavailable"
    assert not OrderCoupon.objects.exists()
