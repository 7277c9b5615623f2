"""Coupon races on PostgreSQL: one claim, two checkouts at once; one person's accounts claiming at once."""

from decimal import Decimal

import pytest
from django.conf import settings

from core.errors import DomainError
from orders import services
from orders.models import Order, OrderCoupon
from promotions import services as coupon_services
from promotions.models import ClaimStatus, CouponClaim
from tests.factories import BuyerFactory, ProductFactory
from tests.orders.factories import options, ship_to
from tests.orders.test_concurrency import _race
from tests.promotions.factories import claimed, coupon

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="row locks and concurrent connections need PostgreSQL (set DATABASE_URL)",
    ),
]


@pytest.mark.parametrize("round_", range(3))
def test_a_one_per_user_coupon_used_by_two_concurrent_checkouts_is_consumed_once(round_):
    buyer = BuyerFactory()
    product = ProductFactory(unit_price=Decimal("100.00"), order_step=Decimal("1"), stock=Decimal("50"))
    claim = claimed(buyer, shop=product.shop, per_user=1)
    address = ship_to()
    results = _race(
        2,
        lambda i: services.order_place(
            buyer=buyer, variants=options((product, 1)), ship_to=address, coupons=[claim.pk]
        ),
    )
    won = [r for r in results if isinstance(r, list)]
    # The loser either waited on the winner's row lock (409 coupon_used) or started after its commit and found the
    # claim used already (400 coupon_unavailable): either way it placed nothing.
    lost = [r for r in results if isinstance(r, DomainError) and r.code in ("coupon_used", "coupon_unavailable")]
    assert (len(won), len(lost)) == (1, 1), results
    assert OrderCoupon.objects.filter(claim=claim).count() == 1
    assert Order.objects.count() == 1  # the losing checkout rolled back entirely
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.USED
    product.refresh_from_db()
    assert product.stock == Decimal("49")
    assert services.orders_audit() == []


def test_accounts_of_one_phone_claiming_at_once_get_one_coupon():
    offer = coupon(shop=ProductFactory().shop, per_user=1)
    accounts = [BuyerFactory(phone="13700001234") for _ in range(6)]
    results = _race(6, lambda i: coupon_services.coupon_claim(user=accounts[i], coupon_id=offer.pk))
    assert sum(isinstance(r, CouponClaim) for r in results) == 1, results
    assert CouponClaim.objects.filter(coupon=offer).count() == 1
    offer.refresh_from_db()
    assert offer.claimed_count == 1


def test_the_last_coupons_are_never_over_claimed():
    offer = coupon(quantity=3)
    buyers = [BuyerFactory() for _ in range(10)]
    results = _race(10, lambda i: coupon_services.coupon_claim(user=buyers[i], coupon_id=offer.pk))
    assert sum(isinstance(r, CouponClaim) for r in results) == 3
    offer.refresh_from_db()
    assert offer.claimed_count == 3
