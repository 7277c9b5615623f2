"""Runs: progress on the row, resume and restart after a worker death, one run at a time, the real worker."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from certification import services
from certification.models import AssessmentRun, RunStatus, RunTrigger, VillageEvidence
from certification.tasks import assessment_run_daily
from core.errors import Conflict
from tests.certification.conftest import CUTOFF, add_sales, add_shops
from tests.factories import AdminFactory, VillageFactory

EVIDENCE_FIELDS = (
    "village_id",
    "policy_version",
    "window_start",
    "window_end",
    "shops_total",
    "active_shops",
    "sales_volume",
    "order_count",
    "required_active_shops",
    "eligible",
    "shops_shortfall",
    "sales_shortfall",
)


def _villages(n=5):
    villages = [VillageFactory() for _ in range(n)]
    for i, village in enumerate(villages):
        add_shops(village, 25 * i)
        add_sales(village, f"{2_500_000 * i}.00")
    return villages


def _snapshot(run) -> list[tuple]:
    return list(VillageEvidence.objects.filter(run=run).order_by("village_id").values_list(*EVIDENCE_FIELDS))


def _start(**kwargs):
    return services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False, **kwargs)


@pytest.mark.django_db
def test_a_run_works_in_chunks_and_keeps_progress_on_its_row():
    _villages(5)
    run, created = _start()
    assert created and (run.villages_done, run.villages_total, run.percent) == (0, 5, 0)
    assert services.assessment_run_step(run_id=run.pk, chunk_size=2) is True
    run.refresh_from_db()
    assert (run.villages_done, run.percent, run.status) == (2, 40, RunStatus.RUNNING)
    services.assessment_run_execute(run_id=run.pk, chunk_size=2)
    run.refresh_from_db()
    assert (run.villages_done, run.villages_total, run.status, run.percent) == (5, 5, RunStatus.COMPLETED, 100)
    assert run.finished_at is not None


@pytest.mark.django_db
def test_a_second_run_and_a_restarted_run_give_identical_evidence():
    _villages(5)
    first, _ = _start()
    services.assessment_run_execute(run_id=first.pk, chunk_size=2)
    second, _ = _start()
    services.assessment_run_execute(run_id=second.pk, chunk_size=3)
    assert _snapshot(first) == _snapshot(second)
    assert [row[-3] for row in _snapshot(first)] == [False, False, False, False, True]
    # Started over (as after a worker death): same rows, no duplicates.
    AssessmentRun.objects.filter(pk=first.pk).update(status=RunStatus.FAILED)
    services.assessment_run_restart(run_id=first.pk, enqueue=False)
    services.assessment_run_execute(run_id=first.pk, chunk_size=4)
    assert _snapshot(first) == _snapshot(second)
    assert VillageEvidence.objects.filter(run=first).count() == 5


@pytest.mark.django_db
def test_a_run_whose_worker_died_is_resumed_from_its_cursor_without_duplicates(django_capture_on_commit_callbacks):
    _villages(5)
    run, _ = _start()
    services.assessment_run_step(run_id=run.pk, chunk_size=2)
    # The worker died: no progress for longer than the stall limit.
    stale = timezone.now() - timezone.timedelta(seconds=settings.CERTIFICATION_RUN_STALL_SECONDS + 1)
    AssessmentRun.objects.filter(pk=run.pk).update(heartbeat_at=stale)
    # A new start returns the running run; the daily task resumes it.
    again, created = _start()
    assert (again.pk, created) == (run.pk, False)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_run_daily.delay()  # eager in tests: re-enqueues the run, which then runs in-process
    run.refresh_from_db()
    assert run.status == RunStatus.COMPLETED
    assert VillageEvidence.objects.filter(run=run).count() == 5


@pytest.mark.django_db
def test_a_run_making_progress_cannot_be_resumed_and_a_failed_one_can(admin_user):
    _villages(2)
    run, _ = _start()
    with pytest.raises(Conflict):
        services.assessment_run_resume(run_id=run.pk, resumed_by=admin_user, enqueue=False)
    AssessmentRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="worker lost")
    resumed = services.assessment_run_resume(run_id=run.pk, resumed_by=admin_user, enqueue=False)
    assert (resumed.status, resumed.error) == (RunStatus.RUNNING, "")


@pytest.mark.django_db
def test_a_failing_step_marks_the_run_failed_and_writes_nothing_half(monkeypatch):
    _villages(3)
    run, _ = _start()
    services.assessment_run_step(run_id=run.pk, chunk_size=1)

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services.selectors, "village_figures", broken)
    with pytest.raises(RuntimeError):
        services.assessment_run_execute(run_id=run.pk, chunk_size=1)
    run.refresh_from_db()
    assert (run.status, run.villages_done) == (RunStatus.FAILED, 1)
    assert "database went away" in run.error
    assert VillageEvidence.objects.filter(run=run).count() == 1
    monkeypatch.undo()
    services.assessment_run_resume(run_id=run.pk, enqueue=False)
    services.assessment_run_execute(run_id=run.pk, chunk_size=1)
    run.refresh_from_db()
    assert (run.status, run.villages_done) == (RunStatus.COMPLETED, 3)


@pytest.mark.django_db
def test_the_daily_task_is_in_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["certification-daily-run"]
    assert entry["task"] == assessment_run_daily.name


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_starts_give_one_run():
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs PostgreSQL (SQLite serialises writers)")
    admin = AdminFactory()
    VillageFactory()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def start():
        try:
            barrier.wait()
            results.append(services.assessment_run_start(started_by=admin, cutoff=CUTOFF, enqueue=False))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AssessmentRun.objects.count() == 1
    assert {run.pk for run, _ in results} == {AssessmentRun.objects.get().pk}
    assert sum(created for _, created in results) == 1


@pytest.mark.celery_worker
def test_a_run_on_a_real_worker(celery_worker):
    villages = _villages(4)
    admin = AdminFactory()
    # Committed (transactional_db): the worker process sees the data; on_commit enqueues to the worker.
    run, created = services.assessment_run_start(started_by=admin, cutoff=CUTOFF)
    assert created
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status != RunStatus.RUNNING:
            break
        time.sleep(0.3)
    assert run.status == RunStatus.COMPLETED, run.error
    assert run.villages_done == len(villages)
    assert VillageEvidence.objects.filter(run=run, eligible=True).count() == 0
    active = VillageEvidence.objects.filter(run=run).order_by("village_id").values_list("active_shops", flat=True)
    assert list(active) == [0, 25, 50, 75]
