"""Group-buy races on PostgreSQL: threads, each with its own database connection."""

from decimal import Decimal

import pytest
from django.conf import settings

from core.errors import ValidationFailed
from orders import services
from orders.models import Order, ShopMonthlySales
from promotions.models import GroupBuyStatus
from tests.factories import BuyerFactory
from tests.orders.factories import pay, ship_to
from tests.orders.test_concurrency import _race
from tests.promotions.factories import GroupBuyOfferFactory, VariantFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks and concurrent connections need PostgreSQL (set DATABASE_URL)",
    ),
]


def test_twenty_concurrent_joins_of_a_group_of_four_take_exactly_three_places():
    offer = GroupBuyOfferFactory(group_size=4)
    leader = services.group_buy_open(buyer=BuyerFactory(), offer_id=offer.pk, ship_to=ship_to())
    buyers = [BuyerFactory() for _ in range(20)]
    address = ship_to()
    results = _race(20, lambda i: services.group_buy_join(buyer=buyers[i], code=leader.group.code, ship_to=address))
    joined = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, ValidationFailed) and r.code == "group_full"]
    assert (len(joined), len(refused)) == (3, 17), [r for r in results if isinstance(r, Exception)][:3]
    assert leader.group.members.count() == 4
    offer.variant.refresh_from_db()
    assert offer.variant.stock == Decimal("16")


def test_one_buyer_joining_twice_at_once_gets_one_place():
    offer = GroupBuyOfferFactory(group_size=5)
    leader = services.group_buy_open(buyer=BuyerFactory(), offer_id=offer.pk, ship_to=ship_to())
    buyer, address = BuyerFactory(), ship_to()
    results = _race(6, lambda i: services.group_buy_join(buyer=buyer, code=leader.group.code, ship_to=address))
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert {r.code for r in results if isinstance(r, Exception)} == {"already_member"}


def test_joins_racing_for_the_last_units_of_stock_never_oversell():
    offer = GroupBuyOfferFactory(group_size=10, variant=VariantFactory(stock=Decimal("4")))
    leader = services.group_buy_open(buyer=BuyerFactory(), offer_id=offer.pk, ship_to=ship_to())
    buyers = [BuyerFactory() for _ in range(9)]
    address = ship_to()
    results = _race(9, lambda i: services.group_buy_join(buyer=buyers[i], code=leader.group.code, ship_to=address))
    assert sum(not isinstance(r, Exception) for r in results) == 3
    offer.variant.refresh_from_db()
    assert offer.variant.stock == Decimal("0")


def test_the_last_members_paying_at_once_succeed_the_group_once():
    offer = GroupBuyOfferFactory(group_size=3)
    leader = services.group_buy_open(buyer=BuyerFactory(), offer_id=offer.pk, ship_to=ship_to())
    members = [leader] + [
        services.group_buy_join(buyer=BuyerFactory(), code=leader.group.code, ship_to=ship_to()) for _ in range(2)
    ]
    orders = [Order.objects.get(pk=member.order_id) for member in members]
    results = _race(3, lambda i: pay(orders[i]))
    assert all(r.status == "succeeded" for r in results), results
    leader.group.refresh_from_db()
    assert leader.group.status == GroupBuyStatus.SUCCEEDED
    row = ShopMonthlySales.objects.get(shop=offer.shop)
    assert (row.sales_volume, row.order_count) == (Decimal("75.00"), 3)
    assert services.orders_audit() == []
