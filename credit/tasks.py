"""Credit beat tasks: thin, take ids, safe to run twice."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task

from credit import notices, repayments, selectors, services

logger = logging.getLogger(__name__)

SNAPSHOT_CHUNK = 1000


@shared_task(bind=True)
def score_snapshots_nightly(self, today: str | None = None) -> int:
    """Queue the nightly score snapshot of every villager, one task per chunk of ids (on this task's queue)."""
    day = today or services.today_local().isoformat()
    queue = (self.request.delivery_info or {}).get("routing_key")
    ids = list(selectors.villager_ids())
    for start in range(0, len(ids), SNAPSHOT_CHUNK):
        score_snapshot_chunk.apply_async((ids[start : start + SNAPSHOT_CHUNK], day), queue=queue)
    return len(ids)


@shared_task
def score_snapshot_chunk(user_ids: list[int], today: str) -> int:
    return services.score_snapshot_batch(user_ids=user_ids, today=datetime.date.fromisoformat(today))


@shared_task
def loans_nightly(today: str | None = None) -> dict:
    """Mark loans past due as overdue, post the interest of every open loan up to today, then classify arrears
    (days past due per loan, in SQL) and write the month's loan book per station."""
    day = datetime.date.fromisoformat(today) if today else services.today_local()
    overdue = services.loans_mark_overdue(today=day)
    accrued = 0
    for loan_id in selectors.open_loan_ids():
        services.loan_accrue(loan_id=loan_id, through=day)
        accrued += 1
    run = services.loans_classify_arrears(today=day)
    return {"overdue": overdue, "accrued": accrued, "classified": run.loans}


@shared_task
def arrears_classify(today: str | None = None) -> dict:
    """The arrears classification alone (resumes a run that stopped; a finished day does nothing)."""
    run = services.loans_classify_arrears(today=datetime.date.fromisoformat(today) if today else None)
    return {"day": run.day.isoformat(), "classified": run.loans, "last_loan_id": run.last_loan_id}


@shared_task
def station_cash_reconcile(day: str | None = None) -> dict:
    """Reconcile yesterday's station cash (by default): totals per station, mismatches flagged (logged)."""
    when = datetime.date.fromisoformat(day) if day else services.today_local() - datetime.timedelta(days=1)
    days = repayments.station_cash_reconcile(day=when)
    mismatched = [cash_day.station_id for cash_day in days if not cash_day.matches]
    if mismatched:
        logger.error("station cash mismatch on %s at stations %s", when, mismatched)
    return {"day": when.isoformat(), "stations": len(days), "mismatched": mismatched}


@shared_task(name="credit.tasks.loan_reminders_notify")
def loan_reminders_notify(today: str | None = None) -> int:
    """Daily: remind borrowers of loans due in 3 days, due today or overdue (each reminder once)."""
    return notices.loan_reminders_send(today=datetime.date.fromisoformat(today) if today else None)


@shared_task(name="credit.tasks.loan_payouts_resume")
def loan_payouts_resume() -> int:
    """Send again the loan payouts committed but never sent (a crash between the commit and the provider)."""
    return repayments.loan_payouts_resume()
