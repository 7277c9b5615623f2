"""Probes for load balancers and orchestrators: /healthz (the process answers) and /readyz (it can serve).

/readyz runs django-health-check's database, cache and storage checks plus two of ours (the Celery broker
reachable, no migration left to apply) and answers 200, or 503 naming what failed. Both are answered by
ProbeMiddleware before host validation and the HTTPS redirect: a probe comes by address and plain HTTP.
"""

from __future__ import annotations

import dataclasses
import datetime

from asgiref.sync import async_to_sync
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Storage
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker (Redis or RabbitMQ) accepts a connection. Skipped when tasks run in-process."""

    timeout: datetime.timedelta = dataclasses.field(default=datetime.timedelta(seconds=3), repr=False)

    def run(self):
        if not settings.CELERY_BROKER_URL:
            return
        from config.celery import app

        try:
            with app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
                connection.ensure_connection(max_retries=1, timeout=self.timeout.total_seconds())
        except Exception as error:  # kombu raises the transport's own errors
            raise ServiceUnavailable(f"broker unreachable ({type(error).__name__})") from error


_migrated: set[str] = set()


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration is applied: a web process of a newer release waits until `migrate` has run."""

    alias: str = DEFAULT_DB_ALIAS

    def run(self):
        if self.alias in _migrated:  # applied migrations are not unapplied: ask once per process
            return
        try:
            executor = MigrationExecutor(connections[self.alias])
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except Exception as error:
            raise ServiceUnavailable(f"cannot read migrations ({type(error).__name__})") from error
        finally:
            connections[self.alias].close_if_unusable_or_obsolete()
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migration(s) not applied")
        _migrated.add(self.alias)


class ReadinessView(HealthCheckView):
    checks = (Database, Cache, Storage, Broker, Migrations)

    def render_to_response_json(self, status):
        # 503, not 500: a load balancer reads it as "not now", and it is not an error of this request.
        body = {repr(result.check): str(result.error) if result.error else "OK" for result in self.results}
        return JsonResponse(body, status=503 if status != 200 else 200)


readiness = ReadinessView.as_view()


def liveness(request):
    """The process answers; nothing else is asked (a restart would not cure a database outage)."""
    return HttpResponse("ok\n", content_type="text/plain")


PROBES = {"/healthz": liveness, "/readyz": readiness}


class ProbeMiddleware:
    """Answer /healthz and /readyz before ALLOWED_HOSTS and SECURE_SSL_REDIRECT apply; JSON for /readyz."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = PROBES.get(request.path_info.rstrip("/"))
        if view is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if view is readiness:
            request.GET = request.GET.copy()
            request.GET["format"] = "json"
            return async_to_sync(view)(request)  # django-health-check's view is async
        return view(request)
