"""Delivery tasks (routed to the notifications queue by name, config/celery.py): thin, idempotent."""

from __future__ import annotations

from celery import shared_task

from notifications import services


@shared_task(bind=True, name="notifications.tasks.delivery_send", max_retries=None)
def delivery_send(self, delivery_id: int) -> str:
    """Send one delivery; a transient failure retries with backoff until NOTIFICATIONS_MAX_ATTEMPTS (counted on
    the delivery row). In-process (no broker) a retry cannot wait: deliveries_release sends it again."""
    attempt = services.delivery_attempt(delivery_id=delivery_id)
    if attempt.retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=attempt.retry_in)
    return attempt.status


@shared_task(name="notifications.tasks.deliveries_release")
def deliveries_release() -> int:
    """Every minute (beat): queue the deliveries held for quiet hours or the per-phone limit that are due."""
    return services.deliveries_release()
