"""Reads of traceability batches."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from shops.batches.models import BatchPhoto, ProduceBatch
from shops.selectors import shops_managed_by


def batch_by_code(*, code: str) -> ProduceBatch | None:
    """The batch with its product, shop, owner and whole address, and its ready photos (2 queries)."""
    return (
        ProduceBatch.objects.select_related(
            "product__shop__owner", "product__shop__village__township__county__province", "product__category"
        )
        .prefetch_related(Prefetch("photos", queryset=BatchPhoto.objects.filter(status="ready")))
        .filter(code=code)
        .first()
    )


def batches_for_manager(*, user) -> QuerySet[ProduceBatch]:
    """The batches of the products this person manages, newest first, with how many order lines use each."""
    return (
        ProduceBatch.objects.filter(product__shop__in=shops_managed_by(user=user))
        .select_related("product__shop")
        .annotate(line_count=Count("order_lines"))
        .order_by("-created_at", "-pk")
    )
