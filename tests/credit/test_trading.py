"""The arm's-length trading rules over rows (pure), and the notes the villager reads."""

import datetime

import pytest
from django.utils import translation

from credit.trading import note_lines, note_text, trading_rules

WEEK = datetime.date(2026, 11, 2)


def _week(n: int) -> datetime.date:
    return WEEK + datetime.timedelta(weeks=n)


def test_twelve_orders_from_one_buyer_count_as_seven_and_three_in_full():
    facts = trading_rules([(1, _week(i), "counted", 1, 1, 0) for i in range(12)], weekly_orders=20)
    assert facts.orders == 7 and facts.on_time == 7
    (note,) = note_lines(facts.notes)
    with translation.override("en"):
        assert note_text(note) == "12 orders from the same buyer counted as 7"
    regular = trading_rules([(1, _week(i), "counted", 1, 1, 0) for i in range(3)], weekly_orders=20)
    assert (regular.orders, regular.notes) == (3, ())


def test_a_new_buyer_is_worth_more_than_a_tenth_order_from_an_old_one():
    regular = trading_rules([(1, WEEK, "counted", 9, 9, 0)], weekly_orders=20)
    plus_tenth = trading_rules([(1, WEEK, "counted", 10, 10, 0)], weekly_orders=20)
    plus_new = trading_rules([(1, WEEK, "counted", 9, 9, 0), (2, WEEK, "counted", 1, 1, 0)], weekly_orders=20)
    assert plus_tenth.orders == regular.orders  # 1/10 of an order
    assert plus_new.orders == regular.orders + 1


def test_many_buyers_in_one_week_are_capped_and_said_so():
    facts = trading_rules([(buyer, WEEK, "counted", 1, 1, 0) for buyer in range(30)], weekly_orders=20)
    assert facts.orders == 20 and facts.on_time == 30  # the weekly limit is on orders completed
    with translation.override("en"):
        assert [note_text(line) for line in note_lines(facts.notes)] == [
            "30 orders in busy weeks counted as 20 (at most 20 orders count per week)"
        ]
    spread = trading_rules([(buyer, _week(buyer), "counted", 1, 1, 0) for buyer in range(30)], weekly_orders=20)
    assert spread.orders == 30 and spread.notes == ()


@pytest.mark.parametrize(
    ("why", "text"),
    [
        ("fraud", "2 orders not counted: confirmed as fraud by an admin"),
        ("held", "2 orders not counted: held for a fraud review"),
        ("own_shop", "2 orders not counted: bought from your own shop"),
        ("seller_confirmed", "2 orders not counted: delivery was not confirmed by the buyer"),
        ("below_minimum", "2 orders not counted: worth less than 10.00 yuan"),
        ("new_buyer", "2 orders not counted: the buyer's account was younger than 30 days"),
    ],
)
def test_what_did_not_count_says_why(why, text):
    facts = trading_rules([(1, WEEK, why, 2, 2, 1)], weekly_orders=20)
    assert (facts.orders, facts.on_time, facts.disputes_won) == (0, 0, 0)
    (note,) = note_lines(facts.notes)
    with translation.override("en"):
        assert note_text(note).startswith(text)


def test_notes_are_translated():
    (note,) = note_lines(trading_rules([(1, WEEK, "counted", 12, 0, 0)], weekly_orders=20).notes)
    with translation.override("zh-hans"):
        assert note_text(note) == "同一买家的 12 笔订单按 7 笔计"
    with translation.override("fr"):
        assert note_text(note) == "12 commandes du même acheteur comptées pour 7"
