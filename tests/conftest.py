import os
import shutil
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from config.celery import app as celery_app
from tests.factories import PASSWORD, AdminFactory, BuyerFactory, FarmerFactory, StationFactory
from tests.reference_data import ensure_reference_data

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test: empty cache (login lockouts), its own media folder, sessions in the database, tasks in-process."""
    cache.clear()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Query counts pin a page's queries plus one for the session. With REDIS_URL, production reads sessions from
    # Redis (cached_db: no query); tests keep the database engine so the counts do not depend on the
    # environment (tests/config/test_sessions.py covers cached_db itself).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    eager = celery_app.conf.task_always_eager
    # The app reads Django settings under the CELERY_ namespace, so the prefixed key is the one that counts.
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = True
    yield
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = eager


@pytest.fixture(autouse=True)
def _free_platform_freight(request, monkeypatch):
    """Tests written before freight (issue 16) price goods only: their shops, which have no freight template,
    ship free. Tests marked `freight` get the platform's real default (8 yuan the first kg...); any test that
    gives a shop its own template gets that template either way."""
    if request.node.get_closest_marker("freight"):
        return
    from logistics import freight_selectors
    from logistics.freight import BY_WEIGHT, FreightRate, FreightSchedule

    free = FreightSchedule(basis=BY_WEIGHT, default=FreightRate(Decimal("1"), Decimal("0"), Decimal("1"), Decimal("0")))
    monkeypatch.setattr(freight_selectors, "platform_schedule", lambda destination=None: free)


_reference_data_flushed = False


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    by_marker = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
    return by_marker or any(name in request.fixturenames for name in ("transactional_db", "live_server"))


@pytest.fixture(autouse=True)
def _reference_data(request):
    """After a transactional test flushed the tables, put back what the data migrations loaded."""
    global _reference_data_flushed
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)
    transactional = _transactional(request)
    if uses_db and _reference_data_flushed:
        request.getfixturevalue("transactional_db" if transactional else "db")
        ensure_reference_data()
        _reference_data_flushed = False
    yield
    if transactional:
        _reference_data_flushed = True


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def station(db):
    return StationFactory()


@pytest.fixture
def operator(station):
    return station.operator


@pytest.fixture
def farmer(station):
    return FarmerFactory(home_village=station.village)


@pytest.fixture
def buyer(db):
    return BuyerFactory()


@pytest.fixture
def admin_user(db):
    return AdminFactory()


def _is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def start_worker(
    queues: list[str], *, env: dict | None = None, name: str | None = None, log: Path | None = None
) -> subprocess.Popen:
    """A Celery worker process on the configured broker consuming `queues`, answering ping when this returns."""
    from django.db import connection

    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    name = name or queues[0]
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **(env or {}),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            ",".join(queues),
            "--concurrency=2",
            "--pool=prefork",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"{name}@%h",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log.open("w") if log else None,  # noqa: SIM115 (closed with the process)
        stderr=subprocess.STDOUT if log else None,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if celery_app.control.ping(destination=[f"{name}@{os.uname().nodename}"], timeout=1):
            return process
        if process.poll() is not None:
            pytest.fail("the Celery worker exited at start")
    stop_worker(process)
    pytest.fail("the Celery worker did not answer within 60 s")


def stop_worker(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def celery_queue_prefix(settings):
    """Queues of this test's own on the shared broker: every task is routed under this prefix."""
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("CELERY_BROKER_URL is not set: no broker for a real worker")
    prefix = f"taocun-test-{uuid.uuid4().hex[:8]}-"
    settings.CELERY_QUEUE_PREFIX = prefix
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    celery_app.conf.CELERY_TASK_DEFAULT_QUEUE = f"{prefix}default"
    yield prefix
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER, celery_app.conf.CELERY_TASK_DEFAULT_QUEUE = previous


@pytest.fixture
def celery_worker(transactional_db, celery_queue_prefix):
    """A real Celery worker process on the configured broker (Redis or RabbitMQ), on the test database,
    consuming this test's own copy of every queue (default, notifications, heavy, media)."""
    if not _is_postgres():
        pytest.skip("a worker process needs a shared database: set DATABASE_URL to PostgreSQL")
    from config.celery import QUEUE_KINDS

    queues = [f"{celery_queue_prefix}{kind}" for kind in QUEUE_KINDS]
    process = start_worker(queues, env={"CELERY_QUEUE_PREFIX": celery_queue_prefix})
    try:
        yield celery_queue_prefix
    finally:
        stop_worker(process)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-compatible server: TEST_S3_ENDPOINT_URL if given (MinIO...), else moto in server mode,
    started once for the whole session (only when a test asks for it) and stopped at the end."""
    endpoint = os.environ.get("TEST_S3_ENDPOINT_URL")
    if endpoint:
        yield endpoint
        return
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    import urllib.request

    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the moto S3 server did not start")
            time.sleep(0.2)
    try:
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3_bucket(s3_server, settings, monkeypatch):
    """Uploads go to a fresh bucket of this test's own on the S3 server, in this process and in any worker
    process the test starts (through the environment). Returns (boto3 client, bucket name)."""
    import boto3

    from config.storages import upload_storages

    bucket = f"taocun-test-{uuid.uuid4().hex[:12]}"
    credentials = {"STORAGE_ACCESS_KEY": "test-key", "STORAGE_SECRET_KEY": "test-secret", "STORAGE_REGION": "us-east-1"}
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=credentials["STORAGE_ACCESS_KEY"],
        aws_secret_access_key=credentials["STORAGE_SECRET_KEY"],
        region_name=credentials["STORAGE_REGION"],
    )
    client.create_bucket(Bucket=bucket)
    environment = {"STORAGE_BUCKET": bucket, "STORAGE_ENDPOINT_URL": s3_server, **credentials}
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {
        **upload_storages(
            bucket=bucket,
            endpoint_url=s3_server,
            access_key=credentials["STORAGE_ACCESS_KEY"],
            secret_key=credentials["STORAGE_SECRET_KEY"],
            region=credentials["STORAGE_REGION"],
            signed_url_seconds=settings.STORAGE_SIGNED_URL_SECONDS,
        ),
        "staticfiles": settings.STORAGES["staticfiles"],
    }
    yield client, bucket
    keys = [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    if keys:
        client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": key} for key in keys]})
    client.delete_bucket(Bucket=bucket)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot_dir():
    path = ROOT / "test-artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
