"""HTTP measurement for `make bench`: gunicorn servers on loopback and a load generator.

wrk (Debian package `wrk`) when it is installed: it costs the 2-core machine little CPU. Without it a Python
generator does the same job (keep-alive connections, one thread each) at a higher CPU cost, which lowers
every figure and narrows the ratios a little; the table says which one ran.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(95),
    errors))
end
"""
RAISED_RATE = "100000000/min"  # the API's anonymous rates during a run: the load must not reach them


@dataclass
class Result:
    requests_per_second: float
    p95_ms: float
    errors: int


def load_generator() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def server_environment(database_url: str) -> dict[str, str]:
    """Production settings (DEBUG off, manifest static files) on the bench database; the API throttle is
    still on (it costs a cache round trip) but with a rate the load cannot reach."""
    static_root = Path(tempfile.gettempdir()) / "taocun-bench-static"
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        PAYMENT_PROVIDER_ALLOW_SIMULATED="1",  # the bench pays with the simulated provider
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(static_root),
        API_THROTTLE_ANON=RAISED_RATE,
        # DRF's user throttle also counts anonymous requests, by address: at 600/min it refused the cached pages.
        API_THROTTLE_USER=RAISED_RATE,
        API_THROTTLE_SUGGEST=RAISED_RATE,
    )


def collectstatic(env: dict[str, str]) -> None:
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(command, env=env, cwd=ROOT, check=True)


class Server:
    """gunicorn serving `app` on 127.0.0.1:`port` with 2 sync workers, in its own process group."""

    def __init__(self, app: str, port: int, env: dict[str, str], *, workers: int = 2):
        self.base = f"http://127.0.0.1:{port}"
        log = open(Path(tempfile.gettempdir()) / f"taocun-bench-{port}.log", "w")  # noqa: SIM115
        command = [str(BIN / "gunicorn"), app, "-b", f"127.0.0.1:{port}", "-w", str(workers), "--max-requests", "0"]
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait(self, path: str, timeout: float = 60) -> None:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.base + quote(path, safe="/?=&"), timeout=10) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    raise
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def measure(url: str, *, connections: int, seconds: int) -> Result:
    """Requests per second and p95 latency of GET `url` with this many keep-alive connections."""
    url = quote(url, safe=":/?=&%")
    if load_generator() == "wrk":
        return _wrk(url, connections, seconds)
    return _python(url, connections, seconds)


def _wrk(url: str, connections: int, seconds: int) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s"]
        output = subprocess.run(
            [*command, "-s", script.name, "--timeout", "10s", url], capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(script.name)
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    requests, duration_us, p95_us, errors = (int(value) for value in line.split()[1:])
    return Result(requests / (duration_us / 1e6), p95_us / 1000, errors)


def _python(url: str, connections: int, seconds: int) -> Result:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    deadline = time.perf_counter() + seconds
    samples: list[float] = []
    errors = 0
    lock = threading.Lock()

    def client() -> None:
        nonlocal errors
        local, failed = [], 0
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", target)
                response = connection.getresponse()
                response.read()
                failed += response.status >= 400
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
            local.append((time.perf_counter() - start) * 1000)
        connection.close()
        with lock:
            samples.extend(local)
            errors += failed

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(samples) or [0.0]
    return Result(len(samples) / elapsed, ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], errors)
