"""nginx from the distribution, run with the docker-compose proxy's own configuration (deploy/nginx/), in front
of web processes on this machine: for `make load --proxy` and the proxy tests. Nothing is installed or changed
outside a temporary folder; the process is stopped by `stop()`."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import string
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "deploy" / "nginx" / "taocun.conf.template"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def render(*, listen: str, web: list[str], media_pass: str, cache_path: Path) -> str:
    """The compose template with this machine's values (the same substitution as the nginx image's envsubst)."""
    values = {
        "TAOCUN_LISTEN": listen,
        "TAOCUN_WEB_SERVERS": " ".join(f"server {address};" for address in web),
        "NGINX_RESOLVER": "127.0.0.1",
        "TAOCUN_MEDIA_PASS": media_pass,
        "NGINX_CACHE_PATH": str(cache_path),
    }
    # Only our ${NAMES}: nginx's own $variables stay as they are.
    return string.Template(TEMPLATE.read_text()).safe_substitute(values)


@dataclass
class Proxy:
    process: subprocess.Popen
    url: str
    workdir: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: finish the requests under way
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start(*, port: int, web: list[str], workdir: Path, media_pass: str | None = None) -> Proxy:
    """nginx on 127.0.0.1:`port` in front of `web` ("127.0.0.1:8001", ...), in the foreground of its own process."""
    binary = nginx_binary()
    if not binary:
        raise RuntimeError("nginx is not installed (apt-get install nginx)")
    workdir.mkdir(parents=True, exist_ok=True)
    for sub in ("cache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / sub).mkdir(exist_ok=True)
    site = render(
        listen=f"127.0.0.1:{port}", web=web, media_pass=media_pass or "http://taocun_web", cache_path=workdir / "cache"
    )
    (workdir / "taocun.conf").write_text(site)
    mime_types = "/etc/nginx/mime.types"
    # Run as root (CI, this machine), nginx would hand its workers to `nobody`, who cannot write the temporary
    # folders here: keep them under the same user.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    (workdir / "nginx.conf").write_text(
        f"""daemon off;
{user}
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/taocun.conf;
}}
"""
    )
    check = subprocess.run([binary, "-t", "-c", str(workdir / "nginx.conf")], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx refused the configuration:\n{check.stderr}")
    log = (workdir / "stdout.log").open("w")
    process = subprocess.Popen(
        [binary, "-c", str(workdir / "nginx.conf")], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(f"{url}/nginx-health", timeout=2).close()
            return Proxy(process=process, url=url, workdir=workdir)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                Proxy(process=process, url=url, workdir=workdir).stop()
                raise RuntimeError(f"nginx did not start: {(workdir / 'error.log').read_text()}") from None
            time.sleep(0.1)
