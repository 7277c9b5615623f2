"""The Prometheus endpoint of a web process: /metrics.

django-prometheus counts requests by view and status, their latencies, database queries and cache hits; the
Celery workers export their own task metrics on CELERY_METRICS_PORT (config/metrics_celery.py); the queue
lengths are read from the broker here, at scrape time. With several processes per host (gunicorn workers,
Celery's prefork pool) PROMETHEUS_MULTIPROC_DIR makes every scrape see all of them.

Only the internal network or a token holder may read it: a request that came through the reverse proxy
(it carries X-Forwarded-For) needs the token, whatever its address says.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily

from core.middleware import FORWARDED_MARK

logger = logging.getLogger(__name__)


def registry_for_scrape() -> CollectorRegistry:
    """Every process's metrics in multiprocess mode, this process's otherwise."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


class QueueLengthCollector:
    """celery_queue_length{queue}: messages waiting on each of our queues, asked of the broker (Redis or RabbitMQ)."""

    def collect(self):
        from config.celery import QUEUE_KINDS, app, queue_name

        up = GaugeMetricFamily("celery_broker_up", "1 when the broker answered the queue-length scrape")
        lengths = GaugeMetricFamily("celery_queue_length", "Messages waiting in a Celery queue", labels=["queue"])
        if not settings.CELERY_BROKER_URL:
            return
        try:
            with app.connection_for_read(settings.CELERY_BROKER_URL) as connection:
                connection.ensure_connection(max_retries=1, timeout=3)
                for kind in QUEUE_KINDS:
                    lengths.add_metric([kind], _queue_length(connection, queue_name(kind)))
        except Exception as error:  # the broker's own errors: report it down, never fail the scrape
            logger.warning("queue lengths unavailable: %s", type(error).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield lengths


def _queue_length(connection, name: str) -> int:
    channel = connection.channel()
    try:
        return channel.queue_declare(queue=name, passive=True).message_count
    except connection.channel_errors:  # not declared yet: no worker ever consumed it, nothing sent to it
        return 0
    finally:
        try:
            channel.close()
        except connection.connection_errors + connection.channel_errors:
            pass


def metrics_allowed(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].encode(), token.encode()):
        return True
    meta = request.META
    if meta.get(FORWARDED_MARK) or "HTTP_X_FORWARDED_FOR" in meta:  # came through a proxy: not an internal scraper
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network) for network in settings.METRICS_ALLOWED_NETWORKS)


def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        raise Http404  # do not even confirm the endpoint exists
    queues = CollectorRegistry()
    queues.register(QueueLengthCollector())
    body = generate_latest(registry_for_scrape()) + generate_latest(queues)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
