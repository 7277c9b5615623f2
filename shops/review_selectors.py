"""Reads of reviews for the product and shop pages and the API: visible ones, with photos first, then newest;
authors, photos and answers in a constant number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from shops.models import ImageStatus, Review, ReviewPhoto


def reviews_visible(*, product_id: int | None = None, shop_id: int | None = None) -> QuerySet[Review]:
    reviews = Review.objects.filter(hidden=False)
    if product_id is not None:
        reviews = reviews.filter(product_id=product_id)
    if shop_id is not None:
        reviews = reviews.filter(shop_id=shop_id)
    return (
        reviews.select_related("author", "product")
        .prefetch_related(
            Prefetch("photos", queryset=ReviewPhoto.objects.filter(status=ImageStatus.READY), to_attr="ready_photos")
        )
        .order_by("-has_photos", "-created_at", "-pk")
    )
