"""`make compose-smoke`: every docker-compose service's own command, run on this machine (no Docker engine).

The commands and environment are read from docker-compose.yml; only what names a container is mapped to this
machine: PostgreSQL, Redis and the S3 server on loopback (moto in server mode stands in for MinIO), a scratch
database, queues under a prefix of their own, free ports. Then, through nginx running the proxy's template:
/readyz answers, a farmer's photo goes up through the API, the media worker cleans it from and to the bucket,
and the photo comes back through the proxy's /media/; each worker answers ping and exports task metrics, beat
starts, and the web's /metrics shows queue lengths. Everything started is stopped; the database is dropped.
"""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.load import proxy as nginx  # noqa: E402

APP_SERVICES = ["migrate", "web", "worker", "worker-notifications", "worker-heavy", "worker-media", "beat"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def interpolate(value: str) -> str:
    """Compose's ${VAR:-default} and ${VAR:?message}, from this shell's environment."""

    def one(match: re.Match) -> str:
        name, op, rest = match.group(1), match.group(2) or "", match.group(3) or ""
        if os.environ.get(name):
            return os.environ[name]
        return rest if op == ":-" else ""

    return re.sub(r"\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}", one, str(value)).replace("$$", "$")


def request(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    call = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(call, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait(what: str, check, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                print(f"  ok: {what}")
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"FAILED: {what}")
        time.sleep(0.5)


def main() -> int:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    work = Path(tempfile.mkdtemp(prefix="taocun-compose-smoke-"))
    database = f"taocun_smoke_{uuid.uuid4().hex[:6]}"
    prefix = f"smoke-{uuid.uuid4().hex[:6]}-"
    s3_port, web_port, proxy_port = free_port(), free_port(), free_port()
    processes: dict[str, subprocess.Popen] = {}
    running_proxy = None
    local = {
        "DJANGO_SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "CELERY_BROKER_URL": os.environ.get("SMOKE_BROKER_URL", "redis://127.0.0.1:6379/0"),
        "REDIS_URL": os.environ.get("SMOKE_REDIS_URL", "redis://127.0.0.1:6379/9"),
        "STORAGE_ENDPOINT_URL": f"http://127.0.0.1:{s3_port}",
        "CELERY_QUEUE_PREFIX": prefix,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TRUSTED_PROXIES": "127.0.0.1/32",
    }

    def environment(name: str, extra: dict | None = None) -> dict:
        declared = {key: interpolate(value) for key, value in services[name].get("environment", {}).items()}
        multiproc = work / f"prometheus-{name}"
        return {
            **os.environ,
            **declared,
            **local,
            "PROMETHEUS_MULTIPROC_DIR": str(multiproc),
            "PATH": f"{BIN}:{os.environ['PATH']}",
            **(extra or {}),
        }

    def spawn(name: str, command: list[str], env: dict) -> subprocess.Popen:
        log = (work / f"{name}.log").open("w")
        process = subprocess.Popen(
            [str(ROOT / "deploy" / "entrypoint.sh"), *command],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processes[name] = process
        return process

    try:
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f'CREATE DATABASE "{database}"'], check=True
        )
        processes["s3"] = subprocess.Popen(
            [str(BIN / "python"), "-m", "moto.server", "-H", "127.0.0.1", "-p", str(s3_port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait("S3 server (moto, standing in for MinIO)", lambda: request(f"{local['STORAGE_ENDPOINT_URL']}/")[0] < 500)
        import boto3

        env = environment("web")
        s3 = boto3.client(
            "s3",
            endpoint_url=local["STORAGE_ENDPOINT_URL"],
            aws_access_key_id=env["STORAGE_ACCESS_KEY"],
            aws_secret_access_key=env["STORAGE_SECRET_KEY"],
            region_name=env["STORAGE_REGION"],
        )
        s3.create_bucket(Bucket=env["STORAGE_BUCKET"])  # what storage-init does with `mc mb`
        print(f"services from docker-compose.yml; logs in {work}")

        # migrate: runs to completion.
        migrate = spawn("migrate", shlex.split(interpolate(services["migrate"]["command"])), environment("migrate"))
        if migrate.wait(timeout=600):
            raise SystemExit(f"FAILED: migrate (see {work}/migrate.log)")
        print("  ok: migrate")

        # web: the compose command, bound to a local port.
        web_command = interpolate(services["web"]["command"]).replace("0.0.0.0:8000", f"127.0.0.1:{web_port}")
        spawn("web", shlex.split(web_command), environment("web", {"WEB_WORKERS": "2"}))
        wait(
            "web: /readyz (database, cache, storage, broker, migrations)",
            lambda: request(f"http://127.0.0.1:{web_port}/readyz")[0] == 200,
        )

        metrics_ports = {}
        for name in ("worker", "worker-notifications", "worker-heavy", "worker-media"):
            metrics_ports[name] = free_port()
            command = shlex.split(interpolate(services[name]["command"]))
            queue = command[command.index("-Q") + 1]
            command[command.index("-Q") + 1] = ",".join(f"{prefix}{q}" for q in queue.split(","))
            command += ["-n", f"{name}-{prefix}@%h", "--without-gossip", "--without-mingle"]
            spawn(name, command, environment(name, {"CELERY_METRICS_PORT": str(metrics_ports[name])}))
        beat = shlex.split(interpolate(services["beat"]["command"]))
        beat = [part.replace("/tmp/celerybeat-schedule", str(work / "celerybeat-schedule")) for part in beat]
        spawn("beat", beat, environment("beat"))

        running_proxy = nginx.start(
            port=proxy_port,
            web=[f"127.0.0.1:{web_port}"],
            workdir=work / "nginx",
            media_pass=f"{local['STORAGE_ENDPOINT_URL']}/{env['STORAGE_BUCKET']}/public/",
        )
        base = running_proxy.url
        wait("proxy: /readyz through nginx", lambda: request(f"{base}/readyz")[0] == 200)
        os.environ.update({key: value for key, value in env.items() if key.isupper()})
        from config.celery import app

        app.conf.broker_url = local["CELERY_BROKER_URL"]
        for name in metrics_ports:
            wait(
                f"{name}: answers ping",
                lambda n=name: bool(app.control.ping([f"{n}-{prefix}@{socket.gethostname()}"], timeout=2)),
            )
        wait("beat: started", lambda: "beat: Starting" in (work / "beat.log").read_text())

        # A farmer's photo, through the proxy, cleaned by worker-media from and to the bucket.
        setup = subprocess.run(
            [str(BIN / "python"), "manage.py", "shell", "-c", SETUP],
            cwd=ROOT,
            env=environment("web"),
            capture_output=True,
            text=True,
            check=True,
        )
        token, product = setup.stdout.strip().splitlines()[-1].split()
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (1600, 1200), (90, 140, 60)).save(buffer, "JPEG")
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="field.jpg"\r\n'
                f"Content-Type: image/jpeg\r\n\r\n"
            ).encode()
            + buffer.getvalue()
            + f"\r\n--{boundary}--\r\n".encode()
        )
        status, headers, answer = request(
            f"{base}/api/products/{product}/images/",
            data=body,
            headers={"Authorization": f"Token {token}", "Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert status == 201, (status, answer[:300])
        request_id = headers.get("X-Request-ID")
        print(f"  ok: photo uploaded through the proxy (201, request id {request_id})")
        photo = {}

        def ready():
            images = json.loads(
                request(f"{base}/api/products/{product}/", headers={"Authorization": f"Token {token}"})[2]
            )["images"]
            photo.update(images[0])
            return photo["status"] == "ready"

        wait("worker-media: photo cleaned and thumbnailed in the bucket", ready)
        status, headers, data = request(f"{base}{photo['thumbnail_large']}")
        assert photo["thumbnail_large"].startswith("/media/products/"), photo
        assert status == 200 and headers["Content-Type"] == "image/jpeg" and data[:2] == b"\xff\xd8", (status, headers)
        assert headers.get("X-Content-Type-Options") == "nosniff"
        print(f"  ok: photo served from the bucket through the proxy ({photo['thumbnail_large']})")
        logs = (work / "worker-media.log").read_text()
        assert request_id and request_id in logs, "the upload's request id is not in the media worker's log"
        print("  ok: the media worker's JSON log lines carry the upload's request id")

        text = request(f"http://127.0.0.1:{metrics_ports['worker-media']}/metrics")[2].decode()
        assert 'celery_tasks_total{state="success",task="shops.tasks.product_image_process"}' in text
        print("  ok: worker-media exports celery_tasks_total for the photo task")
        text = request(f"http://127.0.0.1:{web_port}/metrics")[2].decode()
        assert 'celery_queue_length{queue="media"}' in text and "django_http_requests_total_by_view" in text
        assert request(f"{base}/metrics")[0] == 404
        print("  ok: web /metrics (requests, queue lengths) direct, 404 through the proxy")
        print("compose smoke: every service's command ran and answered")
        return 0
    finally:
        if running_proxy:
            running_proxy.stop()
        for process in reversed(list(processes.values())):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'],
            check=False,
        )


SETUP = """
from rest_framework.authtoken.models import Token
from tests.factories import ProductFactory
product = ProductFactory()
token, _ = Token.objects.get_or_create(user=product.shop.owner)
print(token.key, product.pk)
"""

if __name__ == "__main__":
    sys.exit(main())
