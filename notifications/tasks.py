"""Delivery tasks (routed to the notifications queue by name, config/celery.py): thin, idempotent."""

from __future__ import annotations

import random

from celery import shared_task
from django.conf import settings

from notifications import services


def backoff_seconds(retries: int) -> int:
    """Exponential backoff with jitter: base, 2 x base, 4 x base... capped, each +- 20 %."""
    delay = min(settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2**retries, settings.NOTIFICATIONS_RETRY_MAX_SECONDS)
    return round(delay * random.uniform(0.8, 1.2))  # noqa: S311 (jitter, not a secret)


@shared_task(bind=True, name="notifications.tasks.delivery_send", max_retries=None)
def delivery_send(self, delivery_id: int) -> str:
    """Send one delivery; a transient failure retries with backoff until NOTIFICATIONS_MAX_ATTEMPTS."""
    final = self.request.retries + 1 >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    attempt = services.delivery_attempt(delivery_id=delivery_id, final=final)
    if attempt.retry:
        raise self.retry(countdown=backoff_seconds(self.request.retries))
    return attempt.status


@shared_task(name="notifications.tasks.deliveries_release")
def deliveries_release() -> int:
    """Every minute (beat): queue the deliveries held for quiet hours or the per-phone limit that are due."""
    return services.deliveries_release()
