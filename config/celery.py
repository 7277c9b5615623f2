"""The Celery app: configured from Django settings (CELERY_*), tasks found in each app's tasks.py.

Tasks are routed by name to one queue per kind of work, so that a long certification run never sits in front
of an urgent message: docker-compose runs a worker (or several) per queue.
"""

import os
from fnmatch import fnmatchcase

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("taocun")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

QUEUE_KINDS = ("default", "notifications", "heavy", "media")

# First match wins; a task matching nothing goes to "default". Patterns name tasks, not modules, so a task
# added later lands on the right queue without touching this list (the notifications app's tasks included).
ROUTES: tuple[tuple[str, str], ...] = (
    ("notifications.*", "notifications"),
    ("*notify*", "notifications"),
    ("certification.tasks.*", "heavy"),
    ("credit.tasks.score_snapshot*", "heavy"),
    ("insights.*", "heavy"),
    ("*rebuild*", "heavy"),
    ("*import*", "heavy"),
    ("shops.tasks.product_image_*", "media"),
    ("shops.tasks.review_photo_*", "media"),
    ("shops.tasks.batch_photo_*", "media"),
    ("*thumbnail*", "media"),
)


def queue_kind(task_name: str) -> str:
    """The kind of queue a task goes to, by its name."""
    return next((kind for pattern, kind in ROUTES if fnmatchcase(task_name, pattern)), "default")


def queue_name(kind: str) -> str:
    from django.conf import settings

    return f"{settings.CELERY_QUEUE_PREFIX}{kind}"


def route_task(name, args, kwargs, options, task=None, **kw):
    """Celery router (CELERY_TASK_ROUTES): the queue of the task's kind, under CELERY_QUEUE_PREFIX."""
    return {"queue": queue_name(queue_kind(name))}


# Task counts, durations and failures (Prometheus), and the worker's /metrics port.
import config.metrics_celery  # noqa: E402,F401
