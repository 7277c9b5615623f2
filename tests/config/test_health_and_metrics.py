"""/healthz, /readyz (and readiness failing when a dependency is down), /metrics and who may read it,
the request id in responses and JSON logs."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_asking_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"


def test_probes_answer_any_host_over_plain_http(client, settings):
    """A load balancer asks by address and over HTTP: neither ALLOWED_HOSTS nor the HTTPS redirect apply."""
    settings.ALLOWED_HOSTS = ["taocun.example"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # everything else still checks


def test_readyz_names_every_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert set(body.values()) == {"OK"}
    for name in ("Database", "Cache", "Storage", "Broker", "Migrations"):
        assert any(check.startswith(name) for check in body), name


def test_readyz_fails_when_the_database_is_down(client, monkeypatch):
    from django.db import connections

    def refuse(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    monkeypatch.setattr(type(connections["default"]), "temporary_connection", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert [check for check, state in response.json().items() if state != "OK"][0].startswith("Database")


def test_readyz_fails_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "config.cache.CountingRedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert [check for check, state in response.json().items() if state != "OK"][0].startswith("Cache")


def test_readyz_fails_when_the_broker_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    failing = {check: state for check, state in response.json().items() if state != "OK"}
    assert list(failing) == ["Broker()"] and "broker unreachable" in failing["Broker()"]


def test_readyz_fails_while_a_migration_is_not_applied(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    from config import health

    monkeypatch.setattr(health, "_migrated", set())
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("shops", "9999_new")])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["Migrations(alias='default')"].endswith("1 migration(s) not applied")


def test_metrics_show_requests_queries_and_cache(client):
    client.get("/shop/")
    response = client.get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert (
        'django_http_requests_total_by_view_transport_method_total{method="GET",transport="http",view="shops:catalogue"}'
        in text
    )
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
    assert (
        'django_http_responses_total_by_status_view_method_total{method="GET",status="200",view="shops:catalogue"}'
        in text
    )
    assert f'django_db_execute_total{{alias="default",vendor="{connection.vendor}"}}' in text
    assert "django_cache_get_total" in text
    assert "celery_tasks_total" in text and "celery_task_duration_seconds" in text


@pytest.mark.parametrize(
    ("meta", "allowed"),
    [
        ({"REMOTE_ADDR": "127.0.0.1"}, True),
        ({"REMOTE_ADDR": "172.18.0.5"}, True),  # a Prometheus container on the compose network
        ({"REMOTE_ADDR": "203.0.113.9"}, False),
        # Through the reverse proxy, whose address is internal: the header gives it away.
        ({"REMOTE_ADDR": "172.18.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, False),
        ({"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer scrape-token"}, True),
        ({"REMOTE_ADDR": "203.0.113.9", "HTTP_AUTHORIZATION": "Bearer wrong-token"}, False),
    ],
)
def test_metrics_only_for_the_internal_network_or_the_token(client, settings, meta, allowed):
    settings.METRICS_TOKEN = "scrape-token"
    response = client.get("/metrics", **meta)
    assert response.status_code == (200 if allowed else 404)


def test_no_token_means_no_token_access(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_report_queue_lengths_from_the_broker(client, settings):
    if not settings.CELERY_BROKER_URL:
        pytest.skip("no broker")
    text = client.get("/metrics").content.decode()
    assert "celery_broker_up 1.0" in text
    for queue in ("default", "notifications", "heavy", "media"):
        assert f'celery_queue_length{{queue="{queue}"}}' in text


def test_every_response_carries_a_request_id_and_keeps_the_proxys(client):
    generated = client.get("/healthz")["X-Request-ID"]
    assert len(generated) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")["X-Request-ID"] == (
        "0123456789abcdef0123456789abcdef"
    )
    # Anything else a client sends is not written into the logs: a new id replaces it.
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="x" * 500)["X-Request-ID"]
    assert len(replaced) == 32 and replaced != "x" * 500


def test_json_log_lines_carry_the_request_id(settings, client):
    from django_guid import set_guid
    from django_guid.log_filters import CorrelationId
    from pythonjsonlogger.json import JsonFormatter

    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(correlation_id)s %(message)s",
        rename_fields={"levelname": "level", "name": "logger"},
    )
    record = logging.LogRecord("shops", logging.WARNING, __file__, 1, "photo refused", None, None)
    set_guid("feedfacefeedfacefeedfacefeedface")
    CorrelationId().filter(record)
    line = json.loads(formatter.format(record))
    assert line["correlation_id"] == "feedfacefeedfacefeedfacefeedface"
    assert line["level"] == "WARNING" and line["message"] == "photo refused"


@pytest.mark.parametrize("value", [0, "", frozenset(), (), None, False])
def test_the_zero_setup_cache_keeps_falsy_values(value, settings):
    """make run's cache (no REDIS_URL) answers what was stored, falsy or not: django-prometheus's wrapper read
    every falsy value as a miss, and the catalogue's "no open pre-sale" mark then cost one query per card."""
    from django.core.cache import caches

    settings.CACHES = {**settings.CACHES, "falsy": {"BACKEND": "config.cache.CountingLocMemCache", "LOCATION": "t"}}
    cache = caches["falsy"]
    cache.set("stored", value)
    assert cache.get("stored", "missing") == value
    assert cache.get("never-stored", "missing") == "missing"
    calls = []
    assert cache.get_or_set("stored", lambda: calls.append(1)) == value and not calls


def test_the_zero_setup_settings_use_the_counting_local_memory_cache():
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "config.cache.CountingLocMemCache"
