"""Celery tasks for certification: thin, take ids, safe to run twice (evidence is upserted per run and village)."""

from celery import shared_task

from certification import services
from certification.models import RunTrigger


@shared_task(name="certification.tasks.assessment_run_execute", acks_late=True)
def assessment_run_execute(run_id: int) -> dict:
    """Assess the run's remaining villages chunk by chunk; a redelivered task resumes from the cursor."""
    run = services.assessment_run_execute(run_id=run_id)
    return {"run": run.pk, "status": run.status, "done": run.villages_done, "total": run.villages_total}


@shared_task(name="certification.tasks.assessment_run_daily")
def assessment_run_daily() -> dict:
    """The daily run (beat): start one, or resume the running one if its worker died."""
    run, created = services.assessment_run_start(trigger=RunTrigger.SCHEDULE)
    if not created and run.is_stalled():
        run = services.assessment_run_resume(run_id=run.pk)
    return {"run": run.pk, "created": created}
