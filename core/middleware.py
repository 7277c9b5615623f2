"""Request-wide concerns: the client's address (through trusted proxies only), the audit log's address, the
Content Security Policy, compression."""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from functools import lru_cache, wraps

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.middleware.gzip import GZipMiddleware
from ipware import get_client_ip

from core.audit import current_device, current_ip

# Headers a reverse proxy sets about the client. From anyone else they are forgeries: dropped before Django, DRF's
# throttles or the lockout read them.
# Set on request.META when any forwarded header arrived, trusted or not: /metrics refuses such requests, since
# a scraper on the internal network never goes through the proxy.
FORWARDED_MARK = "taocun.forwarded"
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)
MAX_PROXY_HOPS = 5


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    try:
        return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


def proxy_trusted(address: str) -> bool:
    """Is this address one of TRUSTED_PROXIES (addresses or networks, e.g. `10.0.0.0/8`)?"""
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not networks or not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == network.version and ip in network for network in networks)


def client_behind_proxies(request) -> str | None:
    """The client a trusted proxy forwarded: the right-most X-Forwarded-For hop that is not itself a trusted proxy.

    A proxy appends the address it saw to what the client sent, so everything left of that is the client's own
    claim. django-ipware parses the header (ports, IPv6 brackets, junk); `proxy_count` walks it from the right.
    """
    for hops in range(MAX_PROXY_HOPS):
        address, _routable = get_client_ip(
            request, proxy_count=hops, request_header_order=["HTTP_X_FORWARDED_FOR"], strict=False
        )
        if address is None:
            return None
        if not proxy_trusted(address):
            return address
    return None


class TrustedProxyMiddleware:
    """REMOTE_ADDR becomes the real client, and X-Forwarded-* count, only when a trusted proxy connected.

    With TRUSTED_PROXIES empty (the default: gunicorn facing clients) every forwarded header is dropped, so
    `X-Forwarded-For` cannot dodge the lockout, the throttles or the audit log, and `X-Forwarded-Proto: https`
    cannot pass for HTTPS (SECURE_PROXY_SSL_HEADER). Behind a trusted proxy, REMOTE_ADDR is set to the client it
    saw and X-Forwarded-For is removed (DRF's throttle would otherwise key on the whole header).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        peer = meta.get("REMOTE_ADDR", "")
        meta[FORWARDED_MARK] = any(header in meta for header in FORWARDED_HEADERS)
        if proxy_trusted(peer):
            meta["REMOTE_ADDR"] = client_behind_proxies(request) or peer
            meta.pop("HTTP_X_FORWARDED_FOR", None)
        else:
            for header in FORWARDED_HEADERS:
                meta.pop(header, None)
        return self.get_response(request)


class RequestAddressMiddleware:
    """Make the client's address available to services (audit log) without passing requests down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_ip.set(request.META.get("REMOTE_ADDR") or None)  # the client (TrustedProxyMiddleware)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(token)


DEVICE_COOKIE = "tc_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600


class DeviceMiddleware:
    """A device fingerprint for the anti-fraud rules: a long-lived random cookie in browsers; for clients that keep
    no cookie (API scripts), the address and the user agent. Stored hashed, never shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = request.COOKIES.get(DEVICE_COOKIE, "")
        fresh = None
        if not (16 <= len(cookie) <= 64 and cookie.isalnum()):
            cookie = ""
            if request.headers.get("Authorization") is None:  # a browser: give it an id to keep
                fresh = secrets.token_hex(16)
        seed = cookie or fresh or f"{request.META.get('REMOTE_ADDR', '')}|{request.headers.get('User-Agent', '')}"
        token = current_device.set(hashlib.sha256(seed.encode()).hexdigest()[:40])
        try:
            response = self.get_response(request)
        finally:
            current_device.reset(token)
        if fresh:
            response.set_cookie(
                DEVICE_COOKIE,
                fresh,
                max_age=DEVICE_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class ContentSecurityPolicyMiddleware:
    """Only our own scripts, styles, images and connections; no inline scripts; no framing."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(
            f"{directive} {sources}" for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class CompressionMiddleware(GZipMiddleware):
    """Gzip for HTML, JSON, CSS and scripts (a page is 4-8 times smaller on a slow rural link).

    BREACH (recovering a secret from the compressed size of responses that also reflect the attacker's
    input) is answered three ways: Django pads every gzip response with 0-100 random bytes ("Heal the
    Breach", Django >= 4.2), so sizes leak nothing over a few requests; the CSRF token in forms is masked
    afresh on every response; and a view whose body shows a lasting secret (a pickup code) is marked
    `@never_compressed`, so it is sent as it is. Session and API tokens travel in headers, never bodies.
    """

    def process_response(self, request, response):
        if getattr(response, "never_compressed", False):
            return response
        return super().process_response(request, response)


def never_compressed(view):
    """Send this view's responses uncompressed: its body shows a secret (see CompressionMiddleware)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.never_compressed = True
        return response

    return wrapped
