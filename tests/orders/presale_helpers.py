"""Pre-sale fixtures for the tests (issue 23): a kiwi farmer's shop, an option with a NON-EMPTY name (the default
option of a product has the empty name and is created by the variants work), and a pre-sale on it."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.utils import timezone

from orders import services
from promotions.services import presale_open
from shops.models import ProductVariant
from tests.factories import ProductFactory


def kiwi_variant(**overrides) -> ProductVariant:
    product = overrides.pop("product", None) or ProductFactory(
        name="猕猴桃 kiwi", unit="kg", unit_price=Decimal("16.00"), order_step=Decimal("1"), order_minimum=Decimal("1")
    )
    values = {
        "product": product,
        "name": "5 斤装",
        "unit_price": Decimal("16.00"),
        "stock": Decimal("0"),
        "order_step": Decimal("1"),
        "order_minimum": Decimal("1"),
    }
    values.update(overrides)
    return ProductVariant.objects.create(**values)


def open_presale(variant=None, *, actor=None, **overrides):
    variant = variant or kiwi_variant()
    today = timezone.localdate()
    values = {
        "quantity_offered": Decimal("500"),
        "deposit_per_unit": Decimal("3.00"),
        "final_price_per_unit": Decimal("12.50"),
        "harvest_from": today + datetime.timedelta(days=1),
        "harvest_to": today + datetime.timedelta(days=40),
        "ship_by": today + datetime.timedelta(days=60),
        "terms": "定金不退：尾款未在期限内支付，定金归农户所有。",
        "balance_days": 7,
    }
    values.update(overrides)
    return presale_open(actor=actor or variant.product.shop.owner, variant_id=variant.pk, **values)


def reserve(presale, buyer, quantity="10", **kwargs):
    from tests.orders.factories import ship_to

    return services.presale_reserve(
        buyer=buyer,
        presale_id=presale.pk,
        quantity=quantity,
        ship_to=kwargs.pop("address", None) or ship_to(),
        accept_terms=kwargs.pop("accept_terms", True),
    )


def pay_due(presale_order, succeed: bool = True):
    """Pay what is due (deposit or balance) through the simulated provider: start + signed callback."""
    payment = services.presale_payment_start(
        presale_order_id=presale_order.pk, payer=presale_order.buyer, idempotency_key=uuid.uuid4().hex
    )
    return services.presale_payment_simulate(payment=payment, succeed=succeed)
