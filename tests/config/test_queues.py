"""Celery queues by kind of work: routing by task name, a task landing on its queue on the real broker (Redis or
RabbitMQ), a backlog of heavy work not holding up the rest, worker task metrics, request ids in worker logs."""

import json
import time
import urllib.request
import uuid

import pytest
from django_guid import set_guid

from config.celery import QUEUE_KINDS, app, queue_kind
from config.metrics import _queue_length
from config.tasks import health_check
from tests.conftest import _free_port, start_worker, stop_worker


@pytest.mark.parametrize(
    ("task", "kind"),
    [
        ("certification.tasks.assessment_run_execute", "heavy"),
        ("certification.tasks.assessment_run_daily", "heavy"),
        ("credit.tasks.score_snapshots_nightly", "heavy"),
        ("credit.tasks.score_snapshot_chunk", "heavy"),
        ("insights.rebuild_rollups", "heavy"),
        ("insights.refresh_recent_rollups", "heavy"),
        ("shops.tasks.product_image_process", "media"),
        # The notifications app does not exist yet: its tasks are routed by name already.
        ("notifications.tasks.message_deliver", "notifications"),
        ("orders.tasks.pickup_code_notify_sms", "notifications"),
        ("villages.tasks.stations_import", "heavy"),
        ("orders.tasks.orders_cancel_unpaid", "default"),
        ("credit.tasks.loans_nightly", "default"),
        ("config.tasks.health_check", "default"),
    ],
)
def test_tasks_are_routed_by_kind(task, kind):
    assert queue_kind(task) == kind


def test_every_registered_task_has_a_queue():
    app.loader.import_default_modules()
    ours = [name for name in app.tasks if not name.startswith("celery.")]
    assert ours and {queue_kind(name) for name in ours} <= set(QUEUE_KINDS)


def _purge(prefix: str) -> None:
    with app.connection_for_write() as connection:
        channel = connection.channel()
        for kind in QUEUE_KINDS:
            try:
                channel.queue_delete(f"{prefix}{kind}")
            except connection.channel_errors:
                channel = connection.channel()
        channel.close()


def _lengths(prefix: str) -> dict[str, int]:
    with app.connection_for_read() as connection:
        return {kind: _queue_length(connection, f"{prefix}{kind}") for kind in QUEUE_KINDS}


@pytest.mark.celery_worker
def test_a_task_lands_on_its_queue(celery_queue_prefix):
    from certification.tasks import assessment_run_execute
    from shops.tasks import product_image_process

    try:
        assessment_run_execute.delay(0)
        product_image_process.delay(0)
        product_image_process.delay(0)
        health_check.delay()
        app.send_task("notifications.tasks.message_deliver", args=[0])
        deadline = time.monotonic() + 10
        while _lengths(celery_queue_prefix) != {"default": 1, "notifications": 1, "heavy": 1, "media": 2}:
            assert time.monotonic() < deadline, _lengths(celery_queue_prefix)
            time.sleep(0.2)
    finally:
        _purge(celery_queue_prefix)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_heavy_backlog_does_not_hold_up_other_work(celery_queue_prefix, tmp_path):
    """Workers per queue class (as in docker-compose): with the heavy worker busy or absent, a queued
    certification run waits on its own queue while a default task, sent after it, is done at once."""
    from certification.tasks import assessment_run_execute

    prefix = celery_queue_prefix
    log = tmp_path / "worker.log"
    process = start_worker(
        [f"{prefix}default", f"{prefix}notifications"],
        env={"CELERY_QUEUE_PREFIX": prefix, "LOG_FORMAT": "json", "LOG_LEVEL": "INFO"},
        name=f"{prefix}light",
        log=log,
    )
    try:
        for run_id in range(5):
            assessment_run_execute.delay(run_id)
        request_id = uuid.uuid4().hex
        set_guid(request_id)  # as the request middleware does
        began = time.monotonic()
        assert health_check.delay().get(timeout=30) == {"status": "ok", "database": True}
        assert time.monotonic() - began < 30
        assert _lengths(prefix)["heavy"] == 5
    finally:
        stop_worker(process)
        _purge(prefix)
    # The worker's log lines are JSON and carry the id of the request that sent the task.
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    finished = [
        line for line in lines if "config.tasks.health_check" in line["message"] and "succeeded" in line["message"]
    ]
    assert finished and finished[0]["correlation_id"] == request_id


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_exports_task_counts_durations_and_failures(celery_queue_prefix, tmp_path):
    from certification.tasks import assessment_run_execute

    prefix, port = celery_queue_prefix, _free_port()
    multiproc = tmp_path / "prometheus"
    multiproc.mkdir()
    process = start_worker(
        [f"{prefix}{kind}" for kind in QUEUE_KINDS],
        env={
            "CELERY_QUEUE_PREFIX": prefix,
            "CELERY_METRICS_PORT": str(port),
            "PROMETHEUS_MULTIPROC_DIR": str(multiproc),
        },
        name=f"{prefix}metrics",
    )
    try:
        assert health_check.delay().get(timeout=30)["status"] == "ok"
        with pytest.raises(Exception, match="DoesNotExist|does not exist"):
            assessment_run_execute.delay(0).get(timeout=30)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
            text = response.read().decode()
    finally:
        stop_worker(process)
    assert 'celery_tasks_total{state="success",task="config.tasks.health_check"} 1.0' in text
    assert 'celery_tasks_total{state="failure",task="certification.tasks.assessment_run_execute"} 1.0' in text
    assert 'celery_task_duration_seconds_count{task="config.tasks.health_check"} 1.0' in text
