"""Demo data for certification (called by `manage.py seed_demo`; idempotent).

Ensures the default policy and one completed assessment run over the demo villages (run in-process).
"""

from core.progress import progress


def seed(*, quiet: bool = False) -> None:
    from certification import services
    from certification.models import AssessmentRun, RunStatus, RunTrigger

    services.policy_default_ensure()
    if AssessmentRun.objects.filter(trigger=RunTrigger.DEMO, status=RunStatus.COMPLETED).exists():
        return
    run = AssessmentRun.objects.filter(trigger=RunTrigger.DEMO, status=RunStatus.RUNNING).first()
    if run is None:
        run, _created = services.assessment_run_start(trigger=RunTrigger.DEMO, enqueue=False)
    bar = progress(
        iter(lambda: services.assessment_run_step(run_id=run.pk), False), desc="certification", disable=quiet
    )
    for _step in bar:
        pass
