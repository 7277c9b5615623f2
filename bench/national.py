"""Certification at national scale: 500,000 villages, 5,000,000 shops, 24 months of rollups, one run.

Data from bench/national_data.py (rollup level, no orders: there is no naive GROUP BY to compare with here,
bench/certification.py does that at full scale). Runs in a database of its own (`<DATABASE_URL>_national`),
where the data is generated once and reused by every later `make bench` (the marker table remembers the scale);
`BENCH_NATIONAL_REGENERATE=1` builds it again. `python -m bench --only national` runs this scenario alone;
`--scale small` uses 5,000 villages / 50,000 shops. Goal: the full run under 30 s, chunked and resumable as
any run (`CERTIFICATION_CHUNK_SIZE` villages a transaction).
"""

from __future__ import annotations

import os
import time

from django.db import connection

from bench.certification import CUTOFF, RUN_GOAL_SECONDS
from bench.national_data import SCALES, generate
from bench.report import Row


def _load() -> str:
    return "load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def run(*, scale: str) -> list[Row]:
    from certification import services
    from certification.models import AssessmentRun, RunStatus, RunTrigger, VillageEvidence

    name = os.environ.get("BENCH_NATIONAL_SCALE", scale)
    size = SCALES[name]
    data = generate(scale=size, cutoff=CUTOFF, regenerate=os.environ.get("BENCH_NATIONAL_REGENERATE") == "1")
    counts = data["counts"]
    AssessmentRun.objects.filter(status=RunStatus.RUNNING).update(status=RunStatus.FAILED, error="bench: cleared")
    # Earlier bench runs' evidence (500,000 rows a run) is dropped first, outside the timing.
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE certification_villageevidence CASCADE")
    load_before = _load()
    started = time.perf_counter()
    run, _ = services.assessment_run_start(trigger=RunTrigger.SCHEDULE, cutoff=CUTOFF, enqueue=False)
    run = services.assessment_run_execute(run_id=run.pk)
    seconds = time.perf_counter() - started
    eligible = VillageEvidence.objects.filter(run=run, eligible=True).count()
    setting = (
        f"national ({name}): {counts['villages_village']:,} villages, {counts['shops_shop']:,} shops, "
        f"{counts['orders_shopmonthlysales']:,} shop + {counts['orders_villagemonthlysales']:,} village rollups "
        f"({size.months} months), {counts['orders_shopactivity']:,} kept shop-activity + "
        f"{counts['orders_villageactiveshops']:,} village rows"
    )
    return [
        Row(
            "certification national data generator",
            setting,
            p95_or_time="reused" if data["reused"] else f"{data['seconds']:.0f} s",
        ),
        Row(
            "certification national run (kept active shops, SQL per chunk)",
            f"{setting}; {run.villages_done:,} villages assessed in chunks of "
            f"{_chunk_size():,}, {eligible:,} eligible; before: {load_before}; after: {_load()}",
            p95_or_time=f"{seconds:.2f} s",
            goal=f"< {RUN_GOAL_SECONDS:.0f} s at national scale",
            met=(seconds < RUN_GOAL_SECONDS) if name == "full" else None,
        ),
    ]


def _chunk_size() -> int:
    from django.conf import settings

    return settings.CERTIFICATION_CHUNK_SIZE
