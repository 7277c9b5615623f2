"""The freight fee function: rows per province, first and additional units, free shipping, excluded provinces."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logistics.freight import (
    BY_PIECE,
    BY_WEIGHT,
    FreightLine,
    FreightRate,
    FreightSchedule,
    Undeliverable,
    freight_fee,
    line_weight_kg,
    parcel_freight,
    parcel_freight_again,
)

D = Decimal
ZHEJIANG, XINJIANG, TIBET = 33, 65, 54
SCHEDULE = FreightSchedule(
    basis=BY_WEIGHT,
    default=FreightRate(D("1"), D("8.00"), D("1"), D("2.00")),
    rates={XINJIANG: FreightRate(D("1"), D("18.00"), D("0.5"), D("4.50"))},
    excluded=frozenset({TIBET}),
    template_id=7,
    name="Oranges",
)


def fee(schedule=SCHEDULE, *, province=ZHEJIANG, weight="1", pieces="1", amount="10"):
    return freight_fee(schedule, province_id=province, weight_kg=D(weight), pieces=D(pieces), amount=D(amount))


@pytest.mark.parametrize(
    ("weight", "expected"),
    [("0.2", "8.00"), ("1", "8.00"), ("1.001", "10.00"), ("2", "10.00"), ("5", "16.00"), ("5.5", "18.00")],
)
def test_first_kg_then_each_started_kg(weight, expected):
    assert fee(weight=weight) == D(expected)


def test_a_province_row_beats_the_default_row():
    # 5 kg to Xinjiang: 18 the first kg, then 8 half-kilos at 4.50
    assert fee(province=XINJIANG, weight="5") == D("54.00")


def test_an_excluded_province_is_undeliverable():
    with pytest.raises(Undeliverable):
        fee(province=TIBET)


def test_free_shipping_from_an_amount_or_a_weight():
    free_amount = FreightSchedule(basis=BY_WEIGHT, default=SCHEDULE.default, free_over_amount=D("99.00"))
    assert fee(free_amount, weight="5", amount="98.99") == D("16.00")
    assert fee(free_amount, weight="5", amount="99.00") == D("0.00")
    free_weight = FreightSchedule(basis=BY_WEIGHT, default=SCHEDULE.default, free_over_weight=D("10"))
    assert fee(free_weight, weight="9.9") == D("26.00")
    assert fee(free_weight, weight="10") == D("0.00")


def test_by_piece_counts_pieces_not_weight():
    by_piece = FreightSchedule(basis=BY_PIECE, default=FreightRate(D("2"), D("10.00"), D("1"), D("3.50")))
    assert fee(by_piece, weight="40", pieces="2") == D("10.00")
    assert fee(by_piece, weight="1", pieces="5") == D("20.50")


def test_line_weight_jin_and_pieces():
    assert line_weight_kg(unit="jin", quantity=D("3"), piece_weight_kg=None) == D("1.5")
    assert line_weight_kg(unit="box", quantity=D("2"), piece_weight_kg=D("5.2")) == D("10.4")
    assert line_weight_kg(unit="bottle", quantity=D("2"), piece_weight_kg=None) == D("2.000")


def _line(pk, name="Navel oranges", unit="kg", quantity="5", weight=None, price="6.00"):
    return FreightLine(pk, name, unit, D(quantity), None if weight is None else D(weight), D(price))


def test_parcel_groups_by_template_and_names_undeliverable_products():
    honey = FreightSchedule(basis=BY_PIECE, default=FreightRate(D("1"), D("5.00"), D("1"), D("1.00")), template_id=8)
    lines = [_line(1), _line(2, "Honey", unit="bottle", quantity="3", weight="0.6")]
    total, detail = parcel_freight(lines, schedules={1: SCHEDULE, 2: honey}, province_id=ZHEJIANG)
    assert total == D("16.00") + D("7.00")
    assert [g["fee"] for g in detail["groups"]] == ["16.00", "7.00"]
    with pytest.raises(Undeliverable) as caught:
        parcel_freight(lines, schedules={1: SCHEDULE, 2: honey}, province_id=TIBET)
    assert caught.value.products == ("Navel oranges",)


def test_weighed_again_under_the_terms_of_checkout():
    _total, detail = parcel_freight([_line(1, quantity="5")], schedules={1: SCHEDULE}, province_id=ZHEJIANG)
    assert parcel_freight_again(detail, [_line(1, quantity="4.2")]) == D("16.00")
    assert parcel_freight_again(detail, [_line(1, quantity="3.9")]) == D("14.00")


rates = st.builds(
    FreightRate,
    first_unit=st.decimals(min_value=D("0.1"), max_value=D("50"), places=1),
    first_price=st.decimals(min_value=D("0"), max_value=D("500"), places=2),
    extra_unit=st.decimals(min_value=D("0.1"), max_value=D("20"), places=1),
    extra_price=st.decimals(min_value=D("0"), max_value=D("200"), places=2),
)
weights = st.decimals(min_value=D("0.001"), max_value=D("5000"), places=3)


@settings(max_examples=300, deadline=None)
@given(
    default=rates,
    province_rate=rates,
    basis=st.sampled_from([BY_WEIGHT, BY_PIECE]),
    free_over_amount=st.none() | st.decimals(min_value=D("0.01"), max_value=D("1000"), places=2),
    amount=st.decimals(min_value=D("0"), max_value=D("2000"), places=2),
    province=st.sampled_from([ZHEJIANG, XINJIANG]),
    a=weights,
    b=weights,
)
def test_fee_never_decreases_when_weight_grows(default, province_rate, basis, free_over_amount, amount, province, a, b):
    """Within a template (a free-shipping threshold by weight aside, which drops the fee to 0 on purpose), more
    weight, or more pieces, never costs less; fees are to the fen and never negative."""
    schedule = FreightSchedule(
        basis=basis, default=default, rates={XINJIANG: province_rate}, free_over_amount=free_over_amount
    )
    light, heavy = sorted((a, b))
    fee_light = freight_fee(schedule, province_id=province, weight_kg=light, pieces=light, amount=amount)
    fee_heavy = freight_fee(schedule, province_id=province, weight_kg=heavy, pieces=heavy, amount=amount)
    assert D("0") <= fee_light <= fee_heavy
    assert fee_heavy == fee_heavy.quantize(D("0.01"))


@settings(max_examples=200, deadline=None)
@given(default=rates, threshold=st.decimals(min_value=D("0.5"), max_value=D("100"), places=1), a=weights, b=weights)
def test_fee_grows_with_weight_up_to_a_weight_threshold_then_is_free(default, threshold, a, b):
    schedule = FreightSchedule(basis=BY_WEIGHT, default=default, free_over_weight=threshold)
    light, heavy = sorted((a, b))
    fee_light = freight_fee(schedule, province_id=ZHEJIANG, weight_kg=light, pieces=D("1"), amount=D("0"))
    fee_heavy = freight_fee(schedule, province_id=ZHEJIANG, weight_kg=heavy, pieces=D("1"), amount=D("0"))
    if heavy >= threshold:
        assert fee_heavy == 0
    else:
        assert fee_light <= fee_heavy
