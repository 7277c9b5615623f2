"""Group-buy offers on explicit variants (named: the default option of a product has the empty name)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import ProductFactory


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
