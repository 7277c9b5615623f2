"""`make load`: the whole load test, start to finish, on loopback.

1. a throwaway PostgreSQL database (taocun_load, dropped and recreated), Redis db 6 (Celery broker) and
   db 7 (cache), both flushed; migrate, collectstatic, seed (bench/load/seed.py);
2. gunicorn on 127.0.0.1 (production settings: DEBUG off, manifest static files) and a Celery worker
   (tasks go through Redis, not eager);
3. locust headless, bounded by --duration (default 5 minutes, 50 users);
   With --proxy: nginx (deploy/nginx/, the compose proxy's configuration, Debian's package) in front of
   --webs gunicorn processes (default 2), each with --workers workers: the docker-compose layout on one host;
4. checks: no failed request, p95 under 300 ms, no negative stock and stock decrease = quantities sold,
   `orders_audit` and `credit_audit` clean; a summary; every process stopped and the database dropped
   (--keep-db keeps it). Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
P95_GOAL_MS = 300.0

CHECK_STOCK = """
import json, sys
from decimal import Decimal
from django.db.models import Sum
from orders.models import OrderLine
from shops.models import Product
data = json.load(open(sys.argv[1]))
before = {int(k): Decimal(v) for k, v in data["stock_before"].items()}
lines = OrderLine.objects.filter(order_id__gt=data["max_order_before"])
negative = Product.objects.filter(stock__lt=0).count()
sold = dict(lines.exclude(order__status__in=["cancelled", "refunded"]).values_list("product")
            .annotate(q=Sum("quantity")).values_list("product", "q"))
now = dict(Product.objects.values_list("pk", "stock"))
wrong = [pk for pk, stock in now.items() if before.get(pk, stock) - stock != sold.get(pk, 0)]
print(json.dumps({"negative": negative, "mismatched": wrong, "sold_units": str(sum(sold.values(), Decimal(0))),
                  "orders": lines.values("order").distinct().count(),
                  "sold_out": Product.objects.filter(stock=0).count()}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(prog="make load")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", default="5m", help="locust run time, e.g. 5m, 90s")
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers per web process (3; 2 with --proxy)"
    )
    parser.add_argument("--proxy", action="store_true", help="through nginx, in front of --webs web processes")
    parser.add_argument("--webs", type=int, default=2, help="web (gunicorn) processes behind the proxy")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="taocun_load")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    if args.workers is None:
        args.workers = 2 if args.proxy else 3

    work = Path(tempfile.mkdtemp(prefix="taocun-load-"))
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/6",
        REDIS_URL="redis://127.0.0.1:6379/7",
        PAYMENT_WEBHOOK_SECRET=secrets.token_hex(16),
        DJANGO_DEBUG="0",
        PAYMENT_PROVIDER_ALLOW_SIMULATED="1",  # the load test pays with the simulated provider
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(
            Path(tempfile.gettempdir()) / "taocun-load-static"
        ),  # reused: collectstatic skips unchanged files
        LOAD_DATA=str(work / "data.json"),
        # The proxy is on loopback: its X-Forwarded-For is the one to believe (issue 15, item 2).
        TRUSTED_PROXIES="127.0.0.1/32",
    )
    processes: list[subprocess.Popen] = []
    stoppers: list = []
    started = time.time()
    try:
        _database(args.database, drop=True, create=True)
        _flush_redis()
        manage = [str(BIN / "python"), "manage.py"]
        _step("migrate", [*manage, "migrate", "--noinput", "-v", "0"], env)
        _step("collectstatic", [*manage, "collectstatic", "--noinput", "-v", "0"], env)
        _step("seed", [str(BIN / "python"), "-m", "bench.load.seed", env["LOAD_DATA"]], env)
        baseline = {command: _audit(manage, command, env) for command in ("orders_audit", "credit_audit")}
        logs = work / "logs"
        logs.mkdir()
        webs = args.webs if args.proxy else 1
        web_ports = [args.port + 1 + n for n in range(webs)] if args.proxy else [args.port]
        for n, web_port in enumerate(web_ports):
            processes.append(
                _spawn(
                    [
                        str(BIN / "gunicorn"),
                        "config.wsgi:application",
                        "-b",
                        f"127.0.0.1:{web_port}",
                        "-w",
                        str(args.workers),
                        "--max-requests",
                        "0",
                        "--access-logfile",
                        "-",
                    ],
                    env,
                    logs / f"gunicorn-{n + 1}.log",
                )
            )
        processes.append(
            _spawn(
                [str(BIN / "celery"), "-A", "config", "worker", "--concurrency=1", "--loglevel=warning"],
                env,
                logs / "worker.log",
            )
        )
        for web_port in web_ports:
            _wait_http(f"http://127.0.0.1:{web_port}/shop/")
        if args.proxy:
            sys.path.insert(0, str(ROOT))
            from bench.load import proxy

            nginx = proxy.start(port=args.port, web=[f"127.0.0.1:{p}" for p in web_ports], workdir=work / "nginx")
            stoppers.append(nginx.stop)
            _wait_http(f"http://127.0.0.1:{args.port}/shop/")
        layout = f"nginx in front of {webs} gunicorn processes" if args.proxy else "gunicorn"
        print(
            f"{layout} ({args.workers} workers each) and a Celery worker up; "
            f"locust: {args.users} users for {args.duration}; load average {_load()}"
        )
        stats = work / "locust"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(Path(__file__).with_name("locustfile.py")),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 10)),
                "-t",
                args.duration,
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(stats),
                "--only-summary",
                "--stop-timeout",
                "10",
                "--loglevel",
                "WARNING",
            ],
            env=env,
            cwd=ROOT,
            check=False,
            timeout=_seconds(args.duration) + 120,
        )
        total = _aggregated(Path(f"{stats}_stats.csv"))
        rows = _endpoint_rows(Path(f"{stats}_stats.csv"))
        stock = json.loads(
            subprocess.run(
                [*manage, "shell", "-c", CHECK_STOCK.replace("sys.argv[1]", repr(env["LOAD_DATA"]))],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        audits = {command: _audit(manage, command, env) for command in ("orders_audit", "credit_audit")}
    finally:
        for stop in stoppers:
            stop()
        for process in reversed(processes):
            _stop(process)
        if not args.keep_db:
            _database(args.database, drop=True, create=False)
    checks = {
        "no failed requests": total["failures"] == 0,
        f"p95 under {P95_GOAL_MS:.0f} ms": total["p95"] < P95_GOAL_MS,
        "no negative stock": stock["negative"] == 0,
        "stock decrease = quantities sold": not stock["mismatched"],
        "orders_audit clean": audits["orders_audit"][0] == 0,
        "credit_audit clean": audits["credit_audit"][0] == 0,
    }
    print("\nendpoint | requests | failures | median ms | p95 ms")
    for row in rows:
        print(" | ".join(str(cell) for cell in row))
    print(
        f"\nTotal: {total['requests']} requests, {total['failures']} failures, {total['rps']:.1f} req/s, "
        f"median {total['median']:.0f} ms, p95 {total['p95']:.0f} ms, p99 {total['p99']:.0f} ms"
    )
    print(
        f"Orders with lines: {stock['orders']}, units sold: {stock['sold_units']}, "
        f"products sold out: {stock['sold_out']}, mismatched products: {stock['mismatched']}"
    )
    for command, (code, tail) in audits.items():
        print(f"{command}: exit {code} (before the run: exit {baseline[command][0]} {baseline[command][1][-1:]})")
        print("    " + "\n    ".join(tail))
    for name, ok in checks.items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    print(
        f"(load test took {time.time() - started:.0f} s in all; load average at the end {_load()}; "
        f"logs in {work / 'logs'})"
    )
    return 0 if all(checks.values()) else 1


def _load() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def _audit(manage: list[str], command: str, env: dict) -> tuple[int, list[str]]:
    """Exit status and the first and last lines of an audit command's output."""
    result = subprocess.run([*manage, command], env=env, cwd=ROOT, capture_output=True, text=True)
    lines = (result.stdout + result.stderr).strip().splitlines()
    return result.returncode, lines[:3] + (["..."] + lines[-1:] if len(lines) > 4 else lines[3:])


def _seconds(duration: str) -> int:
    units = {"s": 1, "m": 60, "h": 3600}
    return int(duration[:-1]) * units[duration[-1]] if duration[-1] in units else int(duration)


def _step(name: str, command: list[str], env: dict) -> None:
    began = time.time()
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    print(f"{name}: {time.time() - began:.0f} s")


def _spawn(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = open(log, "w")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    """Stop the process's own group (it was started in a new session), gently, then for good."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            if time.time() > deadline:
                raise
        time.sleep(0.5)


def _database(name: str, *, drop: bool, create: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    connection = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        if drop:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        if create:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def _flush_redis() -> None:
    import redis

    for db in (6, 7):
        redis.Redis(host="127.0.0.1", port=6379, db=db).flushdb()


def _aggregated(path: Path) -> dict:
    with path.open() as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "median": float(row["Median Response Time"] or 0),
                    "p95": float(row["95%"] or 0),
                    "p99": float(row["99%"] or 0),
                    "rps": float(row["Requests/s"] or 0),
                }
    raise RuntimeError(f"no Aggregated row in {path}")


def _endpoint_rows(path: Path) -> list[list]:
    with path.open() as handle:
        return [
            [
                f"{row['Type']} {row['Name']}",
                row["Request Count"],
                row["Failure Count"],
                row["Median Response Time"],
                row["95%"],
            ]
            for row in csv.DictReader(handle)
        ]


if __name__ == "__main__":
    sys.exit(main())
