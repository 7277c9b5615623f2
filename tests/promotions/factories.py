"""Coupons for tests: a shop's or the platform's, claimed by a buyer."""

import datetime
from decimal import Decimal

from django.utils import timezone

from promotions import services
from tests.factories import AdminFactory


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
