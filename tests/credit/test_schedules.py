"""Repayment schedules and the sharing of a payment among instalments (pure functions, no database)."""

import copy
import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from credit import schedules

START = datetime.date(2026, 1, 31)
methods = st.sampled_from([schedules.SINGLE, schedules.EQUAL_INSTALMENT, schedules.EQUAL_PRINCIPAL])
periods = st.sampled_from([schedules.MONTH, schedules.WEEK])
principals = st.decimals(min_value=Decimal("100.00"), max_value=Decimal("500000.00"), places=2)
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("0.002"), places=6)


def build(principal, rate, method, period, count, term_days=30):
    return schedules.schedule_build(
        principal=principal,
        daily_rate=rate,
        start=START,
        method=method,
        period=period,
        count=count,
        term_days=term_days,
    )


def test_six_monthly_equal_instalments_of_6000():
    lines = build(Decimal("6000.00"), Decimal("0.000500"), schedules.EQUAL_INSTALMENT, schedules.MONTH, 6)
    assert [line.due_on for line in lines] == [
        datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 31),
        datetime.date(2026, 4, 30),
        datetime.date(2026, 5, 31),
        datetime.date(2026, 6, 30),
        datetime.date(2026, 7, 31),
    ]
    assert sum(line.principal_due for line in lines) == Decimal("6000.00")
    # First month: 28 days of interest on 6,000 at 0.05 % a day.
    assert lines[0].interest_due == Decimal("84.00")
    # The constant payment (period rate 0.05 % x 365 / 12) less each month's interest is the principal part.
    totals = [line.total_due for line in lines[:-1]]
    assert max(totals) - min(totals) < Decimal("5.00")
    assert all(line.principal_due > 0 and line.interest_due >= 0 for line in lines)


def test_equal_principal_weekly_and_single():
    lines = build(Decimal("1000.00"), Decimal("0.001000"), schedules.EQUAL_PRINCIPAL, schedules.WEEK, 3)
    assert [line.principal_due for line in lines] == [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]
    assert [line.interest_due for line in lines] == [Decimal("7.00"), Decimal("4.67"), Decimal("2.33")]
    single = build(Decimal("10000.00"), Decimal("0.000500"), schedules.SINGLE, schedules.MONTH, 1, term_days=30)
    assert len(single) == 1
    assert (single[0].principal_due, single[0].interest_due) == (Decimal("10000.00"), Decimal("150.00"))


def test_rates_shown_before_borrowing():
    assert schedules.annual_rate(Decimal("0.000500")) == Decimal("0.182500")
    effective = schedules.effective_annual_rate(daily_rate=Decimal("0.000500"), period=schedules.MONTH)
    assert Decimal("0.1985") < effective < Decimal("0.1986")  # (1 + 0.05 % x 365 / 12)^12 - 1


@given(principal=principals, rate=rates, method=methods, period=periods, count=st.integers(min_value=1, max_value=36))
def test_schedule_principal_sums_exactly(principal, rate, method, period, count):
    lines = build(principal, rate, method, period, count)
    assert sum(line.principal_due for line in lines) == principal
    for line in lines:
        assert line.principal_due >= 0 and line.interest_due >= 0
        assert line.principal_due == line.principal_due.quantize(Decimal("0.01"))
        assert line.interest_due == line.interest_due.quantize(Decimal("0.01"))
    assert [line.due_on for line in lines] == sorted(line.due_on for line in lines)
    if method == schedules.EQUAL_PRINCIPAL and count > 1:
        assert len({line.principal_due for line in lines[:-1]}) == 1


payments = st.lists(
    st.tuples(st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=100)), min_size=1, max_size=8
)


@settings(max_examples=200)
@given(
    principal=principals,
    rate=rates,
    method=methods,
    period=periods,
    count=st.integers(min_value=1, max_value=12),
    steps=payments,
)
def test_allocation_invariants(principal, rate, method, period, count, steps):
    """Whatever is paid and when: every fen of a payment lands somewhere, principal due still sums to the loan,
    nothing is paid beyond what is due, and principal goes ahead only once every due instalment is settled."""
    lines = build(principal, rate, method, period, count, term_days=45)
    on = START
    owed_principal = principal
    interest_owed = Decimal("0.00")
    for days, share in steps:
        # The ledger's interest for the days passed (any non-negative figure will do for the invariants).
        interest_owed += (owed_principal * rate * days).quantize(Decimal("0.01"))
        on += datetime.timedelta(days=days)
        owed = owed_principal + interest_owed
        if owed == 0:
            break
        amount = max(Decimal("0.01"), (owed * share / 100).quantize(Decimal("0.01")))
        before = copy.deepcopy(lines)
        allocation = schedules.allocate(
            lines=lines,
            amount=amount,
            interest_owed=interest_owed,
            on=on,
            daily_rate=rate,
            method=method,
            period=period,
            start=START,
        )
        assert allocation.interest + allocation.principal == amount
        assert allocation.interest <= interest_owed
        assert sum(line.principal_due for line in lines) == principal
        for line in lines:
            assert Decimal("0") <= line.principal_paid <= line.principal_due
            assert line.interest_paid >= 0
        # Oldest first: while an instalment due by `on` still owes principal, no principal went to a later one.
        still_due = [line for line in lines if line.due_on <= on and line.principal_left > 0]
        if still_due:
            first = still_due[0].number
            for old, new in zip(before, lines, strict=True):
                if new.number > first:
                    assert new.principal_paid == old.principal_paid
        interest_owed -= allocation.interest
        owed_principal -= allocation.principal
        assert sum(line.principal_left for line in lines) == owed_principal
    if owed_principal == 0:
        assert all(line.principal_left == 0 for line in lines)
