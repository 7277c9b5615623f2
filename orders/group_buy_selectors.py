"""Reading group buys: open groups with their places left and time left, a group by its share code."""

from __future__ import annotations

from django.db.models import Count, F, QuerySet
from django.utils import timezone

from orders.services.group_buys import holding_place, paid_member
from promotions.models import GroupBuy, GroupBuyStatus


def _with_places(groups: QuerySet[GroupBuy]) -> QuerySet[GroupBuy]:
    now = timezone.now()
    return groups.select_related("offer__variant__product", "offer__shop", "leader").annotate(
        places_held=Count("members", filter=holding_place(now, prefix="members__"), distinct=True),
        members_paid=Count("members", filter=paid_member(prefix="members__"), distinct=True),
    )


def group_buys_open(*, offer_ids=None, product_id: int | None = None) -> QuerySet[GroupBuy]:
    """Groups one may still join: open, before their deadline, with a place left; soonest deadline first."""
    groups = GroupBuy.objects.filter(status=GroupBuyStatus.OPEN, deadline__gt=timezone.now())
    if offer_ids is not None:
        groups = groups.filter(offer_id__in=list(offer_ids))
    if product_id is not None:
        groups = groups.filter(offer__variant__product_id=product_id)
    return _with_places(groups).filter(places_held__lt=F("size")).order_by("deadline", "pk")


def group_buy_get(*, code: str) -> GroupBuy | None:
    return _with_places(GroupBuy.objects.filter(code=str(code or "")[:16])).first()


def group_buys_of_buyer(*, user) -> QuerySet[GroupBuy]:
    return _with_places(GroupBuy.objects.filter(members__buyer=user).distinct()).order_by("-created_at")


def offer_stats(offers) -> dict[int, dict]:
    """{offer id: {"open": groups forming, "succeeded": ..., "failed": ...}} for the offers list, in one query."""
    rows = GroupBuy.objects.filter(offer__in=list(offers)).values("offer_id", "status").annotate(n=Count("pk"))
    stats: dict[int, dict] = {}
    for row in rows:
        stats.setdefault(row["offer_id"], {})[row["status"]] = row["n"]
    return stats
