"""The best valid combination, and checking a buyer's own choice (pure: no checkout)."""

from decimal import Decimal

import pytest

from core.errors import Conflict, ValidationFailed
from promotions.selectors import claims_usable, coupon_plan
from tests.factories import BuyerFactory, ShopFactory
from tests.promotions.factories import claimed

pytestmark = pytest.mark.django_db


def test_best_combination_one_per_shop_and_one_platform_explained():
    buyer = BuyerFactory()
    a, b = ShopFactory(), ShopFactory()
    small = claimed(buyer, shop=a, threshold="50", amount_off="5")
    big = claimed(buyer, shop=a, threshold="99", amount_off="10")
    too_high = claimed(buyer, shop=b, threshold="500", amount_off="50")
    platform = claimed(buyer, threshold="100", percent_off=Decimal("10"), cap=Decimal("15"))
    claims = claims_usable(user=buyer, shop_ids=[a.pk, b.pk])
    plan = coupon_plan(claims=claims, subtotals={a.pk: Decimal("120.00"), b.pk: Decimal("80.00")})
    assert plan.shop_picks[a.pk].claim_id == big.pk
    assert b.pk not in plan.shop_picks  # 满 500 not reached
    assert plan.platform_pick.claim_id == platform.pk and plan.platform_pick.discount == Decimal("15.00")  # capped
    assert plan.total_discount == Decimal("25.00")
    assert [p.claim_id for p in plan.options[a.pk]] == [big.pk, small.pk]
    assert plan.shop_picks[a.pk].explanation == "¥10 off orders of ¥99 or more: −¥10.00"
    # the buyer may choose the smaller one, or none
    chosen = coupon_plan(claims=claims, subtotals={a.pk: Decimal("120.00"), b.pk: Decimal("80.00")}, choice=[small.pk])
    assert chosen.claim_ids == [small.pk] and chosen.total_discount == Decimal("5.00")
    assert coupon_plan(claims=claims, subtotals={a.pk: Decimal("120.00")}, choice=[]).picks == []
    with pytest.raises(ValidationFailed) as error:
        coupon_plan(claims=claims, subtotals={a.pk: Decimal("120.00"), b.pk: Decimal("80")}, choice=[too_high.pk])
    assert error.value.code == "coupon_threshold"
    with pytest.raises(ValidationFailed) as error:
        coupon_plan(claims=claims, subtotals={a.pk: Decimal("120.00")}, choice=[small.pk, big.pk])
    assert error.value.code == "coupon_one_per_shop"
    with pytest.raises(ValidationFailed) as error:
        coupon_plan(claims=claims, subtotals={a.pk: Decimal("120.00")}, choice=[999999])
    assert error.value.code == "coupon_unavailable"


def test_platform_coupon_not_for_a_self_purchase():
    buyer, shop = BuyerFactory(), ShopFactory()
    platform = claimed(buyer, threshold="0", amount_off="5")
    claims = claims_usable(user=buyer, shop_ids=[shop.pk])
    plan = coupon_plan(claims=claims, subtotals={shop.pk: Decimal("50")}, platform_allowed=False)
    assert plan.platform_pick is None and plan.notes
    with pytest.raises(Conflict) as error:
        coupon_plan(claims=claims, subtotals={shop.pk: Decimal("50")}, choice=[platform.pk], platform_allowed=False)
    assert error.value.code == "coupon_self_purchase"


def test_a_coupon_never_takes_the_whole_order():
    buyer, shop = BuyerFactory(), ShopFactory()
    claimed(buyer, shop=shop, threshold="0", amount_off="30")
    claims = claims_usable(user=buyer, shop_ids=[shop.pk])
    plan = coupon_plan(claims=claims, subtotals={shop.pk: Decimal("20.00")}, keep=Decimal("0.01"))
    assert plan.total_discount == Decimal("19.99")
