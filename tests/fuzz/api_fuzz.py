"""API fuzzing: schemathesis against /api/schema/ on a live server with demo data, as every role.

`make fuzz` runs it, and CI (.ci/run) before the tests. It needs a PostgreSQL DATABASE_URL: it creates a
throwaway database `<name>_fuzz`, migrates, loads the demo data, serves it with gunicorn on a free loopback port
under the production settings (tests/fuzz/settings.py: only the password hasher is faster), and runs
schemathesis once per role (anonymous, buyer, farmer, operator, admin), the five at the same time against that
one server and database. Each role tests every operation in the phases examples, coverage (boundary and invalid
values of every parameter and field), fuzzing (FUZZ_MAX_EXAMPLES generated cases per operation) and stateful;
anonymous runs the coverage phase on the GET operations and the token endpoint only (anonymous.toml says why).
The seed is fixed and neither hypothesis's example database nor schemathesis's crash cache is used, so every
run generates the same inputs (the server's state may still differ a little: the roles write to one database
at the same time). The database is dropped afterwards. Exit code non-zero on any 5xx, any response that breaks
the schema, an undocumented status code, content type or header, or a role that does not finish in time.

Knobs (environment): FUZZ_MAX_EXAMPLES (default 10), FUZZ_PHASES (a subset of the four), FUZZ_ROLES
(comma-separated subset of the roles), FUZZ_SEED, FUZZ_TIMEOUT (seconds for all roles, default 1500),
FUZZ_SERVER_WORKERS (gunicorn, default 3), FUZZ_KEEP_DB=1 (keep `<name>_fuzz` to look at afterwards).
test-artifacts/fuzz/ keeps the schema it fetched once, each role's output (<role>.log), the server's log and its
access log (method, path, status, microseconds).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
LOGS = ROOT / "test-artifacts" / "fuzz"
SCHEMA = LOGS / "schema.json"
# Django logs every 4xx answer as "<reason phrase>: <path>" (a warning): expected while fuzzing.
CLIENT_ERROR = re.compile(r"^[A-Z][A-Za-z -]+: /")
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
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["token"]


def _psql(parts, *commands: str) -> None:
    arguments = ["psql", "-h", parts.hostname or "127.0.0.1", "-U", parts.username or "postgres", "-q"]
    if parts.port:
        arguments += ["-p", str(parts.port)]
    for command in commands:
        arguments += ["-c", command]
    subprocess.run(arguments, check=True)


def _schemathesis(base: str, token: str | None) -> list[str]:
    command = [
        str(BIN / "schemathesis"),
        "--config-file",
        str(HERE / ("anonymous.toml" if token is None else "schemathesis.toml")),
        "run",
        str(SCHEMA),
        "--url",
        base,
        "--checks",
        CHECKS,
        "--max-examples",
        os.environ.get("FUZZ_MAX_EXAMPLES", "10"),
        "--seed",
        os.environ.get("FUZZ_SEED", "20261125"),
        "--generation-database",
        "none",
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--no-color",
    ]
    if token:
        command += ["--header", f"Authorization: Token {token}"]
    if os.environ.get("FUZZ_PHASES"):
        command += ["--phases", os.environ["FUZZ_PHASES"]]
    return command


def _run_roles(base: str, roles: dict[str, str | None], timeout: float) -> list[str]:
    """Every role at once, each with its own log; the logs are printed whole when all have finished."""
    LOGS.mkdir(parents=True, exist_ok=True)
    running = {}
    for role, username in roles.items():
        log = (LOGS / f"{role}.log").open("w")
        command = _schemathesis(base, _token(base, username) if username else None)
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        running[role] = (process, log, time.monotonic())
    deadline = time.monotonic() + timeout
    results = {}
    try:
        while running:
            for role, (process, log, started) in list(running.items()):
                if process.poll() is None and time.monotonic() < deadline:
                    continue
                if process.poll() is None:
                    process.kill()
                    process.wait()
                    results[role] = f"timed out after {timeout:.0f} s"
                else:
                    status = "passed" if process.returncode == 0 else f"failed (exit {process.returncode})"
                    results[role] = f"{status} in {time.monotonic() - started:.0f} s"
                log.close()
                del running[role]
                print(f"== {role}: {results[role]}", flush=True)
            time.sleep(1)
    finally:
        for process, _log, _started in running.values():  # interrupted: leave no fuzzer behind
            process.kill()
    for role in roles:
        print(f"\n== schemathesis as {role}: {results[role]}\n", flush=True)
        print((LOGS / f"{role}.log").read_text(), flush=True)
    return [role for role in roles if not results[role].startswith("passed")]


def _server_errors() -> str:
    """The server log without the line Django writes for every 4xx answer: what is left are 5xx tracebacks."""
    lines = (LOGS / "server.log").read_text(errors="replace").splitlines()
    kept = [line for line in lines if not CLIENT_ERROR.match(line) and "X-SCHEMATHESIS-PROBE-NULL" not in line]
    kept = [line for line in kept if "No directory at:" not in line and "mw_instance = middleware" not in line]
    return "\n".join(kept)


def main() -> int:
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith("postgres"):
        print("api fuzz: set DATABASE_URL to PostgreSQL (it makes a throwaway <name>_fuzz database)", file=sys.stderr)
        return 2
    roles = ROLES
    if os.environ.get("FUZZ_ROLES"):
        roles = {role: ROLES[role] for role in os.environ["FUZZ_ROLES"].split(",")}
    parts = urlparse(source)
    name = parts.path.lstrip("/") + "_fuzz"
    database_url = urlunparse(parts._replace(path="/" + name))
    started = time.monotonic()
    _psql(parts, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    media = tempfile.TemporaryDirectory(prefix="taocun-fuzz-media-")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tests.fuzz.settings",
        # Production settings (JSON 404s, no debug pages), minus the HTTPS redirect on loopback.
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "fuzz-" + os.urandom(24).hex()),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "LOGIN_FAILURE_LIMIT": "1000000",
        "SHOPS_PHOTO_UPLOADS_PER_HOUR": "1000000",  # the photo endpoint's success path, not its 429, every time
        "DB_CONN_MAX_AGE": "600",  # one connection per gunicorn worker, not one per request
        "CELERY_BROKER_URL": "",  # tasks in-process: the fuzzed server needs no worker
        "MEDIA_ROOT": media.name,  # uploads the fuzzer manages to make land in a temporary folder
    }
    server = None
    failed = []
    LOGS.mkdir(parents=True, exist_ok=True)
    (LOGS / "access.log").unlink(missing_ok=True)  # gunicorn appends to it
    server_log = (LOGS / "server.log").open("w")
    try:
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "seed_demo", "--quiet"], cwd=ROOT, env=env, check=True)
        print(f"api fuzz: database {name} ready in {time.monotonic() - started:.0f} s", flush=True)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                os.environ.get("FUZZ_SERVER_WORKERS", "3"),
                "--log-level",
                "warning",
                # Method, path, status and microseconds per request: where the server's time goes.
                "--access-logfile",
                str(LOGS / "access.log"),
                "--access-logformat",
                "%(m)s %(U)s %(s)s %(D)s",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        # The schema once, from the live server: five schemathesis processes asking for it at the same time
        # on a busy machine waited more than their 10 seconds for it.
        for attempt in range(60):
            try:
                with urllib.request.urlopen(f"{base}/api/schema/?format=json", timeout=120) as response:
                    SCHEMA.write_bytes(response.read())
                break
            except OSError:
                if attempt == 59:
                    raise
                time.sleep(1)
        sys.path.insert(0, str(ROOT))
        os.environ.update({"DJANGO_SETTINGS_MODULE": "tests.fuzz.settings", "DATABASE_URL": database_url})
        import django

        django.setup()
        failed = _run_roles(base, roles, timeout=float(os.environ.get("FUZZ_TIMEOUT", "1500")))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        server_log.close()
        if os.environ.get("FUZZ_KEEP_DB") != "1":
            _psql(parts, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        media.cleanup()
    elapsed = time.monotonic() - started
    errors = _server_errors()
    if errors:
        print(f"\n== server errors (test-artifacts/fuzz/server.log)\n{errors}", flush=True)
    if failed:
        print(f"api fuzz: failures as {', '.join(failed)} ({elapsed:.0f} s in all)", file=sys.stderr)
        return 1
    print(f"api fuzz: no 5xx and no schema violation for {', '.join(roles)} ({elapsed:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
