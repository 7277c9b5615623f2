"""One table for every benchmark figure: what, setting, median, p95 or time, goal, met."""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


@dataclass
class Row:
    what: str
    setting: str
    median: str = ""
    p95_or_time: str = ""
    goal: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        met = "" if self.met is None else ("yes" if self.met else "NO")
        return [self.what, self.setting, self.median, self.p95_or_time, self.goal, met]


HEADER = ["what", "setting", "median", "p95 or time", "goal", "met"]


@contextmanager
def queries_counted() -> Iterator[list[str]]:
    """The SQL statements run inside the block (transaction control aside), counted by a wrapper on the
    connection. Not CaptureQueriesContext: it slices Django's query log, which keeps the last 9,000 entries,
    and a long bench run that fills it reads 0 or a varying count."""
    from django.db import connection

    executed: list[str] = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield executed


def timings_ms(action: Callable[[], object], *, repeat: int, warmup: int = 2) -> list[float]:
    """Run `action` and return each run's wall time in milliseconds."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def median_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def machine() -> str:
    import os

    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{platform.machine()}, {os.cpu_count()} cores{memory}, {system}, Python {platform.python_version()}"


def render(rows: list[Row]) -> str:
    table = [HEADER] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER))]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |" for line in table]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def write_results(rows: list[Row], *, database: str, scale: str, scenarios: list[str] | None = None) -> None:
    """Write the table to RESULTS.md. A run of some scenarios only (`--only a,b --write`) replaces their rows
    and keeps the other scenarios' rows of the previous table, saying so in the header."""
    import os

    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    command = "make bench-small" if scale == "small" else "make bench"
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    table = render(rows)
    note = ""
    if scenarios:
        kept = _previous_rows(exclude=tuple(scenarios))
        previous = _previous_stamp()
        if kept:
            table += "\n" + "\n".join(kept)
        note = (
            f"\nThis run: {', '.join(scenarios)} only (`python -m bench --only {','.join(scenarios)} --write`); "
            f"the rows after them are from the previous table ({previous}).\n"
        )
    RESULTS.write_text(
        f"# Benchmark results\n\n{stamp} · {machine()} · {database}\n\n"
        f"Scale: **{scale}** · load average at the end (1/5/15 min): {load}\n{note}\n{table}\n"
        f"\nProduced by `{command}`; figures from one run on the machine above.\n"
    )


def _previous_rows(*, exclude: tuple[str, ...]) -> list[str]:
    """Table rows of the current RESULTS.md whose first cell does not start with one of `exclude`."""
    if not RESULTS.exists():
        return []
    lines = [line for line in RESULTS.read_text().splitlines() if line.startswith("| ")]
    return [line for line in lines[1:] if not line[2:].strip().startswith(exclude)]


def _previous_stamp() -> str:
    if not RESULTS.exists():
        return "none"
    lines = RESULTS.read_text().splitlines()
    return lines[2].split(" · ")[0] if len(lines) > 2 else "unknown"
