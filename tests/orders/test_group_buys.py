"""Group buying (拼团): three buyers form a group and each pays the group price; an expired group refunds itself;
joining a full, succeeded or expired group is refused; nobody joins twice; stock never oversold; sybils earn no
trust; the books balance."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import UserDevice
from core.audit import current_device
from core.errors import Conflict, NotPermitted, ValidationFailed
from credit.trading import trading_facts_for_users
from orders import services
from orders.models import Order, OrderStatus, Refund, ShopMonthlySales
from orders.services.common import InsufficientStock
from promotions.models import GroupBuy, GroupBuyStatus
from promotions.services import group_buy_offer_create, group_buy_offer_end
from tests.factories import BuyerFactory, OperatorFactory, StationFactory, waybill
from tests.orders.factories import pay, ship_to
from tests.promotions.factories import GroupBuyOfferFactory, VariantFactory

pytestmark = pytest.mark.django_db


def _volume(shop) -> tuple:
    row = ShopMonthlySales.objects.filter(shop=shop).values_list("sales_volume", "order_count").first()
    return row or (Decimal("0"), 0)


def _open(offer, buyer=None):
    return services.group_buy_open(buyer=buyer or BuyerFactory(), offer_id=offer.pk, ship_to=ship_to())


def _join(group, buyer=None):
    return services.group_buy_join(buyer=buyer or BuyerFactory(), code=group.code, ship_to=ship_to())


def _expire_now(group):
    GroupBuy.objects.filter(pk=group.pk).update(deadline=timezone.now() - datetime.timedelta(seconds=1))


def test_three_buyers_form_a_group_and_each_pays_the_group_price():
    offer = GroupBuyOfferFactory()
    variant = offer.variant
    leader = _open(offer)
    group = leader.group
    assert (group.size, group.price, group.status) == (3, Decimal("25.00"), GroupBuyStatus.OPEN)
    assert group.deadline > timezone.now() + datetime.timedelta(hours=23)
    members = [leader, _join(group), _join(group)]
    variant.refresh_from_db()
    assert variant.stock == Decimal("17")
    for member in members:
        line = member.order.lines.get()
        assert (line.unit_price, line.variant_id, line.variant_name) == (Decimal("25.00"), variant.pk, variant.name)
        assert member.order.total == Decimal("25.00")
    pay(members[0].order)
    pay(members[1].order)
    first = Order.objects.get(pk=members[0].order_id)
    assert first.status == OrderStatus.PAID
    # Paid but waiting: the seller cannot ship, nor refund by hand; no sale counted yet.
    seller = offer.shop.owner
    with pytest.raises(Conflict) as error:
        services.order_ship(order_id=first.pk, actor=seller, carrier="SF", tracking_number=waybill())
    assert error.value.code == "waiting_for_group"
    with pytest.raises(Conflict):
        services.order_cancel(order_id=first.pk, actor=first.buyer)
    assert _volume(offer.shop) == (Decimal("0"), 0)
    assert services.rollups_audit() == []  # a rebuild would not count the waiting orders either
    pay(members[2].order)
    group.refresh_from_db()
    assert group.status == GroupBuyStatus.SUCCEEDED
    assert _volume(offer.shop) == (Decimal("75.00"), 3)
    services.order_ship(order_id=first.pk, actor=seller, carrier="SF", tracking_number=waybill())
    assert services.orders_audit() == [] and services.rollups_audit() == []


def test_joining_a_succeeded_full_or_expired_group_is_refused_clearly():
    offer = GroupBuyOfferFactory(group_size=2)
    done = _open(offer)
    other = _join(done.group)
    pay(done.order), pay(other.order)
    with pytest.raises(ValidationFailed) as error:
        _join(done.group)
    assert error.value.code == "group_succeeded" and "group" in error.value.fields

    full = _open(offer)
    _join(full.group)  # unpaid, but within the payment timeout: the place is held
    with pytest.raises(ValidationFailed) as error:
        _join(full.group)
    assert error.value.code == "group_full"

    expired = _open(offer)
    _expire_now(expired.group)
    with pytest.raises(ValidationFailed) as error:
        _join(expired.group)
    assert error.value.code == "group_expired"
    assert Order.objects.count() == 5


def test_a_member_cannot_join_twice_nor_the_seller_join_their_own_group():
    offer = GroupBuyOfferFactory()
    leader = _open(offer)
    with pytest.raises(ValidationFailed) as error:
        _join(leader.group, leader.buyer)
    assert error.value.code == "already_member"
    with pytest.raises(services.OwnShopPurchase):
        _join(leader.group, offer.shop.owner)
    assert leader.group.members.count() == 1


def test_an_unpaid_place_is_held_only_for_the_payment_timeout(settings):
    offer = GroupBuyOfferFactory(group_size=2)
    leader = _open(offer)
    late = _join(leader.group)
    old = timezone.now() - datetime.timedelta(minutes=settings.ORDERS_UNPAID_TIMEOUT_MINUTES + 1)
    Order.objects.filter(pk=late.order_id).update(placed_at=old)
    # The late member's place is free again: someone else takes it, and the late member may join once more later.
    newcomer = _join(leader.group)
    assert newcomer.group_id == leader.group_id
    assert services.orders_cancel_unpaid() == 1  # the project's unpaid timer cancels the late order: stock back
    offer.variant.refresh_from_db()
    assert offer.variant.stock == Decimal("18")


def test_an_expired_group_refunds_every_paid_member_and_releases_unpaid_places_once():
    offer = GroupBuyOfferFactory(group_size=3)
    leader = _open(offer)
    second = _join(leader.group)
    unpaid = _join(leader.group)
    pay(leader.order), pay(second.order)
    late = services.payment_start(order_id=unpaid.order_id, payer=unpaid.buyer, idempotency_key="late")
    _expire_now(leader.group)
    assert services.group_buys_expire() == 1
    assert services.group_buys_expire() == 0  # idempotent
    leader.group.refresh_from_db()
    assert leader.group.status == GroupBuyStatus.FAILED
    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses == {
        leader.order_id: OrderStatus.REFUNDED,
        second.order_id: OrderStatus.REFUNDED,
        unpaid.order_id: OrderStatus.CANCELLED,
    }
    assert sorted(Refund.objects.values_list("amount", flat=True)) == [Decimal("25.00"), Decimal("25.00")]
    offer.variant.refresh_from_db()
    assert offer.variant.stock == Decimal("20")
    assert _volume(offer.shop) == (Decimal("0"), 0)
    assert services.orders_audit() == [] and services.rollups_audit() == []
    # The unpaid member's payment is confirmed late: it fails, nothing is kept.
    assert services.payment_simulate(payment=late).status == "failed"
    assert services.orders_audit() == []


def test_the_last_payment_after_the_deadline_does_not_succeed_the_group():
    offer = GroupBuyOfferFactory(group_size=2)
    leader = _open(offer)
    other = _join(leader.group)
    pay(leader.order)
    _expire_now(leader.group)
    pay(other.order)
    leader.group.refresh_from_db()
    assert leader.group.status == GroupBuyStatus.OPEN
    assert services.group_buys_expire() == 1
    assert set(Order.objects.values_list("status", flat=True)) == {OrderStatus.REFUNDED}
    assert services.orders_audit() == [] and services.rollups_audit() == []


def test_the_expiry_task_works_in_chunks():
    offer = GroupBuyOfferFactory(group_size=2)
    groups = [_open(offer).group for _ in range(5)]
    for group in groups:
        _expire_now(group)
    assert services.group_buys_expire(chunk=2) == 5
    assert not GroupBuy.objects.filter(status=GroupBuyStatus.OPEN).exists()


def test_stock_is_never_oversold_and_comes_back():
    offer = GroupBuyOfferFactory(variant=VariantFactory(stock=Decimal("2")), group_size=3)
    leader = _open(offer)
    _join(leader.group)
    with pytest.raises(InsufficientStock):
        _join(leader.group)
    offer.variant.refresh_from_db()
    assert offer.variant.stock == Decimal("0")
    assert leader.group.members.count() == 2


def test_the_offers_own_limits_groups_and_stock():
    offer = GroupBuyOfferFactory(group_size=2, max_groups=1)
    _open(offer)
    with pytest.raises(ValidationFailed) as error:
        _open(offer)
    assert error.value.code == "offer_sold_out"
    capped = GroupBuyOfferFactory(group_size=3, max_quantity=Decimal("2"))
    leader = _open(capped)
    _join(leader.group)
    with pytest.raises(ValidationFailed) as error:
        _join(leader.group)
    assert error.value.code == "offer_sold_out"


def test_a_group_filled_by_the_sellers_sybils_earns_no_trust_points():
    """The attack: the farmer fills their own group with accounts on their own phone and device, then completes
    the orders, hoping for trading points and a bigger loan."""
    offer = GroupBuyOfferFactory(group_size=3)
    seller = offer.shop.owner
    UserDevice.objects.create(user=seller, device="farmer-phone", last_seen=timezone.now())
    sybils = [BuyerFactory() for _ in range(3)]
    token = current_device.set("farmer-phone")
    try:
        leader = _open(offer, sybils[0])
        members = [leader, _join(leader.group, sybils[1]), _join(leader.group, sybils[2])]
    finally:
        current_device.reset(token)
    for member in members:
        pay(member.order)
    leader.group.refresh_from_db()
    assert leader.group.status == GroupBuyStatus.SUCCEEDED
    for member in members:
        services.order_ship(order_id=member.order_id, actor=seller, carrier="SF", tracking_number=waybill())
        services.order_deliver(order_id=member.order_id, actor=member.buyer)
        services.order_complete(order_id=member.order_id, actor=member.buyer)
    assert set(Order.objects.values_list("trust_review", flat=True)) == {"held"}
    facts = trading_facts_for_users(user_ids=[seller.pk])[seller.pk]
    assert facts.orders == 0
    assert _volume(offer.shop) == (Decimal("0"), 0)  # held orders stay out of certification's sales too
    assert services.orders_audit() == []


def test_offers_are_created_by_the_farmer_or_their_station_below_the_options_price():
    variant = VariantFactory()
    farmer = variant.product.shop.owner
    with pytest.raises(ValidationFailed) as error:
        group_buy_offer_create(actor=farmer, variant_id=variant.pk, group_price="30.00", group_size=1)
    assert {"group_price", "group_size"} <= set(error.value.fields)
    with pytest.raises(NotPermitted):
        group_buy_offer_create(actor=BuyerFactory(), variant_id=variant.pk, group_price="25", group_size=3)
    station = StationFactory(village=variant.product.shop.village, operator=OperatorFactory())
    offer = group_buy_offer_create(
        actor=station.operator, variant_id=variant.pk, group_price="25", group_size="3", fill_hours="12"
    )
    assert (offer.group_price, offer.group_size, offer.fill_hours, offer.shop) == (
        Decimal("25.00"),
        3,
        12,
        variant.product.shop,
    )
    group_buy_offer_end(actor=farmer, offer_id=offer.pk)
    with pytest.raises(ValidationFailed) as error:
        _open(offer)
    assert error.value.code == "offer_closed"


def test_a_place_given_away_after_the_payment_timeout_is_refunded_if_paid_late(settings):
    offer = GroupBuyOfferFactory(group_size=2)
    leader = _open(offer)
    pay(leader.order)
    late = _join(leader.group)
    payment = services.payment_start(order_id=late.order_id, payer=late.buyer, idempotency_key="late")
    old = timezone.now() - datetime.timedelta(minutes=settings.ORDERS_UNPAID_TIMEOUT_MINUTES + 1)
    Order.objects.filter(pk=late.order_id).update(placed_at=old)
    newcomer = _join(leader.group)
    services.payment_simulate(payment=payment)  # the late payment arrives before the unpaid timer ran
    assert Order.objects.get(pk=late.order_id).status == OrderStatus.REFUNDED
    pay(newcomer.order)
    leader.group.refresh_from_db()
    assert leader.group.status == GroupBuyStatus.SUCCEEDED
    assert Order.objects.filter(group_buy_member__group=leader.group, status=OrderStatus.PAID).count() == 2
    assert services.orders_audit() == [] and services.rollups_audit() == []


def test_a_group_shipped_to_a_city_of_another_province_is_refused_and_nothing_written():
    """Freight is priced by province: a member may not pick Jiangsu's rate and type 兰州 (Gansu), as at checkout."""
    offer = GroupBuyOfferFactory(variant=VariantFactory(name="5 斤装", unit_price=Decimal("30.00")))
    with pytest.raises(ValidationFailed) as refused:
        services.group_buy_open(buyer=BuyerFactory(), offer_id=offer.pk, ship_to=ship_to(city="兰州市"))
    assert refused.value.code == "city_not_in_province" and "ship_city" in refused.value.fields
    assert not GroupBuy.objects.filter(offer=offer).exists() and not Order.objects.exists()
