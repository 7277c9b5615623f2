"""Repayment schedules and how a payment is shared among instalments: pure functions, no database.

Interest is the ledger's: simple daily interest on the outstanding principal (services.interest_for). A schedule
projects it: instalment k's interest is the principal still owed after instalment k-1 times the daily rate times
the days of its period, rounded half up to the fen once. A borrower who pays each instalment on its day pays
exactly what the ledger accrues. Principal is rounded to the fen per instalment and the last instalment absorbs
the rounding, so the principal of a schedule always sums to the amount lent.

Equal instalments (等额本息) use the period rate (daily rate x 365 / 12 a month, x 7 a week) for the constant
payment; with interest counted on actual days the totals differ by a little between 30- and 31-day months.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from core.money import ZERO, quantize_yuan

SINGLE = "single"
EQUAL_INSTALMENT = "equal_instalment"
EQUAL_PRINCIPAL = "equal_principal"
MONTH = "month"
WEEK = "week"
PERIODS_PER_YEAR = {MONTH: 12, WEEK: 52}
MAX_INSTALMENTS = 120


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def instalment_dates(*, start: datetime.date, count: int, period: str) -> list[datetime.date]:
    if period == WEEK:
        return [start + datetime.timedelta(days=7 * k) for k in range(1, count + 1)]
    return [add_months(start, k) for k in range(1, count + 1)]


def period_rate(*, daily_rate: Decimal, period: str) -> Decimal:
    """The nominal rate of one period: 365 / 12 days a month, 7 days a week."""
    return daily_rate * 7 if period == WEEK else daily_rate * 365 / 12


def annual_rate(daily_rate: Decimal) -> Decimal:
    """APR as Chinese lenders show it: the daily rate times 365 (simple)."""
    return daily_rate * 365


def effective_annual_rate(*, daily_rate: Decimal, period: str) -> Decimal:
    """What the nominal rate compounds to over a year when interest is paid every period: (1 + r)^n - 1."""
    rate = period_rate(daily_rate=daily_rate, period=period)
    return (1 + rate) ** PERIODS_PER_YEAR[period] - 1


@dataclass
class Line:
    """One instalment: what is due and what was paid (the database row's money, as plain values)."""

    number: int
    due_on: datetime.date
    principal_due: Decimal
    interest_due: Decimal
    principal_paid: Decimal = ZERO
    interest_paid: Decimal = ZERO

    @property
    def total_due(self) -> Decimal:
        return self.principal_due + self.interest_due

    @property
    def principal_left(self) -> Decimal:
        return self.principal_due - self.principal_paid

    @property
    def interest_left(self) -> Decimal:
        return max(ZERO, self.interest_due - self.interest_paid)

    @property
    def settled(self) -> bool:
        return self.principal_left == ZERO and self.interest_left == ZERO


def _interest(principal: Decimal, daily_rate: Decimal, start: datetime.date, end: datetime.date) -> Decimal:
    days = (end - start).days
    return quantize_yuan(principal * daily_rate * days) if days > 0 else ZERO


def _split(
    *,
    principal: Decimal,
    daily_rate: Decimal,
    start: datetime.date,
    dates: list[datetime.date],
    method: str,
    period: str,
) -> list[tuple[Decimal, Decimal]]:
    """(principal, interest) for each date; principal sums exactly to `principal`."""
    count = len(dates)
    rows = []
    remaining = principal
    previous = start
    payment = None
    if method == EQUAL_INSTALMENT:
        rate = period_rate(daily_rate=daily_rate, period=period)
        if rate > 0:
            growth = (1 + rate) ** count
            payment = quantize_yuan(principal * rate * growth / (growth - 1))
        else:
            payment = quantize_yuan(principal / count)
    for index, due_on in enumerate(dates):
        interest = _interest(remaining, daily_rate, previous, due_on)
        if index == count - 1:
            part = remaining
        elif method == EQUAL_INSTALMENT:
            part = min(remaining, max(ZERO, payment - interest))
        else:  # equal principal, or a single repayment (one date)
            part = min(remaining, quantize_yuan(principal / count))
        rows.append((part, interest))
        remaining -= part
        previous = due_on
    return rows


def schedule_build(
    *,
    principal: Decimal,
    daily_rate: Decimal,
    start: datetime.date,
    method: str,
    period: str = MONTH,
    count: int = 1,
    term_days: int | None = None,
) -> list[Line]:
    """The schedule of a loan paid out on `start`: one line at start + term_days for a single repayment,
    else `count` monthly or weekly instalments."""
    if method == SINGLE:
        dates = [start + datetime.timedelta(days=term_days or 0)]
    else:
        dates = instalment_dates(start=start, count=count, period=period)
    split = _split(principal=principal, daily_rate=daily_rate, start=start, dates=dates, method=method, period=period)
    return [
        Line(number=number, due_on=due_on, principal_due=part, interest_due=interest)
        for number, (due_on, (part, interest)) in enumerate(zip(dates, split, strict=True), start=1)
    ]


@dataclass
class Allocation:
    """How one payment was shared: (interest, principal) per instalment number, and whether the future
    instalments were recomputed because principal was paid ahead of them."""

    parts: dict[int, list[Decimal]] = field(default_factory=dict)
    rescheduled: bool = False

    def add(self, number: int, interest: Decimal, principal: Decimal) -> None:
        if interest or principal:
            part = self.parts.setdefault(number, [ZERO, ZERO])
            part[0] += interest
            part[1] += principal

    @property
    def interest(self) -> Decimal:
        return sum((part[0] for part in self.parts.values()), ZERO)

    @property
    def principal(self) -> Decimal:
        return sum((part[1] for part in self.parts.values()), ZERO)


def allocate(
    *,
    lines: list[Line],
    amount: Decimal,
    interest_owed: Decimal,
    on: datetime.date,
    daily_rate: Decimal,
    method: str,
    period: str,
    start: datetime.date,
) -> Allocation:
    """Share a payment among the instalments, changing `lines` in place.

    Order: instalments due on or before `on`, oldest first, each its interest then its principal (when no
    instalment is left to fall due, all the interest accrued counts as the oldest's); then the rest of the interest
    accrued (late days, and the current period so far); then the current instalment's principal;
    what is left pays principal ahead: it stays on the current instalment and the later instalments are
    recomputed on the smaller principal (same dates). `interest_owed` is the interest the ledger has accrued up to
    `on`; the caller checked that amount <= interest_owed + principal owed."""
    allocation = Allocation()
    left = amount
    pool = interest_owed
    lines.sort(key=lambda line: line.number)
    current = next((line for line in lines if line.due_on > on and line.principal_left > ZERO), None)
    for line in lines:
        if line.due_on > on or line.settled or left == ZERO:
            continue
        # Once every instalment has fallen due, all interest accrued comes first, as for a single repayment.
        interest = min(left, pool, line.interest_left if current is not None else pool)
        line.interest_paid += interest
        pool -= interest
        left -= interest
        principal = min(left, line.principal_left)
        line.principal_paid += principal
        left -= principal
        allocation.add(line.number, interest, principal)
    holder = current or (lines[-1] if lines else None)
    if holder is not None and left and pool:
        interest = min(left, pool)
        holder.interest_paid += interest
        pool -= interest
        left -= interest
        allocation.add(holder.number, interest, ZERO)
    if current is not None and left:
        principal = min(left, current.principal_left)
        current.principal_paid += principal
        left -= principal
        allocation.add(current.number, ZERO, principal)
        later = [line for line in lines if line.number > current.number and line.principal_left > ZERO]
        if left and later:
            later_left = sum((line.principal_left for line in later), ZERO)
            ahead = min(left, later_left)
            current.principal_due += ahead
            current.principal_paid += ahead
            left -= ahead
            allocation.add(current.number, ZERO, ahead)
            _reshare(
                lines=later,
                principal=later_left - ahead,
                daily_rate=daily_rate,
                start=current.due_on,
                method=method,
                period=period,
            )
            allocation.rescheduled = True
    if left:
        raise AssertionError(f"payment of {amount} left {left} unallocated")
    # Interest is what the ledger accrued: an instalment whose principal is paid, with no interest left owing on the
    # loan, was charged what it paid (early payments accrue less than the projection).
    for line in lines:
        if line.principal_left == ZERO and (pool == ZERO or line.interest_paid > line.interest_due):
            line.interest_due = line.interest_paid
    return allocation


def _reshare(
    *,
    lines: list[Line],
    principal: Decimal,
    daily_rate: Decimal,
    start: datetime.date,
    method: str,
    period: str,
) -> None:
    """Recompute later instalments (same dates) for `principal` still owed; their payments so far stay."""
    split = _split(
        principal=principal,
        daily_rate=daily_rate,
        start=start,
        dates=[line.due_on for line in lines],
        method=method if method != SINGLE else EQUAL_PRINCIPAL,
        period=period,
    )
    for line, (part, interest) in zip(lines, split, strict=True):
        line.principal_due = line.principal_paid + part
        line.interest_due = max(line.interest_paid, interest)
