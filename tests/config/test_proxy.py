"""The docker-compose reverse proxy (deploy/nginx/taocun.conf.template), run with Debian's nginx in front of the
live server: forwarded headers it sets, request ids, compression, static caching, body limits, metrics kept in."""

import gzip
import urllib.error
import urllib.request

import pytest

from bench.load import proxy as nginx
from tests.conftest import _free_port

pytestmark = pytest.mark.skipif(not nginx.nginx_binary(), reason="nginx is not installed (apt-get install nginx)")


@pytest.fixture
def proxied(live_server, tmp_path):
    address = live_server.url.removeprefix("http://")
    running = nginx.start(port=_free_port(), web=[address], workdir=tmp_path / "nginx")
    yield running
    running.stop()


def fetch(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_proxy_sets_forwarded_headers_and_a_request_id(proxied, monkeypatch, settings):
    # The proxy is trusted, as in docker-compose: TrustedProxyMiddleware turns its X-Forwarded-For into
    # REMOTE_ADDR, which shows what the proxy sent.
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    seen = {}
    from config import health

    def liveness(request):
        seen.update({key: request.META.get(key) for key in ("REMOTE_ADDR", "HTTP_X_FORWARDED_PROTO")})
        seen["request_id"] = request.META.get("HTTP_X_REQUEST_ID")
        return original(request)

    original = health.liveness
    monkeypatch.setitem(health.PROBES, "/healthz", liveness)
    # A client's own claim is replaced, not passed on.
    status, headers, _ = fetch(f"{proxied.url}/healthz", headers={"X-Forwarded-For": "6.6.6.6"})
    assert status == 200
    assert seen["REMOTE_ADDR"] == "127.0.0.1"
    assert seen["HTTP_X_FORWARDED_PROTO"] == "http"
    assert len(seen["request_id"]) == 32 and headers["X-Request-ID"] == seen["request_id"]


def test_pages_are_compressed(proxied):
    status, headers, body = fetch(f"{proxied.url}/static/css/taocun.css", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert gzip.decompress(body)


def test_static_files_are_kept_by_the_proxy(proxied):
    first = fetch(f"{proxied.url}/static/css/certification.css")[1]
    second = fetch(f"{proxied.url}/static/css/certification.css")[1]
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    ("path", "megabytes", "refused"),
    [
        ("/accounts/login/", 13, True),  # forms and JSON: DATA_UPLOAD_MAX_MEMORY_SIZE (12 MB)
        ("/api/products/1/images/", 12, True),  # one photo of at most 10 MB
        ("/api/products/1/images/", 10.5, False),
        ("/shop/products/1/photos/", 40, False),  # a page form may carry up to 8 photos
    ],
)
def test_request_sizes_follow_the_upload_rules(proxied, path, megabytes, refused):
    body = b"x" * int(megabytes * 1024 * 1024)
    status = fetch(f"{proxied.url}{path}", method="POST", data=body, headers={"Content-Type": "text/plain"})[0]
    assert (status == 413) is refused, status


def test_metrics_are_not_served_through_the_proxy(proxied, live_server):
    assert fetch(f"{proxied.url}/metrics")[0] == 404
    assert fetch(f"{live_server.url}/metrics")[0] == 200  # scraped directly, on the internal network


def test_uploads_are_read_only_through_the_proxy(proxied):
    assert fetch(f"{proxied.url}/media/products/1/a.jpg", method="PUT", data=b"x")[0] == 403
