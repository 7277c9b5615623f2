"""`make bench`: run every benchmark scenario on PostgreSQL, print one table, write bench/RESULTS.md.

Each module in SCENARIOS has `run(*, scale: str) -> list[Row]`; `--scale small` is a quick smoke run,
`--scale full` the sizes the issues ask for. Scenarios in OWN_DATABASE run in a child process on a database
of their own (`<name>_<scenario>`): the certification run and its naive GROUP BY must see only the issue's
data set, not the orders other scenarios generate (with or without rollups) in the shared database.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
from importlib import import_module

SCENARIOS: list[str] = [
    "catalogue",
    "checkout",
    "freight",
    "certification",
    "national",
    "training",
    "credit",
    "credit_arrears",
    "insights",
    "uploads",
    "station_tools",
]
OWN_DATABASE = {"certification", "national", "credit_arrears"}


def _in_own_database(name: str, scale: str) -> list:
    from bench.report import Row

    url = os.environ["DATABASE_URL"]
    env = dict(os.environ, DATABASE_URL=f"{url}_{name}")
    command = [sys.executable, "-m", "bench", "--scale", scale, "--only", name, "--rows-json"]
    output = subprocess.run(command, env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return [Row(**row) for row in json.loads(output.strip().splitlines()[-1])]


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--scale", choices=["small", "full"], default="full")
    parser.add_argument("--only", help="run only the scenarios whose module name contains one of these (a,b)")
    parser.add_argument("--write", action="store_true", help="with --only: update their rows in RESULTS.md")
    parser.add_argument("--rows-json", action="store_true", help=argparse.SUPPRESS)  # child process: rows as JSON
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/taocun_bench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        print("make bench measures PostgreSQL: set DATABASE_URL to a PostgreSQL database", file=sys.stderr)
        return 2
    import django

    django.setup()
    from django.core.management import call_command

    from bench.database import ensure_database
    from bench.report import render, write_results

    ensure_database(os.environ["DATABASE_URL"])
    call_command("migrate", verbosity=0)
    rows = []
    wanted = [part for part in (args.only or "").split(",") if part]
    ran = []
    for name in SCENARIOS:
        if wanted and not any(part in name for part in wanted):
            continue
        ran.append(name)
        if name in OWN_DATABASE and not args.rows_json:
            rows.extend(_in_own_database(name, args.scale))
        else:
            rows.extend(import_module(f"bench.{name}").run(scale=args.scale))
    if args.rows_json:
        print(json.dumps([dataclasses.asdict(row) for row in rows]))
        return 0
    print(render(rows))
    if not wanted or args.write:
        database = os.environ["DATABASE_URL"].rsplit("@", 1)[-1]
        write_results(rows, database=database, scale=args.scale, scenarios=ran if wanted else None)
    # A goal not met is a "NO" in the table, not a failure: the exit code says only whether the table was made.
    return 0


if __name__ == "__main__":
    sys.exit(main())
