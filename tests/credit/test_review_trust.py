"""Ratings feed the trust score only through the arm's-length rules: a good review on a counted order earns
points; the same five stars from a suspect buyer (held or fraud order) or hidden by an admin earn nothing."""

import pytest

from credit.scorecard import scorecard_compute
from credit.selectors import score_facts_for_users
from credit.trading import trading_facts_for_users
from shops import reviews as shop_reviews
from tests.credit.factories import completed_orders
from tests.factories import AdminFactory, FarmerFactory, OrderLineFactory

pytestmark = pytest.mark.django_db


def _review(order, rating=5):
    line = OrderLineFactory(order=order)
    return shop_reviews.review_record(
        author=order.buyer, product_id=line.product_id, order_line_id=line.pk, rating=rating
    )


def test_good_reviews_from_independent_buyers_count_and_a_suspects_do_not():
    seller = FarmerFactory()
    orders = completed_orders(seller, 5)
    for order in orders[:3]:
        _review(order)
    _review(orders[3], rating=2)  # not a good review
    facts = trading_facts_for_users(user_ids=[seller.pk])[seller.pk]
    assert facts.good_reviews == 3
    # The seller's sybil: its order is held by checkout's rules; its five stars earn nothing, and say so.
    orders[4].trust_review = "held"
    orders[4].save(update_fields=["trust_review"])
    _review(orders[4])
    facts = trading_facts_for_users(user_ids=[seller.pk])[seller.pk]
    assert facts.good_reviews == 3
    assert ("reviews_not_arms_length", 1, 0) in facts.notes
    # A review an admin hid for abuse earns nothing either.
    hidden = orders[0].lines.get()
    from shops.models import Review

    shop_reviews.review_hide(
        admin=AdminFactory(), review_id=Review.objects.get(order_line_id=hidden.pk).pk, reason="fake"
    )
    facts = trading_facts_for_users(user_ids=[seller.pk])[seller.pk]
    assert facts.good_reviews == 2
    card = scorecard_compute(score_facts_for_users(user_ids=[seller.pk])[seller.pk])
    line = next(line for line in card.lines if line["factor"] == "good_reviews")
    assert (line["count"], line["points"]) == (2, 4)
