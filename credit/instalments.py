"""A loan's schedule in the database: made at disbursement, shared out by each repayment, recomputed with its
history kept. The arithmetic is in credit.schedules (pure); this module reads and writes the rows, always under the
loan lock its callers (credit.services) hold."""

from __future__ import annotations

import datetime
from decimal import Decimal

from core.money import ZERO
from credit import schedules
from credit.models import InstalmentAllocation, Loan, LoanInstalment, Repayment, ScheduleRevision


def schedule_lines_for(*, loan: Loan, start: datetime.date) -> list[schedules.Line]:
    return schedules.schedule_build(
        principal=loan.principal,
        daily_rate=loan.daily_interest_rate,
        start=start,
        method=loan.repayment_type,
        period=loan.period,
        count=loan.instalment_count,
        term_days=loan.term_days,
    )


def schedule_create(*, loan: Loan, on: datetime.date) -> list[LoanInstalment]:
    """Write the schedule of a loan paid out on `on` (replaces none: a loan is paid out once)."""
    lines = schedule_lines_for(loan=loan, start=on)
    return LoanInstalment.objects.bulk_create(
        [
            LoanInstalment(
                loan=loan,
                number=line.number,
                due_on=line.due_on,
                principal_due=line.principal_due,
                interest_due=line.interest_due,
            )
            for line in lines
        ]
    )


def _rows(instalments: list[LoanInstalment]) -> list[dict]:
    return [
        {
            "number": row.number,
            "due_on": row.due_on.isoformat(),
            "principal_due": str(row.principal_due),
            "interest_due": str(row.interest_due),
            "principal_paid": str(row.principal_paid),
            "interest_paid": str(row.interest_paid),
        }
        for row in instalments
    ]


def repayment_allocate(*, loan: Loan, repayment: Repayment, interest_owed: Decimal) -> schedules.Allocation:
    """Share a repayment among the loan's instalments and save what changed (the caller holds the loan lock and
    posts the ledger with the allocation's interest and principal)."""
    instalments = list(LoanInstalment.objects.filter(loan=loan).order_by("number"))
    lines = [
        schedules.Line(
            number=row.number,
            due_on=row.due_on,
            principal_due=row.principal_due,
            interest_due=row.interest_due,
            principal_paid=row.principal_paid,
            interest_paid=row.interest_paid,
        )
        for row in instalments
    ]
    before = _rows(instalments)
    allocation = schedules.allocate(
        lines=lines,
        amount=repayment.amount,
        interest_owed=interest_owed,
        on=repayment.paid_on,
        daily_rate=loan.daily_interest_rate,
        method=loan.repayment_type,
        period=loan.period,
        start=loan.disbursed_on,
    )
    if allocation.rescheduled:
        ScheduleRevision.objects.create(loan=loan, made_on=repayment.paid_on, reason="paid_ahead", rows=before)
    by_number = {line.number: line for line in lines}
    changed = []
    for row in instalments:
        line = by_number[row.number]
        values = (line.principal_due, line.interest_due, line.principal_paid, line.interest_paid)
        if values != (row.principal_due, row.interest_due, row.principal_paid, row.interest_paid) or (
            line.settled and row.paid_on is None
        ):
            row.principal_due, row.interest_due, row.principal_paid, row.interest_paid = values
            if line.settled and row.paid_on is None:
                row.paid_on = repayment.paid_on
            changed.append(row)
    if changed:
        LoanInstalment.objects.bulk_update(
            changed, ["principal_due", "interest_due", "principal_paid", "interest_paid", "paid_on"]
        )
    InstalmentAllocation.objects.bulk_create(
        [
            InstalmentAllocation(
                repayment=repayment, instalment_id=_id_of(instalments, number), interest=parts[0], principal=parts[1]
            )
            for number, parts in sorted(allocation.parts.items())
        ]
    )
    return allocation


def _id_of(instalments: list[LoanInstalment], number: int) -> int:
    return next(row.pk for row in instalments if row.number == number)


def days_past_due(*, instalments, today: datetime.date, due_on: datetime.date | None = None) -> int:
    """Days since the oldest instalment due before today and not fully paid; else, for an open loan past its last
    due day (`due_on`), since that day; 0 otherwise. The nightly SQL (credit.arrears) counts the same way."""
    late = [row.due_on for row in instalments if row.due_on < today and row.paid_on is None and row.left > ZERO]
    if late:
        return (today - min(late)).days
    return max(0, (today - due_on).days) if due_on else 0
