"""Celery task metrics (Prometheus): counts by task and outcome, durations; exported by the worker itself.

Recorded from Celery's signals in whichever process runs the task (a prefork child: set
PROMETHEUS_MULTIPROC_DIR so the parent's exporter sees every child). The worker's main process serves them
on CELERY_METRICS_PORT. Queue lengths are read from the broker by the web's /metrics (config/metrics.py).
"""

from __future__ import annotations

import os
import time

from celery.signals import task_postrun, task_prerun, worker_init, worker_process_shutdown
from prometheus_client import Counter, Histogram

TASKS = Counter("celery_tasks_total", "Celery tasks run, by task name and outcome", ["task", "state"])
DURATION = Histogram(
    "celery_task_duration_seconds",
    "Time a Celery task ran",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, float("inf")),
)
_started: dict[str, float] = {}


@task_prerun.connect
def _task_started(task_id=None, **kwargs):
    _started[task_id] = time.monotonic()


@task_postrun.connect
def _task_finished(task_id=None, task=None, state=None, **kwargs):
    began = _started.pop(task_id, None)
    name = getattr(task, "name", "unknown")
    TASKS.labels(task=name, state=(state or "unknown").lower()).inc()
    if began is not None:
        DURATION.labels(task=name).observe(time.monotonic() - began)


@worker_init.connect
def _serve_metrics(**kwargs):
    from django.conf import settings

    port = settings.CELERY_METRICS_PORT
    if not port:
        return
    from prometheus_client import start_http_server

    from config.metrics import registry_for_scrape

    start_http_server(port, registry=registry_for_scrape())


@worker_process_shutdown.connect
def _child_gone(pid=None, **kwargs):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid or os.getpid())
