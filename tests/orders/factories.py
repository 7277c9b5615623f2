"""Orders-only factories and helpers (the shared ones are in tests/factories.py)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import factory

from orders import services
from orders.models import AssistedPurchase
from shops.models import Product, ProductVariant
from tests.factories import BuyerFactory, ProvinceFactory, StationFactory


class AssistedPurchaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssistedPurchase

    station = factory.SubFactory(StationFactory)
    villager = factory.SubFactory(BuyerFactory)
    description = "Electric rice cooker"
    link = "https://example.com/rice-cooker"
    price = Decimal("199.00")
    deposit = Decimal("50.00")
    recorded_by = factory.SelfAttribute("station.operator")


def ship_to(**overrides) -> services.ShipTo:
    province = ProvinceFactory(code="32", name="Jiangsu", name_zh="江苏省")
    values = {
        "recipient_name": "Sun Lei",
        "recipient_phone": "13800000000",
        "province_id": province.pk,
        "city": "Nanjing",
        "county": "Xuanwu",
        "address": "1 Zhongshan Road",
    }
    values.update(overrides)
    return services.ShipTo(**values)


def option_id(item) -> int:
    """The option id of a ProductVariant, or of a Product's only option on sale."""
    if isinstance(item, ProductVariant):
        return item.pk
    return services.variant_for(Product.objects.prefetch_related("variants").get(pk=item.pk)).pk


def options(*items) -> list[tuple[int, Decimal]]:
    """(option id, quantity) of (product or option, quantity) pairs: what order_place and cart_quote take."""
    return [(option_id(item), Decimal(str(quantity))) for item, quantity in items]


def place(buyer, *items, **ship_to_overrides) -> list:
    """Check out (product or option, quantity) pairs for a buyer."""
    return services.order_place(buyer=buyer, variants=options(*items), ship_to=ship_to(**ship_to_overrides))


def pay(order, buyer=None):
    """Pay through the simulated provider (start + signed callback)."""
    payment = services.payment_start(order_id=order.pk, payer=buyer or order.buyer, idempotency_key=uuid.uuid4().hex)
    return services.payment_simulate(payment=payment)
