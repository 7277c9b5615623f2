"""Settings come from the environment: each variable switches one piece, defaults work on a fresh machine."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'db': str(settings.DATABASES['default']['NAME']), 'eager': settings.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': settings.CELERY_BROKER_URL, 'cache': settings.CACHES['default']['BACKEND'], "
    "'debug': settings.DEBUG, 'tz': settings.TIME_ZONE, 'use_tz': settings.USE_TZ, "
    "'session': settings.SESSION_ENGINE, 'results': settings.CELERY_RESULT_BACKEND, "
    "'storages': {alias: settings.STORAGES[alias]['BACKEND'] for alias in ('default', 'private')}}))"
)
VARIABLES = (
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "REDIS_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "CELERY_RESULT_BACKEND",
    "STORAGE_BUCKET",
)


def _settings_with(**variables) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    env.update(variables, DJANGO_SETTINGS_MODULE="config.settings")
    output = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_defaults_need_nothing_installed():
    probe = _settings_with()
    assert probe["engine"].endswith("db.backends.sqlite3")
    assert probe["db"].endswith("db.sqlite3")
    assert probe["eager"] is True and probe["broker"] == ""
    assert probe["cache"].endswith("LocMemCache")
    assert probe["tz"] == "Asia/Shanghai" and probe["use_tz"] is True
    assert probe["storages"] == {
        "default": "django.core.files.storage.FileSystemStorage",
        "private": "core.storage.PrivateFileSystemStorage",
    }


def test_environment_switches_to_postgres_redis_and_celery():
    probe = _settings_with(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/taocun",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/1",
        REDIS_URL="redis://127.0.0.1:6379/2",
    )
    assert probe["engine"].endswith("db.backends.postgresql")
    assert probe["db"] == "taocun"
    assert probe["eager"] is False and probe["broker"] == "redis://127.0.0.1:6379/1"
    assert probe["cache"].endswith("RedisCache")
    # Nothing a request needs stays in one web process: sessions read from Redis (written through to the database).
    assert probe["session"] == "django.contrib.sessions.backends.cached_db"
    assert probe["results"] == "redis://127.0.0.1:6379/1"


def test_rabbitmq_as_the_broker_and_a_bucket_for_uploads():
    probe = _settings_with(
        CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:5672//",
        REDIS_URL="redis://127.0.0.1:6379/2",
        STORAGE_BUCKET="taocun",
    )
    assert probe["eager"] is False and probe["broker"].startswith("amqp://")
    assert probe["results"] == "redis://127.0.0.1:6379/2"  # not the amqp broker: Celery 5 has no amqp backend
    assert probe["storages"] == {"default": "core.storage.PublicS3Storage", "private": "storages.backends.s3.S3Storage"}
    assert _settings_with(CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:5672//")["results"] == "rpc://"


def test_production_settings_pass_check_deploy():
    env = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7Kp2vQ9rT4mW8zL1nB6cF3hJ5dS0aG9eY2uI7oP4qR8tV1wX3",
        ALLOWED_HOSTS="taocun.example",
        REDIS_URL="redis://127.0.0.1:6379/1",  # not connected to by the checks
        SMS_PROVIDER="aliyun",  # a real SMS gateway (its keys are read when the first message is sent)
        DJANGO_SETTINGS_MODULE="config.settings",
        PAYMENT_PROVIDER_ALLOW_SIMULATED="1",  # no real provider exists yet (see the test below)
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
    # Without Redis, each gunicorn worker would count failed logins on its own.
    env.pop("REDIS_URL")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "accounts.W001" in result.stderr + result.stdout
    # With the console SMS provider, pickup codes and loan reminders would only be logged.
    env.update(REDIS_URL="redis://127.0.0.1:6379/1", SMS_PROVIDER="console")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "notifications.W001" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    env.update(DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def _production_env(**variables) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in VARIABLES and not key.startswith("PAYMENT_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7Kp2vQ9rT4mW8zL1nB6cF3hJ5dS0aG9eY2uI7oP4qR8tV1wX3",
        ALLOWED_HOSTS="taocun.example",
        REDIS_URL="redis://127.0.0.1:6379/1",
        DJANGO_SETTINGS_MODULE="config.settings",
        **variables,
    )
    return env


def _check_deploy(**variables) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=_production_env(**variables),
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_simulated_payment_provider_unless_allowed_on_purpose():
    result = _check_deploy()
    assert result.returncode != 0 and "core.E011" in result.stderr + result.stdout
    # The WSGI application (gunicorn runs no checks) refuses to load too.
    wsgi = subprocess.run(
        [sys.executable, "-c", "import config.wsgi"], cwd=ROOT, env=_production_env(), capture_output=True, text=True
    )
    assert wsgi.returncode != 0 and "core.E011" in wsgi.stderr
    assert _check_deploy(PAYMENT_PROVIDER_ALLOW_SIMULATED="1").returncode == 0


def test_production_refuses_the_development_webhook_secret():
    result = _check_deploy(
        PAYMENT_PROVIDER_ALLOW_SIMULATED="1", PAYMENT_WEBHOOK_SECRET="dev-only-payment-webhook-secret"
    )
    assert result.returncode != 0 and "core.E012" in result.stderr + result.stdout
