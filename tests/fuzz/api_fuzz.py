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

Each signed-in role's schema carries explicit examples of real ids it can see, read from the API's lists as that
role (_seeded_schema), so the examples phase reaches the success paths, not only 404s; the run ends with how many
operations answered 2xx at least once.

Knobs (environment): FUZZ_MAX_EXAMPLES (default 6), FUZZ_PHASES (a subset of the four), FUZZ_ROLES
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
# Django's line for a 4xx answer, bare ("Not Found: /x") or in the log format with a level and request id
# ("2026-12-07 12:23:22,739 WARNING [<id>] django.request: Not Found: /x").
CLIENT_ERROR = re.compile(r"^(?:\S+ \S+ WARNING \[\w*\] django\.request: )?[A-Z][A-Za-z -]+: /")
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


# Path parameters and the keys of a list's rows that hold their values.
LOOKUP_KEYS = {"id": "id", "pk": "id", "number": "number", "slug": "slug", "code": "code"}
EXAMPLES_PER_PARAMETER = 6
# Request-body fields that name another resource: (component, property) -> (list path, row key).
BODY_REFERENCES = {
    ("ItemRequest", "product"): ("/api/products/", "id"),
    ("AssistedPurchaseRequest", "villager"): ("/api/residents/", "id"),
    ("DisputeRequest", "order"): ("/api/orders/", "id"),
    ("PayoutRequest", "shop"): ("/api/shops/", "id"),
    ("ShopOpenRequest", "owner"): ("/api/residents/", "id"),
    ("ProductCreateRequest", "shop"): ("/api/shops/?mine=true", "id"),
    ("FreightTemplateRequest", "shop"): ("/api/shops/?mine=true", "id"),
    ("FreightAssignRequest", "product"): ("/api/products/", "id"),
    ("QuoteRequest", "ship_province"): ("/api/provinces/", "id"),
    ("QuoteShipToRequest", "ship_province"): ("/api/provinces/", "id"),
    ("ApplyRequest", "product"): ("/api/loan-products/", "id"),
    ("EnrollmentRequest", "course"): ("/api/courses/", "slug"),
}


def _get_json(base: str, path: str, token: str | None):
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    request = urllib.request.Request(f"{base}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except (OSError, ValueError):
        return None


def _rows(base: str, path: str, token: str | None) -> list[dict]:
    separator = "&" if "?" in path else "?"
    body = _get_json(base, f"{path}{separator}page_size=100", token)
    rows = body.get("results") if isinstance(body, dict) else body
    return [row for row in rows or [] if isinstance(row, dict)]


def _spread(values: list, count: int = EXAMPLES_PER_PARAMETER) -> list:
    """Up to `count` distinct values taken across the list (a list of orders mixes statuses: so do the examples)."""
    values = list(dict.fromkeys(value for value in values if value not in (None, "")))
    if len(values) <= count:
        return values
    step = len(values) / count
    return [values[int(index * step)] for index in range(count)]


def _seeded_schema(base: str, role: str, token: str | None) -> Path:
    """The schema with explicit examples of real ids this role can see, read from the API's own lists as that role.

    Generated ids rarely exist, so without these most operations only ever answered 404: now the examples phase
    sends each detail and action the ids of this role's orders, shops, products, loans, residents... (several per
    parameter, spread over the list: orders of every status), and request bodies the ids they refer to.
    """
    schema = json.loads(SCHEMA.read_text())
    paths = schema["paths"]
    cache: dict[str, list[dict]] = {}

    def rows(path: str) -> list[dict]:
        if path not in cache:
            cache[path] = _rows(base, path, token)
        return cache[path]

    def products() -> list[dict]:
        """The products of the shops this role manages (drafts too), then the catalogue's."""
        own = [row for shop in rows("/api/shops/?mine=true")[:4] for row in rows(f"/api/products/?shop={shop['id']}")]
        return own + rows("/api/products/")

    for template, item in paths.items():
        segments = template.strip("/").split("/")
        for index, segment in enumerate(segments):
            if not (segment.startswith("{") and segment.endswith("}")):
                continue
            name = segment[1:-1]
            parent = segments[:index]
            while parent and "/" + "/".join(parent) + "/" not in paths:  # certificates/verify/{code}: certificates/
                parent = parent[:-1]
            collection = "/" + "/".join(parent) + "/"
            if name == "image_id":  # /api/products/{id}/images/{image_id}/: photos of this role's products
                values = [image["id"] for row in products() for image in row.get("images", [])]
            elif collection == "/api/products/":
                values = [row["id"] for row in products()]
            elif collection == "/api/cart/":
                values = [row["product"] for row in rows(collection)] + [row["id"] for row in products()]
            elif name in LOOKUP_KEYS and collection in paths:
                values = [row.get(LOOKUP_KEYS[name]) for row in rows(collection)]
            else:
                continue
            examples = _spread(values)
            if not examples:
                continue
            for operation in item.values():
                if not isinstance(operation, dict):
                    continue
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "path" and parameter.get("name") == name:
                        parameter["examples"] = {f"real-{i}": {"value": value} for i, value in enumerate(examples)}
    components = schema.get("components", {}).get("schemas", {})
    for (component, field), (path, key) in BODY_REFERENCES.items():
        prop = components.get(component, {}).get("properties", {}).get(field)
        values = _spread([row.get(key) for row in rows(path)], 1)
        if prop is not None and values:
            prop["example"] = values[0]
    seeded = LOGS / f"schema-{role}.json"
    seeded.write_text(json.dumps(schema))
    return seeded


def _schemathesis(base: str, token: str | None, schema: Path) -> list[str]:
    command = [
        str(BIN / "schemathesis"),
        "--config-file",
        str(HERE / ("anonymous.toml" if token is None else "schemathesis.toml")),
        "run",
        str(schema),
        "--url",
        base,
        "--checks",
        CHECKS,
        "--max-examples",
        # 6 generated cases per operation (10 before the real-id examples): the seeded examples exercise the success
        # paths, and the run stays within its time budget (docs/development.md).
        os.environ.get("FUZZ_MAX_EXAMPLES", "6"),
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
        token = _token(base, username) if username else None
        command = _schemathesis(base, token, _seeded_schema(base, role, token))
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


def _success_summary() -> str:
    """How many of the schema's operations answered 2xx at least once (the access log against the schema's paths)."""
    schema = json.loads(SCHEMA.read_text())
    operations = {}
    for template, item in schema["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method in item:
            if method in ("get", "post", "put", "patch", "delete"):
                operations[(method.upper(), template)] = pattern
    succeeded = set()
    log = LOGS / "access.log"
    for line in log.read_text(errors="replace").splitlines() if log.exists() else []:
        parts = line.split()
        if len(parts) < 3 or not parts[2].startswith("2"):
            continue
        for (method, template), pattern in operations.items():
            if method == parts[0] and pattern.match(parts[1]):
                succeeded.add((method, template))
    missing = sorted(f"{method} {template}" for method, template in set(operations) - succeeded)
    return f"{len(succeeded)} of {len(operations)} operations answered 2xx at least once; never: " + ", ".join(missing)


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
        # The demo pays with the simulated provider, refused with DEBUG off unless allowed on purpose.
        "PAYMENT_PROVIDER_ALLOW_SIMULATED": "1",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "fuzz-" + os.urandom(24).hex()),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "API_THROTTLE_ANON": "1000000/min",
        "API_THROTTLE_USER": "1000000/min",
        "LOGIN_FAILURE_LIMIT": "1000000",
        "LOGIN_ACCOUNT_FAILURE_LIMIT": "1000000",
        "LOGIN_ADDRESS_FAILURE_LIMIT": "1000000",
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
    print(f"\napi fuzz: {_success_summary()}", flush=True)
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
