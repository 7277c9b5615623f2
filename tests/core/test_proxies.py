"""Issue 15, item 2: forwarded headers count only when a configured proxy (TRUSTED_PROXIES) sent them.

Production settings (DEBUG off) as the outside test ran them: gunicorn exposed directly, no proxy in front.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from core.models import AuditEntry
from orders.models import LedgerKind, ShopLedgerEntry
from tests.factories import AdminFactory, BuyerFactory, ShopFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    settings.TRUSTED_PROXIES = []
    return settings


def _login(client, username, password, **meta):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **meta)


def test_a_new_x_forwarded_for_per_try_does_not_escape_the_address_limit(client, production):
    """A password spray: one guess per account, a new forged address each time, from one real address."""
    production.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    production.LOGIN_ADDRESS_FAILURE_LIMIT = 20
    answers = [
        _login(client, f"villager{attempt}", "spring2026", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}").status_code
        for attempt in range(24)
    ]
    assert answers[:20] == [200] * 20
    assert answers[20:] == [429] * 4


def test_x_forwarded_proto_from_a_client_does_not_make_the_request_secure(client, production):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" not in response  # sent only on requests Django takes for HTTPS


def test_the_audit_log_keeps_the_address_that_connected(api_client, production):
    shop = ShopFactory()
    ShopLedgerEntry.objects.create(shop=shop, kind=LedgerKind.SALE, amount=Decimal("100.00"))
    api_client.force_authenticate(AdminFactory())
    response = api_client.post(
        "/api/payouts/",
        {"shop": shop.pk, "amount": "50.00"},
        format="json",
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert response.status_code == 201, response.content
    assert AuditEntry.objects.get(action="payout").ip_address == "192.0.2.10"


def test_the_anonymous_api_throttle_counts_the_address_not_the_header(api_client, production, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "3/min", raising=False)
    answers = [
        api_client.get("/api/provinces/", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}").status_code
        for attempt in range(5)
    ]
    assert answers[-1] == 429, answers


def test_behind_a_trusted_proxy_the_client_is_the_hop_the_proxy_saw(client, production):
    production.TRUSTED_PROXIES = ["10.0.0.0/8"]
    victim = BuyerFactory()
    # The attacker forges the left part; the proxy appends the address it saw (203.0.113.7), and a second
    # trusted proxy (10.0.0.9) its own.
    for attempt in range(production.LOGIN_FAILURE_LIMIT):
        chain = f"198.51.100.{attempt}, 203.0.113.7, 10.0.0.9"
        _login(client, victim.username, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)
    locked = _login(client, victim.username, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert locked.status_code == 429
    # Another client behind the same proxy is not that address.
    other = _login(client, victim.username, "wrong", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200
    # The proxy's X-Forwarded-Proto is honoured.
    response = client.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert "Strict-Transport-Security" in response


def test_the_client_address_is_the_peer_or_the_proxy_chain(rf, production):
    from core.middleware import TrustedProxyMiddleware

    seen = {}

    def view(request):
        meta = request.META
        seen.update(addr=meta["REMOTE_ADDR"], secure=request.is_secure(), xff="HTTP_X_FORWARDED_FOR" in meta)
        return None

    middleware = TrustedProxyMiddleware(view)
    forged = {"HTTP_X_FORWARDED_FOR": "6.6.6.6", "HTTP_X_FORWARDED_PROTO": "https"}
    middleware(rf.get("/", REMOTE_ADDR="192.0.2.1", **forged))
    assert seen == {"addr": "192.0.2.1", "secure": False, "xff": False}
    production.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::/32"]
    middleware(rf.get("/", REMOTE_ADDR="10.1.2.3", **{**forged, "HTTP_X_FORWARDED_FOR": "6.6.6.6, [2001:db9::1]:443"}))
    assert seen == {"addr": "2001:db9::1", "secure": True, "xff": False}
    middleware(rf.get("/", REMOTE_ADDR="2001:db8::7", HTTP_X_FORWARDED_FOR="garbage"))
    assert seen["addr"] == "2001:db8::7"  # nothing usable in the header: the proxy's own address
    middleware(rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="10.9.9.9, 10.8.8.8"))
    assert seen["addr"] == "10.1.2.3"  # only proxies in the chain: no client address to believe
