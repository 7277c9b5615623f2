"""Reviews from real purchases only: the buyer of a completed order rates each of its lines, once.

The review itself and the rating counters live in shops (shops.reviews); this module checks the purchase the
shops app cannot see: the line exists, its order is the author's and completed. A line of an order the anti-fraud
rules hold (buyer and seller look like one household) is reviewed like any other but left out of the averages
until a reviewer clears the order; the trust score reads reviews only through credit.trading's arm's-length rules.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import Conflict, NotFound
from orders.models import EXCLUDED_REVIEWS, OrderLine, OrderStatus
from orders.services.notices import review_received_notify
from shops.models import Review
from shops.reviews import review_record


@transaction.atomic
def review_post(
    *, buyer, line_id: int, rating, text: str = "", anonymous: bool = False, photos: Iterable = ()
) -> Review:
    """The buyer reviews one line of their completed order (1-5 stars, text, up to 3 photos, optionally
    anonymous). Anyone else's line, or a line of an order not completed, is a 404 / 409: no review without a
    purchase; a second review of the line is a 409."""
    line = (
        OrderLine.objects.select_related("order__shop")
        .filter(pk=line_id, order__buyer=buyer)
        .only(
            "pk",
            "product_id",
            "product_name",
            "variant_name",
            "order__number",
            "order__status",
            "order__trust_review",
            "order__buyer_id",
            "order__shop__owner_id",
        )
        .first()
    )
    if line is None:
        raise NotFound(_("No such purchase."), fields={"line": [_("Choose a line of one of your orders.")]})
    if line.order.status != OrderStatus.COMPLETED:
        raise Conflict(_("You can review a purchase once the order is completed."), code="not_completed")
    review = review_record(
        author=buyer,
        product_id=line.product_id,
        order_line_id=line.pk,
        rating=rating,
        text=text,
        anonymous=anonymous,
        counts=line.order.trust_review not in EXCLUDED_REVIEWS,
        uploads=photos,
    )
    review_received_notify(line=line, rating=review.rating, review_id=review.pk)
    return review


def reviewable_line_ids(*, buyer, order_ids: Iterable[int]) -> set[int]:
    """Of these orders' lines, those the buyer may still review (completed, not yet reviewed)."""
    lines = set(
        OrderLine.objects.filter(
            order_id__in=list(order_ids), order__buyer=buyer, order__status=OrderStatus.COMPLETED
        ).values_list("pk", flat=True)
    )
    return lines - set(Review.objects.filter(order_line_id__in=lines).values_list("order_line_id", flat=True))
