"""Beat tasks: keep the insights rollups in step with the orders (thin, idempotent)."""

from celery import shared_task

from insights.services import insights_rollup_rebuild, recent_months_start


@shared_task(name="insights.refresh_recent_rollups")
def refresh_recent_rollups() -> int:
    """Redo this month and last month (new payments, refunds, cancellations): every few minutes."""
    return insights_rollup_rebuild(since=recent_months_start(months=2))


@shared_task(name="insights.rebuild_rollups")
def rebuild_rollups() -> int:
    """Redo every month (a refund of an old order): nightly."""
    return insights_rollup_rebuild()
