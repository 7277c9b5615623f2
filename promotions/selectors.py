"""Reading promotion offers: the live ones a buyer sees, the ones a farmer or station manages."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils import timezone

from promotions.models import GroupBuyOffer
from shops.models import ProductStatus, ShopStatus
from shops.selectors import shops_managed_by


def group_buy_offers_live(*, product_ids: Iterable[int] | None = None) -> QuerySet[GroupBuyOffer]:
    """Offers one may open a group on now: active, started, not ended, on a published product of an open shop."""
    now = timezone.now()
    offers = (
        GroupBuyOffer.objects.filter(
            is_active=True,
            starts_at__lte=now,
            variant__is_active=True,
            variant__product__status=ProductStatus.PUBLISHED,
            shop__status=ShopStatus.OPEN,
        )
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .select_related("variant__product", "shop")
        .order_by("group_price", "pk")
    )
    if product_ids is not None:
        offers = offers.filter(variant__product_id__in=list(product_ids))
    return offers


def group_buy_offers_managed(*, user) -> QuerySet[GroupBuyOffer]:
    """Every offer of the shops the user may manage, ended ones included (the farmer's offers list)."""
    return (
        GroupBuyOffer.objects.filter(shop__in=shops_managed_by(user=user))
        .select_related("variant__product", "shop")
        .order_by("-is_active", "-created_at", "-pk")
    )


def product_ids_with_group_buy(product_ids: Iterable[int]) -> set[int]:
    """Which of these products have a live group-buy offer (the catalogue cards' mark), in one query."""
    return set(group_buy_offers_live(product_ids=product_ids).values_list("variant__product_id", flat=True))
