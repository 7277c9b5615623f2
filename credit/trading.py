"""Trading points: only arm's-length trading counts.

A completed order counts towards the seller's score when an independent buyer stands behind it:
- the buyer is not the seller, nor a member of the shop, nor held as suspect by checkout (a shared phone, the
  seller's own village as ship-to address, a shared device) unless a reviewer cleared it;
- delivery and completion were confirmed by the buyer, the carrier or the automatic timer, never the seller;
- the order is worth at least CREDIT_TRADING_MIN_ORDER_VALUE (a fen-priced order is no trade);
- the buyer's account was CREDIT_TRADING_BUYER_MIN_DAYS old when ordering, or their identity is verified.
Orders shipped on time and disputes won count only on orders from such buyers; shipments on time have the same
diminishing returns per buyer (not the weekly limit, which is on orders completed).
Good reviews (4 or 5 stars, not hidden by an admin) count the same way: only on a counted order, with the same
diminishing returns per buyer, so a suspect buyer's five stars earn nothing (noted as such), and a seller's sybil
cannot farm them. Reviews are read from shops (pull: orders never imports credit).
Counted orders have diminishing returns per buyer (the first CREDIT_TRADING_FULL_ORDERS_PER_BUYER count in full,
then the k-th counts 3/k: twelve count about seven, the tenth order 0.3) and at most CREDIT_TRADING_WEEKLY_ORDERS
count per week. What did not count is kept as notes with its
reason, shown in the score breakdown.

One aggregate query for any number of users; the rules over its rows are pure Python.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncWeek
from django.utils.translation import gettext, ngettext

from credit.models import IdentityVerification
from orders.models import EXCLUDED_REVIEWS, DisputeStatus, Order, OrderEvent, OrderLine, OrderStatus, TrustReview
from shops.models import Review, Shop

GOOD_REVIEW_MIN_RATING = 4

COUNTED = "counted"
# Why a completed order did not count, most serious first (an order is noted under the first that applies).
EXCLUSIONS = ("fraud", "held", "own_shop", "seller_confirmed", "below_minimum", "new_buyer")
# Line code in the score breakdown for what did not count (points 0, with its reason).
NOT_COUNTED_FACTOR = "not_counted"

SHIPPING_PROMISE = datetime.timedelta(hours=48)


@dataclass(frozen=True)
class TradingFacts:
    """What the trading factors count for one seller, and the notes on what did not count."""

    orders: int = 0
    on_time: int = 0
    disputes_won: int = 0
    good_reviews: int = 0
    # (code, orders, counted as) — e.g. ("repeat_buyer:1", 12, 7)
    notes: tuple[tuple[str, int, int], ...] = field(default_factory=tuple)


def _counted_from_one_buyer(n: int) -> float:
    """What n orders from one buyer count: the first few in full (regular customers are honest trade), then the
    k-th counts few/k (the tenth counts 0.3; twelve count about seven)."""
    few = settings.CREDIT_TRADING_FULL_ORDERS_PER_BUYER
    if n <= few:
        return float(n)
    return few + few * sum(1 / k for k in range(few + 1, n + 1))


def _order_rows(user_ids: list[int]):
    """One row per (seller, buyer, week of completion, why) with the count of completed orders, of orders shipped
    within the promise and of disputes the seller won (these two on any order, completed or not)."""
    min_value = Decimal(str(settings.CREDIT_TRADING_MIN_ORDER_VALUE))
    min_age = datetime.timedelta(days=settings.CREDIT_TRADING_BUYER_MIN_DAYS)
    # A delivery or completion by anyone but the buyer or the system (null actor: carrier or timer).
    confirmed_by_other = OrderEvent.objects.filter(
        order=OuterRef("pk"), to_status__in=(OrderStatus.DELIVERED, OrderStatus.COMPLETED), actor__isnull=False
    ).exclude(actor_id=OuterRef("buyer_id"))
    member = Shop.members.through.objects.filter(shop_id=OuterRef("shop_id"), user_id=OuterRef("buyer_id"))
    verified = IdentityVerification.objects.filter(user_id=OuterRef("buyer_id"))
    why = Case(
        When(trust_review=TrustReview.FRAUD, then=Value("fraud")),
        When(trust_review__in=EXCLUDED_REVIEWS, then=Value("held")),
        When(Q(buyer_id=F("shop__owner_id")) | Exists(member), then=Value("own_shop")),
        When(Exists(confirmed_by_other), then=Value("seller_confirmed")),
        When(Q(total__lt=min_value), then=Value("below_minimum")),
        When(Q(buyer__date_joined__gt=F("placed_at") - Value(min_age)) & ~Exists(verified), then=Value("new_buyer")),
        default=Value(COUNTED),
        output_field=CharField(),
    )
    good_review = Exists(
        OrderLine.objects.filter(
            order_id=OuterRef("pk"),
            pk__in=Review.objects.filter(rating__gte=GOOD_REVIEW_MIN_RATING, hidden=False).values("order_line_id"),
        )
    )
    late_cutoff = F("paid_at") + Value(SHIPPING_PROMISE)
    return (
        Order.objects.filter(shop__owner_id__in=user_ids)
        .filter(
            Q(status=OrderStatus.COMPLETED) | Q(dispute__status=DisputeStatus.REJECTED) | Q(shipped_at__isnull=False)
        )
        .annotate(why=why, week=TruncWeek("completed_at", output_field=DateField()))
        .values("shop__owner_id", "buyer_id", "week", "why")
        .annotate(
            n=Count("pk", filter=Q(status=OrderStatus.COMPLETED)),
            on_time=Count(
                "pk",
                filter=Q(
                    shipped_at__isnull=False,
                    paid_at__isnull=False,
                    shipped_at__lte=late_cutoff,
                ),
            ),
            won=Count("pk", filter=Q(dispute__status=DisputeStatus.REJECTED)),
            reviewed=Count("pk", filter=Q(good_review, status=OrderStatus.COMPLETED)),
        )
        .values_list("shop__owner_id", "buyer_id", "week", "why", "n", "on_time", "won", "reviewed")
        .order_by("shop__owner_id", "buyer_id", "week")
    )


def _whole(orders: float) -> int:
    """Counted orders are whole, rounded half up (a fourth order from a regular buyer is not lost to the floor)."""
    return math.floor(orders + 0.5 + 1e-9)


def trading_rules(rows: list[tuple], *, weekly_orders: int) -> TradingFacts:
    """Apply the counting rules to one seller's rows (buyer, week, why, n, on_time, won[, reviewed]), sorted by
    buyer, week."""
    excluded: dict[str, int] = defaultdict(int)
    per_week: dict[datetime.date, float] = defaultdict(float)
    seen: dict[int, int] = defaultdict(int)  # orders counted so far per buyer
    on_time_by_buyer: dict[int, int] = defaultdict(int)
    repeat_orders = repeat_buyers = 0
    repeat_weight = 0.0
    won = 0
    reviews_by_buyer: dict[int, int] = defaultdict(int)
    reviews_excluded = 0
    for buyer_id, week, why, n, row_on_time, row_won, *rest in rows:
        row_reviewed = rest[0] if rest else 0
        if why != COUNTED:
            excluded[why] += n
            reviews_excluded += row_reviewed
            continue
        reviews_by_buyer[buyer_id] += row_reviewed
        before = seen[buyer_id]
        seen[buyer_id] = before + n
        if n:
            per_week[week] += _counted_from_one_buyer(before + n) - _counted_from_one_buyer(before)
        on_time_by_buyer[buyer_id] += row_on_time
        won += row_won
    for total in seen.values():
        if total > settings.CREDIT_TRADING_FULL_ORDERS_PER_BUYER:
            repeat_buyers += 1
            repeat_orders += total
            repeat_weight += _counted_from_one_buyer(total)
    weighted = sum(per_week.values())
    capped = sum(min(weight, weekly_orders) for weight in per_week.values())
    counted = _whole(capped)
    notes = [(why, excluded[why], 0) for why in EXCLUSIONS if excluded[why]]
    if repeat_orders:
        notes.append((f"repeat_buyer:{repeat_buyers}", repeat_orders, _whole(repeat_weight)))
    if _whole(weighted) > counted:
        notes.append(("weekly_limit", _whole(weighted), counted))
    on_time = _whole(sum(_counted_from_one_buyer(n) for n in on_time_by_buyer.values()))
    good_reviews = _whole(sum(_counted_from_one_buyer(n) for n in reviews_by_buyer.values()))
    if reviews_excluded:
        notes.append(("reviews_not_arms_length", reviews_excluded, 0))
    return TradingFacts(
        orders=counted, on_time=on_time, disputes_won=won, good_reviews=good_reviews, notes=tuple(notes)
    )


def trading_facts_for_users(*, user_ids: list[int]) -> dict[int, TradingFacts]:
    """The trading facts of each user as a seller (one query)."""
    by_seller: dict[int, list[tuple]] = defaultdict(list)
    for seller_id, *row in _order_rows(user_ids):
        by_seller[seller_id].append(tuple(row))
    weekly = settings.CREDIT_TRADING_WEEKLY_ORDERS
    return {user_id: trading_rules(by_seller.get(user_id, []), weekly_orders=weekly) for user_id in user_ids}


def note_lines(notes) -> list[dict]:
    """The notes as score breakdown lines (no points: they say what did not count)."""
    return [
        {"factor": NOT_COUNTED_FACTOR, "code": code, "count": n, "counted": counted, "points": 0, "capped": False}
        for code, n, counted in notes
    ]


def note_text(line: dict) -> str:
    """A note in the villager's language, such as "12 orders from the same buyer counted as 3"."""
    code, n, counted = line.get("code", ""), line["count"], line.get("counted", 0)
    values = {"count": n, "counted": counted}
    if code.startswith("repeat_buyer:"):
        buyers = int(code.split(":", 1)[1] or 1)
        if buyers == 1:
            return (
                ngettext(
                    "%(count)d order from the same buyer counted as %(counted)d",
                    "%(count)d orders from the same buyer counted as %(counted)d",
                    n,
                )
                % values
            )
        return gettext("%(count)d orders from %(buyers)d repeat buyers counted as %(counted)d") % {
            **values,
            "buyers": buyers,
        }
    if code == "reviews_not_arms_length":
        return (
            ngettext(
                "%(count)d good review not counted: its order did not count (see above)",
                "%(count)d good reviews not counted: their orders did not count (see above)",
                n,
            )
            % values
        )
    if code == "weekly_limit":
        return gettext(
            "%(count)d orders in busy weeks counted as %(counted)d (at most %(limit)d orders count per week)"
        ) % {**values, "limit": settings.CREDIT_TRADING_WEEKLY_ORDERS}
    texts = {
        "fraud": lambda: ngettext(
            "%(count)d order not counted: confirmed as fraud by an admin",
            "%(count)d orders not counted: confirmed as fraud by an admin",
            n,
        ),
        "held": lambda: ngettext(
            "%(count)d order not counted: held for a fraud review (buyer and seller look like one household)",
            "%(count)d orders not counted: held for a fraud review (buyer and seller look like one household)",
            n,
        ),
        "own_shop": lambda: ngettext(
            "%(count)d order not counted: bought from your own shop",
            "%(count)d orders not counted: bought from your own shop",
            n,
        ),
        "seller_confirmed": lambda: ngettext(
            "%(count)d order not counted: delivery was not confirmed by the buyer, the carrier or the timer",
            "%(count)d orders not counted: delivery was not confirmed by the buyer, the carrier or the timer",
            n,
        ),
        "below_minimum": lambda: ngettext(
            "%(count)d order not counted: worth less than %(minimum)s yuan",
            "%(count)d orders not counted: worth less than %(minimum)s yuan",
            n,
        ),
        "new_buyer": lambda: ngettext(
            "%(count)d order not counted: the buyer's account was younger than %(days)d days and not verified",
            "%(count)d orders not counted: the buyer's account was younger than %(days)d days and not verified",
            n,
        ),
    }
    if code not in texts:
        return ""
    return texts[code]() % {
        **values,
        "minimum": settings.CREDIT_TRADING_MIN_ORDER_VALUE,
        "days": settings.CREDIT_TRADING_BUYER_MIN_DAYS,
    }
