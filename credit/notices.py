"""Loan reminders, per instalment: due in 3 days, due today, overdue by 1, 7 and 30 days; each sent once per
instalment and due date, in the borrower's language, and never at night (notify holds non-urgent messages through
the quiet hours, NOTIFICATIONS_QUIET_HOURS).

A reminder missed (the beat did not run that day) is still sent on a later run, within REMINDER_GRACE_DAYS;
past that it is not worth sending: the next threshold's message says more.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.urls import reverse

from credit.models import OPEN_LOAN_STATUSES, LoanInstalment
from credit.services import loan_amount_due, today_local
from notifications.services import notify

DUE_SOON_DAYS = 3
OVERDUE_THRESHOLDS = (1, 7, 30)
REMINDER_GRACE_DAYS = 6


def reminder_for(*, due_on: datetime.date, today: datetime.date) -> tuple[str, str] | None:
    """(event, key suffix) of the reminder a loan due on `due_on` calls for today, or None."""
    days_left = (due_on - today).days
    if 1 <= days_left <= DUE_SOON_DAYS:
        return "loan_due_soon", f"due_soon:{due_on}"
    if days_left == 0:
        return "loan_due_today", f"due_today:{due_on}"
    late = -days_left
    reached = [threshold for threshold in OVERDUE_THRESHOLDS if threshold <= late]
    if reached and late <= reached[-1] + REMINDER_GRACE_DAYS:
        return "loan_overdue", f"overdue:{reached[-1]}:{due_on}"
    return None


def loan_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the borrowers of open loans of each unpaid instalment; running it again the same day (or twice at
    once) sends nothing more. A single-repayment loan keeps its keys of before schedules (`loan:<id>:<reminder>`)."""
    today = today or today_local()
    window_start = today - datetime.timedelta(days=OVERDUE_THRESHOLDS[-1] + REMINDER_GRACE_DAYS)
    instalments = (
        LoanInstalment.objects.filter(
            paid_on__isnull=True,
            loan__status__in=OPEN_LOAN_STATUSES,
            due_on__gte=window_start,
            due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("loan")
        .order_by("loan_id", "number")
    )
    told = 0
    for instalment in instalments.iterator(chunk_size=500):
        reminder = reminder_for(due_on=instalment.due_on, today=today)
        if reminder is None:
            continue
        event, suffix = reminder
        loan = instalment.loan
        if loan.instalment_count == 1:
            interest, principal = loan_amount_due(loan=loan, on=today)
            owed, key = interest + principal, f"loan:{loan.pk}:{suffix}"
        else:
            owed, key = instalment.left, f"loan:{loan.pk}:{instalment.number}:{suffix}"
        with transaction.atomic():
            told += notify(
                event=event,
                recipients=[loan.borrower_id],
                key=key,
                params={
                    "loan": loan.pk,
                    "instalment": instalment.number,
                    "due_on": instalment.due_on,
                    "owed": owed,
                    "days": (today - instalment.due_on).days,
                },
                url=reverse("credit:my_credit"),
            )
    return told
