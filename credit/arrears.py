"""Arrears: days past due per loan, classified nightly in SQL, and the loan book per station and month.

`arrears_classify` sets every open loan's `days_past_due` (days since its oldest instalment due before today and
not fully paid) and its status (overdue while an instalment is late, active again once the arrears are paid) with
one UPDATE per chunk of loan ids: no Python loop over loans. Each chunk commits on its own and the day's
`ArrearsRun` row keeps the last id done, so a run that stopped resumes where it was and a finished run does nothing.
It then rewrites the month's `PortfolioMonth` rows (one INSERT ... SELECT ... GROUP BY station): outstanding
principal, principal per arrears bucket and PAR30 (principal of loans more than 30 days past due).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from credit.models import ArrearsRun, Loan, LoanInstalment, PortfolioMonth
from villages.models import ServiceStation


def bucket_bounds() -> list[tuple[str, int, int | None]]:
    """[(label, first day, last day or None)], e.g. ("1-30", 1, 30) ... (">90", 91, None)."""
    bounds = sorted(int(bound) for bound in settings.CREDIT_ARREARS_BUCKETS if int(bound) > 0)
    buckets, low = [], 1
    for high in bounds:
        buckets.append((f"{low}-{high}", low, high))
        low = high + 1
    buckets.append((f">{low - 1}", low, None))
    return buckets


def bucket_of(days: int) -> str | None:
    for label, low, high in bucket_bounds():
        if days >= low and (high is None or days <= high):
            return label
    return None


def _days_past_due_sql() -> str:
    """Days since the oldest late instalment's due day, else since the loan's due day (never negative). SQLite (the
    zero-setup default of `make run`) has no date arithmetic or GREATEST: julianday and the two-argument MAX."""
    if connection.vendor == "postgresql":
        return "COALESCE(%(today)s::date - MIN(i.due_on), GREATEST(%(today)s::date - l.due_on, 0))"
    return (
        "COALESCE(CAST(julianday(%(today)s) - julianday(MIN(i.due_on)) AS INTEGER), "
        "MAX(CAST(julianday(%(today)s) - julianday(l.due_on) AS INTEGER), 0))"
    )


def _classify_sql() -> str:
    loan, instalment = Loan._meta.db_table, LoanInstalment._meta.db_table
    # With no late instalment, an open loan past its last due day still owes something (interest of the late days,
    # or a loan from before schedules existed): it counts from its due day.
    return f"""
        WITH days AS (
            SELECT l.id,
                   {_days_past_due_sql()} AS dpd
              FROM {loan} l
              LEFT JOIN {instalment} i ON i.loan_id = l.id AND i.paid_on IS NULL AND i.due_on < %(today)s
             WHERE l.id > %(after)s AND l.id <= %(upto)s AND l.status IN ('active', 'overdue')
             GROUP BY l.id
        )
        UPDATE {loan} AS l
           SET days_past_due = days.dpd,
               status = CASE WHEN days.dpd > 0 THEN 'overdue' ELSE 'active' END
          FROM days
         WHERE l.id = days.id
           AND (l.days_past_due <> days.dpd OR l.status <> CASE WHEN days.dpd > 0 THEN 'overdue' ELSE 'active' END)
    """


def _portfolio_sql() -> tuple[str, list[str]]:
    loan, user = Loan._meta.db_table, User._meta.db_table
    station, portfolio = ServiceStation._meta.db_table, PortfolioMonth._meta.db_table
    pairs = []
    for label, low, high in bucket_bounds():
        condition = f"l.days_past_due >= {int(low)}" + (f" AND l.days_past_due <= {int(high)}" if high else "")
        pairs.append(
            f"'{label}', COALESCE(SUM(l.outstanding_principal) FILTER (WHERE l.status IN ('active', 'overdue') "
            f"AND {condition}), 0)"
        )
    json_object = "jsonb_build_object" if connection.vendor == "postgresql" else "json_object"
    arrears = f"{json_object}({', '.join(pairs)})"
    open_loan = "l.status IN ('active', 'overdue')"
    paid_out = "l.status IN ('active', 'overdue', 'repaid', 'written_off')"
    insert = f"""
        INSERT INTO {portfolio} (month, station_id, loans, outstanding_principal, arrears, par30_principal, computed_on,
                                 loans_all, disbursed, outstanding_total, overdue_count, overdue_total,
                                 written_off_count, written_off_principal, recovered)
        SELECT %(month)s, st.id, COUNT(l.id) FILTER (WHERE {open_loan}),
               COALESCE(SUM(l.outstanding_principal) FILTER (WHERE {open_loan}), 0),
               {arrears},
               COALESCE(SUM(l.outstanding_principal) FILTER (WHERE {open_loan} AND l.days_past_due > 30), 0),
               %(today)s,
               COUNT(l.id),
               COALESCE(SUM(l.principal) FILTER (WHERE {paid_out}), 0),
               COALESCE(SUM(l.outstanding_principal + l.outstanding_interest) FILTER (WHERE {open_loan}), 0),
               COUNT(l.id) FILTER (WHERE l.status = 'overdue'),
               COALESCE(SUM(l.outstanding_principal + l.outstanding_interest) FILTER (WHERE l.status = 'overdue'), 0),
               COUNT(l.id) FILTER (WHERE l.status = 'written_off'),
               COALESCE(SUM(l.principal) FILTER (WHERE l.status = 'written_off'), 0),
               COALESCE(SUM(l.recovered), 0)
          FROM {loan} l
          JOIN {user} u ON u.id = l.borrower_id
          JOIN {station} st ON st.village_id = u.home_village_id
         GROUP BY st.id
    """
    return insert, [f"DELETE FROM {portfolio} WHERE month = %(month)s"]


def portfolio_month_write(*, today: datetime.date) -> None:
    """The month's loan book per station, as of today's classification (replaces the month's rows)."""
    insert, before = _portfolio_sql()
    params = {"month": today.replace(day=1), "today": today}
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in before:
            cursor.execute(statement, params)
        cursor.execute(insert, params)


def arrears_classify(*, today: datetime.date | None = None, chunk: int | None = None) -> ArrearsRun:
    """Classify every open loan for `today` in chunks of ids (resumable), then write the month's portfolio."""
    today = today or timezone.localdate()
    chunk = chunk or settings.CREDIT_ARREARS_CHUNK
    run, _created = ArrearsRun.objects.get_or_create(day=today)
    if run.finished_at is not None:
        return run
    highest = Loan.objects.aggregate(highest=Max("pk"))["highest"] or 0
    sql = _classify_sql()
    after = run.last_loan_id
    while after < highest:
        upto = after + chunk
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, {"today": today, "after": after, "upto": upto})
            changed = cursor.rowcount
            if changed < 0:  # SQLite's driver counts no rows for a statement that opens with WITH
                cursor.execute("SELECT changes()")
                changed = cursor.fetchone()[0]
            ArrearsRun.objects.filter(pk=run.pk).update(last_loan_id=upto, loans=run.loans + changed)
            run.loans += changed
        after = upto
    portfolio_month_write(today=today)
    run.last_loan_id = after
    run.finished_at = timezone.now()
    run.save(update_fields=["last_loan_id", "loans", "finished_at"])
    return run
