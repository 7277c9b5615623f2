"""API fuzzing: schemathesis against /api/schema/ on a live server with demo data, as every role.

Run with `make fuzz` (CI runs it). It needs a PostgreSQL DATABASE_URL: it creates a throwaway
database `<name>_fuzz`, migrates, loads the demo data, serves it with gunicorn on a free loopback
port, and runs schemathesis once per role. Exit code non-zero on any 5xx, any response that breaks
the schema, or an undocumented status code or content type.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
ROLES = {"anonymous": None, "buyer": "buyer_jiangsu", "farmer": "farmer_long", "operator": "op_libei", "admin": "admin"}
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
    ]
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _token(base: str, username: str) -> str:
    from villages.demo import DEMO_PASSWORD

    request = urllib.request.Request(
        f"{base}/api/auth/token/",
        data=json.dumps({"username": username, "password": DEMO_PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["token"]


def main() -> int:
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith("postgres"):
        print("api fuzz: set DATABASE_URL to PostgreSQL (it makes a throwaway <name>_fuzz database)", file=sys.stderr)
        return 2
    parts = urlparse(source)
    database_url = urlunparse(parts._replace(path=parts.path + "_fuzz"))
    subprocess.run(
        [
            "psql",
            "-h",
            parts.hostname or "127.0.0.1",
            "-U",
            parts.username or "postgres",
            "-q",
            "-c",
            f"DROP DATABASE IF EXISTS {parts.path.lstrip('/')}_fuzz",
            "-c",
            f"CREATE DATABASE {parts.path.lstrip('/')}_fuzz",
        ],
        check=True,
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # Production settings (JSON 404s, no debug pages), minus the HTTPS redirect on loopback.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "fuzz-" + os.urandom(24).hex()),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "API_THROTTLE_ANON": "100000/min",
        "API_THROTTLE_USER": "100000/min",
        "LOGIN_FAILURE_LIMIT": "100000",
        "CELERY_BROKER_URL": "",  # tasks in-process: the fuzzed server needs no worker
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo", "--quiet"], cwd=ROOT, env=env, check=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    failed = []
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{base}/api/schema/", timeout=5)
                break
            except OSError:
                time.sleep(1)
        sys.path.insert(0, str(ROOT))
        os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": database_url})
        import django

        django.setup()
        max_examples = os.environ.get("FUZZ_MAX_EXAMPLES", "25")
        for role, username in ROLES.items():
            command = [
                str(BIN / "schemathesis"),
                "run",
                f"{base}/api/schema/",
                "--checks",
                CHECKS,
                "--max-examples",
                max_examples,
                "--workers",
                "2",
                "--seed",
                "20261125",
                "--no-color",
            ]
            if username:
                command += ["--header", f"Authorization: Token {_token(base, username)}"]
            print(f"== schemathesis as {role}", flush=True)
            if subprocess.run(command, cwd=ROOT).returncode != 0:
                failed.append(role)
    finally:
        server.terminate()
        server.wait(timeout=20)
    if failed:
        print(f"api fuzz: failures as {', '.join(failed)}", file=sys.stderr)
        return 1
    print("api fuzz: no 5xx and no schema violation for any role")
    return 0


if __name__ == "__main__":
    sys.exit(main())
