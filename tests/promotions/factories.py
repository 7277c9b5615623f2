"""Coupons for tests: a shop's or the platform's, claimed by a buyer.

Group-buy offers on explicit variants (named: the default option of a product has the empty name).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from promotions import services
from tests.factories import AdminFactory, ProductFactory


def coupon(*, shop=None, threshold="99", amount_off="10", percent_off=None, cap=None, quantity=100, per_user=1, **kw):
    actor = shop.owner if shop is not None else AdminFactory()
    return services.coupon_create(
        actor=actor,
        shop_id=shop.pk if shop is not None else None,
        kind="percent" if percent_off else "amount",
        threshold=Decimal(threshold),
        amount_off=None if percent_off else Decimal(amount_off),
        percent_off=percent_off,
        cap=cap,
        valid_from=timezone.now() - datetime.timedelta(hours=1),
        valid_until=timezone.now() + datetime.timedelta(days=7),
        total_quantity=quantity,
        per_user_limit=per_user,
        **kw,
    )


def claimed(buyer, **kw):
    """A coupon made and claimed by the buyer: returns the claim."""
    return services.coupon_claim(user=buyer, coupon_id=coupon(**kw).pk)


class VariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "shops.ProductVariant"

    product = factory.SubFactory(ProductFactory, unit="box", unit_price=Decimal("30.00"), order_step=Decimal("1"))
    name = factory.Sequence(lambda n: f"5 斤装 {n}")
    unit_price = Decimal("30.00")
    stock = Decimal("20")
    order_step = Decimal("1")
    order_minimum = Decimal("1")


class GroupBuyOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "promotions.GroupBuyOffer"

    variant = factory.SubFactory(VariantFactory)
    shop = factory.SelfAttribute("variant.product.shop")
    group_price = Decimal("25.00")
    group_size = 3
    quantity = Decimal("1")
    fill_hours = 24
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
    created_by = factory.SelfAttribute("shop.owner")
